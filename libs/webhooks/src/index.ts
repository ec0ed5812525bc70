export { routeDelivery, verifyWebhook, type DeliveryRouting } from './delivery';
export {
  decodeWebhookDelivery,
  decodeWebhookEnvelope,
  encodeWebhookDelivery,
  encodeWebhookEnvelope,
  ENVELOPE_LOG_HEADERS,
  envelopeLogHeaders,
  envelopeRawBody,
  InvalidWebhookEnvelopeError,
  WEBHOOK_ENVELOPE_VERSION,
  type WebhookEnvelope,
  type WebhookEnvelopeHeader,
} from './envelope';
export type { IncomingHeaders, WebhookRequest } from './headers';
export { REPLAY_WINDOW_SECONDS } from './schemes/replay-window';
export {
  InvalidWebhookSecretsError,
  WEBHOOK_SECRET_ENV,
  webhookSecretsFromEnv,
  type WebhookSecrets,
} from './secrets';
export { signWebhook, type SigningContext } from './signing';
export { slackUrlVerificationChallenge } from './slack-url-verification';
export type { Verification } from './verification';
export { OPSGENIE_TOKEN_HEADER } from './vendors';
export { isWebhookSource, WEBHOOK_SOURCES, type WebhookSource } from './webhook-source';
