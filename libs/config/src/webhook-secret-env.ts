/**
 * The environment variable that holds each webhook source's secret(s) (interfaces.md).
 * A comma-separated value lists several secrets, so old and new are both accepted during rotation.
 */
export const WEBHOOK_SECRET_ENV = {
  github: 'TANDEM_GITHUB_WEBHOOK_SECRET',
  gitlab: 'TANDEM_GITLAB_WEBHOOK_TOKEN',
  slack: 'TANDEM_SLACK_SIGNING_SECRET',
  teams: 'TANDEM_TEAMS_WEBHOOK_SECRET',
  pagerduty: 'TANDEM_PAGERDUTY_WEBHOOK_SECRET',
  opsgenie: 'TANDEM_OPSGENIE_WEBHOOK_TOKEN',
  incidentio: 'TANDEM_INCIDENTIO_WEBHOOK_SECRET',
  jira: 'TANDEM_JIRA_WEBHOOK_SECRET',
} as const;

export type WebhookSourceName = keyof typeof WEBHOOK_SECRET_ENV;

/** Per source, the accepted secrets; an empty list means the source is refused (never open). */
export type WebhookSecretsConfig = Record<WebhookSourceName, string[]>;

export function webhookSecretsFromEnv(env: Record<string, string | undefined>): WebhookSecretsConfig {
  const entries = Object.entries(WEBHOOK_SECRET_ENV).map(([source, variable]) => [
    source,
    (env[variable] ?? '')
      .split(',')
      .map((secret) => secret.trim())
      .filter(Boolean),
  ]);
  return Object.fromEntries(entries) as WebhookSecretsConfig;
}
