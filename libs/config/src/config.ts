import { envSchema } from './config.schema';
import { webhookSecretsFromEnv, WebhookSecretsConfig, WEBHOOK_SECRET_ENV } from './webhook-secret-env';

export type TandemMode = 'embedded' | 'distributed';

export interface TandemConfig {
  mode: TandemMode;
  http: { host: string; port: number; webhookBodyLimitBytes: number };
  /** The organisation file and the embedded mode's data folder. */
  paths: { organizationFile: string; dataDir: string };
  logLevel: string;
  postgres?: { url: string };
  kafka?: { brokers: string[]; clientId: string };
  redis?: { url: string };
  eventStoreDb?: { url: string };
  webhookSecrets: WebhookSecretsConfig;
}

/** Thrown when the environment does not describe a runnable Tandem; lists every bad key at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: { key: string; message: string }[]) {
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
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ key: String(issue.path[0] ?? '(environment)'), message: issue.message })),
    );
  }
  const values = parsed.data;
  return {
    mode: values.TANDEM_MODE,
    http: { host: values.HOST, port: values.PORT, webhookBodyLimitBytes: values.TANDEM_WEBHOOK_BODY_LIMIT },
    paths: { organizationFile: values.TANDEM_CONFIG, dataDir: values.TANDEM_DATA_DIR },
    logLevel: values.LOG_LEVEL,
    postgres: values.DATABASE_URL ? { url: values.DATABASE_URL } : undefined,
    kafka: values.KAFKA_BROKERS ? { brokers: values.KAFKA_BROKERS, clientId: values.KAFKA_CLIENT_ID } : undefined,
    redis: values.REDIS_URL ? { url: values.REDIS_URL } : undefined,
    eventStoreDb: values.EVENTSTORE_URL ? { url: values.EVENTSTORE_URL } : undefined,
    webhookSecrets: webhookSecretsFromEnv(env),
  };
}

/** The configuration as it may be logged: secrets replaced, passwords in URLs masked. */
export function redactConfig(config: TandemConfig): Record<string, unknown> {
  const maskUrl = (url: string) => url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
  return {
    ...config,
    postgres: config.postgres && { url: maskUrl(config.postgres.url) },
    redis: config.redis && { url: maskUrl(config.redis.url) },
    eventStoreDb: config.eventStoreDb && { url: maskUrl(config.eventStoreDb.url) },
    webhookSecrets: Object.fromEntries(
      Object.entries(config.webhookSecrets).map(([source, secrets]) => [
        source,
        secrets.length ? `${secrets.length} secret(s) from ${WEBHOOK_SECRET_ENV[source as keyof typeof WEBHOOK_SECRET_ENV]}` : 'not configured',
      ]),
    ),
  };
}

/** `FOO=` in a shell or a .env file means "not set", not "set to the empty string". */
function emptyAsUndefined(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === '' ? undefined : value]));
}
