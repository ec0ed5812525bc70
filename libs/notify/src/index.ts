// Outbound messages: thin clients for Slack's chat.postMessage, Teams channel webhooks (Adaptive
// Cards) and SMTP email. Each call is one attempt; a failure is a RetryableDeliveryError (429 with
// the vendor's Retry-After, 5xx, network) or a PermanentDeliveryError (bad auth, unknown channel,
// other 4xx), and retrying is the caller's: a job with an idempotent id (libs/jobs).
// Local fakes of these endpoints for tests: `@tandem/notify-testing`.
export { DeliveryError, PermanentDeliveryError, RetryableDeliveryError, type DeliveryChannel } from './delivery-errors';
export { SlackClient, type SlackBlock, type SlackClientOptions, type SlackMessage, type SlackPosted } from './slack/slack-client';
export { TeamsWebhookClient, type AdaptiveCard, type TeamsWebhookClientOptions } from './teams/teams-webhook-client';
export { EmailClient, type EmailAttachment, type EmailClientOptions, type EmailMessage, type EmailSent } from './email/email-client';
