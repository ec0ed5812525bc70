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
  kafka?: { brokers: string[]; clientId: string };
  redis?: { url: string };
  eventStoreDb?: { url: string };
  webhookSecrets: WebhookSecrets;
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
    kafka: values.KAFKA_BROKERS ? { brokers: values.KAFKA_BROKERS, clientId: values.KAFKA_CLIENT_ID } : undefined,
    redis: values.REDIS_URL ? { url: values.REDIS_URL } : undefined,
    eventStoreDb: values.EVENTSTORE_URL ? { url: values.EVENTSTORE_URL } : undefined,
    webhookSecrets: secrets.secrets,
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
