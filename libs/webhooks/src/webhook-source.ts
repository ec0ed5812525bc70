/** The tools that deliver webhooks to Tandem; each is also the last segment of `POST /webhooks/:source`. */
export const WEBHOOK_SOURCES = [
  'github',
  'gitlab',
  'slack',
  'teams',
  'pagerduty',
  'opsgenie',
  'incidentio',
  'jira',
] as const;

export type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

export function isWebhookSource(value: string): value is WebhookSource {
  return (WEBHOOK_SOURCES as readonly string[]).includes(value);
}
