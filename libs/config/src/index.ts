export { loadConfig, redactConfig, ConfigError } from './config';
export type { TandemConfig, TandemMode } from './config';
export { WEBHOOK_SECRET_ENV, webhookSecretsFromEnv } from './webhook-secret-env';
export type { WebhookSecretsConfig, WebhookSourceName } from './webhook-secret-env';
