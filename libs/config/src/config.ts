import { createHash } from 'node:crypto';
import { envSchema } from './config.schema';
import { InvalidWebhookSecretsError, WEBHOOK_SECRET_ENV, webhookSecretsFromEnv, type WebhookSecrets, type WebhookSource } from '@tandem/webhooks';

export type TandemMode = 'embedded' | 'distributed';

export interface TandemConfig {
  mode: TandemMode;
  http: { host: string; port: number; webhookBodyLimitBytes: number };
  /** The organisation file and the embedded mode's data folder. */
  paths: { organizationFile: string; dataDir: string };
  logLevel: string;
  postgres?: { url: string };
  kafka?: { brokers: string[]; clientId: string; topicPrefix: string };
  redis?: { url: string };
  eventStoreDb?: { url: string };
  webhookSecrets: WebhookSecrets;
  api: ApiSettings;
  reports: ReportSettings;
  /** Background jobs (libs/jobs). */
  jobs: { redisPrefix: string };
  notify: NotifySettings;
}

/** Credentials of the outbound channels (libs/notify); null: that channel is not configured. */
export interface NotifySettings {
  slack: { botToken: string; apiUrl: string } | null;
  /** From TANDEM_TEAMS_POST_WEBHOOK_URL; null: tandem.yaml's recognition.postTo.teams.webhookUrl, if any. */
  teams: { webhookUrl: string } | null;
  smtp: { url: string; from: string } | null;
}

/** KPI snapshots and reports (libs/reports). */
export interface ReportSettings {
  /** Signs and verifies snapshots; null: `tandem export` and `tandem verify` refuse to run. */
  snapshotSigning: { key: string; keyId: string } | null;
  chromiumPath: string;
}

/** The GraphQL API's settings (apps/api). */
export interface ApiSettings {
  graphqlDriver: 'apollo' | 'mercurius';
  limits: { maxDepth: number; maxCost: number; maxAliases: number; bodyLimitBytes: number };
  /** Token bucket per API token: refilled at `perSecond`, holding at most `burst`. */
  rateLimit: { perSecond: number; burst: number };
  metricsPublic: boolean;
  /** How old a read-model checkpoint KPI answers may be (KpiReadModel's maxStalenessMs). */
  kpiMaxStalenessMs: number;
}

/** Thrown when the environment does not describe a runnable Tandem; lists every bad key at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: readonly { key: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map(({ key, message }) => `${key}: ${message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration once, at start-up. Never called from deep inside the
 * code: apps receive the resulting object through dependency injection.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): TandemConfig {
  const parsed = envSchema.safeParse(emptyAsUndefined(env));
  const secrets = readWebhookSecrets(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ key: String(issue.path[0] ?? '(environment)'), message: issue.message }))),
    ...('problems' in secrets ? secrets.problems : []),
  ];
  if (!parsed.success || 'problems' in secrets) throw new ConfigError(problems);
  const values = parsed.data;
  return {
    mode: values.TANDEM_MODE,
    http: { host: values.HOST, port: values.PORT, webhookBodyLimitBytes: values.TANDEM_WEBHOOK_BODY_LIMIT },
    paths: { organizationFile: values.TANDEM_CONFIG, dataDir: values.TANDEM_DATA_DIR },
    logLevel: values.LOG_LEVEL,
    postgres: values.DATABASE_URL ? { url: values.DATABASE_URL } : undefined,
    kafka: values.KAFKA_BROKERS ? { brokers: values.KAFKA_BROKERS, clientId: values.KAFKA_CLIENT_ID, topicPrefix: values.KAFKA_TOPIC_PREFIX } : undefined,
    redis: values.REDIS_URL ? { url: values.REDIS_URL } : undefined,
    eventStoreDb: values.EVENTSTORE_URL ? { url: values.EVENTSTORE_URL } : undefined,
    webhookSecrets: secrets.secrets,
    api: {
      graphqlDriver: values.TANDEM_GRAPHQL_DRIVER,
      limits: {
        maxDepth: values.TANDEM_GRAPHQL_MAX_DEPTH,
        maxCost: values.TANDEM_GRAPHQL_MAX_COST,
        maxAliases: values.TANDEM_GRAPHQL_MAX_ALIASES,
        bodyLimitBytes: values.TANDEM_GRAPHQL_BODY_LIMIT,
      },
      rateLimit: { perSecond: values.TANDEM_API_RATE_LIMIT, burst: values.TANDEM_API_RATE_BURST },
      metricsPublic: values.TANDEM_METRICS_PUBLIC,
      kpiMaxStalenessMs: values.TANDEM_KPI_MAX_STALENESS_MS,
    },
    jobs: { redisPrefix: values.TANDEM_JOBS_PREFIX },
    notify: {
      slack: values.TANDEM_SLACK_BOT_TOKEN ? { botToken: values.TANDEM_SLACK_BOT_TOKEN, apiUrl: values.TANDEM_SLACK_API_URL } : null,
      teams: values.TANDEM_TEAMS_POST_WEBHOOK_URL ? { webhookUrl: values.TANDEM_TEAMS_POST_WEBHOOK_URL } : null,
      smtp: values.TANDEM_SMTP_URL && values.TANDEM_SMTP_FROM ? { url: values.TANDEM_SMTP_URL, from: values.TANDEM_SMTP_FROM } : null,
    },
    reports: {
      snapshotSigning: values.TANDEM_SNAPSHOT_SIGNING_KEY
        ? { key: values.TANDEM_SNAPSHOT_SIGNING_KEY, keyId: values.TANDEM_SNAPSHOT_KEY_ID ?? keyFingerprint(values.TANDEM_SNAPSHOT_SIGNING_KEY) }
        : null,
      chromiumPath: values.TANDEM_CHROMIUM_PATH,
    },
  };
}

/** A key's public name when none is configured: identifies it in signatures without revealing it. */
function keyFingerprint(key: string): string {
  return `key-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 12)}`;
}

/** The configuration as it may be logged: secrets replaced, passwords in URLs masked. */
export function redactConfig(config: TandemConfig): Record<string, unknown> {
  const maskUrl = (url: string) => url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
  return {
    ...config,
    postgres: config.postgres && { url: maskUrl(config.postgres.url) },
    redis: config.redis && { url: maskUrl(config.redis.url) },
    eventStoreDb: config.eventStoreDb && { url: maskUrl(config.eventStoreDb.url) },
    reports: {
      ...config.reports,
      snapshotSigning: config.reports.snapshotSigning ? { key: '*** (TANDEM_SNAPSHOT_SIGNING_KEY)', keyId: config.reports.snapshotSigning.keyId } : 'not configured',
    },
    notify: {
      slack: config.notify.slack ? { botToken: '*** (TANDEM_SLACK_BOT_TOKEN)', apiUrl: config.notify.slack.apiUrl } : 'not configured',
      teams: config.notify.teams ? { webhookUrl: `${new URL(config.notify.teams.webhookUrl).origin}/*** (TANDEM_TEAMS_POST_WEBHOOK_URL)` } : 'not configured',
      smtp: config.notify.smtp ? { url: maskUrl(config.notify.smtp.url), from: config.notify.smtp.from } : 'not configured',
    },
    webhookSecrets: Object.fromEntries(
      Object.entries(config.webhookSecrets).map(([source, secrets]) => [
        source,
        secrets.length ? `${secrets.length} secret(s) from ${WEBHOOK_SECRET_ENV[source as WebhookSource]}` : 'not configured',
      ]),
    ),
  };
}

/** Secret formats are checked with the rest of the configuration, so every bad key is named at once. */
function readWebhookSecrets(
  env: Record<string, string | undefined>,
): { secrets: WebhookSecrets } | { problems: readonly { key: string; message: string }[] } {
  try {
    return { secrets: webhookSecretsFromEnv(env) };
  } catch (error) {
    if (error instanceof InvalidWebhookSecretsError) return { problems: error.problems };
    throw error;
  }
}

/** `FOO=` in a shell or a .env file means "not set", not "set to the empty string". */
function emptyAsUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
}
