import { z } from 'zod';

/**
 * Every setting Tandem reads from the environment, in one typed schema, validated once at start-up.
 * `sensitive` keys are masked whenever the configuration is logged or printed.
 */
const brokerList = z
  .string()
  .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'each broker must be host:port')).min(1));

const postgresUrl = z
  .string()
  .url()
  .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must be a postgres:// or postgresql:// URL');

const redisUrl = z
  .string()
  .url()
  .refine((url) => /^rediss?:\/\//.test(url), 'must be a redis:// or rediss:// URL');

const httpUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//.test(url), 'must be an http:// or https:// URL');

export const envSchema = z
  .object({
    TANDEM_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    TANDEM_CONFIG: z.string().default('tandem.yaml'),
    TANDEM_DATA_DIR: z.string().default('data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: postgresUrl.optional(),
    KAFKA_BROKERS: brokerList.optional(),
    KAFKA_CLIENT_ID: z.string().default('tandem'),
    /** Put before every topic and consumer group name: installations (or test runs) sharing one cluster stay apart. */
    KAFKA_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{0,100}$/, 'must be letters, digits, dots, dashes or underscores').default(''),
    REDIS_URL: redisUrl.optional(),
    /** Put before every BullMQ key (background jobs): installations (or test runs) sharing one Redis stay apart. */
    TANDEM_JOBS_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be letters, digits, dots, dashes or underscores').default('tandem'),
    EVENTSTORE_URL: z
      .string()
      .refine((url) => url.startsWith('esdb://') || url.startsWith('esdb+discover://'), 'must be an esdb:// connection string')
      .optional(),
    TANDEM_WEBHOOK_BODY_LIMIT: z.coerce.number().int().positive().default(1024 * 1024),
    // The GraphQL API (apps/api). Mercurius by default: in bench/api.bench.ts (the `teams` query,
    // embedded mode, 2 shared cores) it spends ~0.8 ms of event loop per request against Apollo's
    // ~1.4 ms, serves 500 req/s with p99 28 ms against 60 ms, and peaks at ~1,450 req/s against ~860.
    TANDEM_GRAPHQL_DRIVER: z.enum(['apollo', 'mercurius']).default('mercurius'),
    TANDEM_GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
    TANDEM_GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(5000),
    TANDEM_GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    TANDEM_GRAPHQL_BODY_LIMIT: z.coerce.number().int().positive().default(256 * 1024),
    /** Per API token: sustained requests per second, and the burst above it. */
    TANDEM_API_RATE_LIMIT: z.coerce.number().positive().default(20),
    TANDEM_API_RATE_BURST: z.coerce.number().int().positive().default(60),
    /** `/metrics` without a token (for a scraper inside the cluster); by default the API asks for one. */
    TANDEM_METRICS_PUBLIC: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
    /**
     * KPI queries answer from a read-model checkpoint read at most this long ago (bounded staleness):
     * a moved checkpoint is assembled and warmed in the background meanwhile. 0: every query reads it.
     */
    TANDEM_KPI_MAX_STALENESS_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
    // KPI snapshots and reports (libs/reports). The key signs every snapshot `tandem export` writes
    // and is what `tandem verify` checks against; without it those two commands refuse to run.
    TANDEM_SNAPSHOT_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters (an HMAC-SHA256 key)').optional(),
    /** The name each signature carries; unset: a fingerprint of the key (`key-<12 hex of its SHA-256>`). */
    TANDEM_SNAPSHOT_KEY_ID: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes, underscores or colons').optional(),
    /** Headless Chromium for `tandem report --format pdf` (Debian's package installs it here). */
    TANDEM_CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
    // Outbound messages (libs/notify): recognitions posted back, reports delivered. Where to post is
    // in tandem.yaml (recognition.postTo); the credentials are here, so the file holds no secret.
    /** A Slack bot token with chat:write; unset: nothing is posted to Slack. */
    TANDEM_SLACK_BOT_TOKEN: z.string().regex(/^xox[a-z]-[\w-]+$/, 'must be a Slack bot token (xoxb-…)').optional(),
    /** The Slack Web API's base URL (a proxy, or a local fake in tests). */
    TANDEM_SLACK_API_URL: httpUrl.default('https://slack.com/api/'),
    /** The Teams channel's webhook (Workflows or Incoming Webhook); its URL is its credential. Wins over recognition.postTo.teams.webhookUrl. */
    TANDEM_TEAMS_POST_WEBHOOK_URL: httpUrl.optional(),
    /** `smtp://user:pass@host:587` or `smtps://…:465`, for reports sent by email. */
    TANDEM_SMTP_URL: z
      .string()
      .url()
      .refine((url) => /^smtps?:\/\//.test(url), 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** The sender of those emails, e.g. `Tandem <tandem@example.com>`. */
    TANDEM_SMTP_FROM: z.string().regex(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an email address, optionally as "Name <address>"').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.TANDEM_MODE !== 'distributed') return;
    // The distributed mode has no embedded fallback: a missing connection is an error, never a silent default.
    for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL'] as const) {
      if (env[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'required when TANDEM_MODE=distributed' });
      }
    }
  })
  .superRefine((env, ctx) => {
    if (env.TANDEM_SMTP_URL !== undefined && env.TANDEM_SMTP_FROM === undefined) {
      ctx.addIssue({ code: 'custom', path: ['TANDEM_SMTP_FROM'], message: 'required with TANDEM_SMTP_URL' });
    }
  });

export type TandemEnv = z.infer<typeof envSchema>;
