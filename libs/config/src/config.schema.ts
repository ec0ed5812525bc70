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
    REDIS_URL: redisUrl.optional(),
    EVENTSTORE_URL: z
      .string()
      .refine((url) => url.startsWith('esdb://') || url.startsWith('esdb+discover://'), 'must be an esdb:// connection string')
      .optional(),
    TANDEM_WEBHOOK_BODY_LIMIT: z.coerce.number().int().positive().default(1024 * 1024),
  })
  .superRefine((env, ctx) => {
    if (env.TANDEM_MODE !== 'distributed') return;
    // The distributed mode has no embedded fallback: a missing connection is an error, never a silent default.
    for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL'] as const) {
      if (env[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'required when TANDEM_MODE=distributed' });
      }
    }
  });

export type TandemEnv = z.infer<typeof envSchema>;
