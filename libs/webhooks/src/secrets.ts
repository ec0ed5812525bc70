import { isBase64 } from './crypto';
import { isStandardWebhookSecret } from './schemes/standard-webhooks';
import { WEBHOOK_SOURCES, type WebhookSource } from './webhook-source';

/** Per source, the secrets currently accepted: several while one is being rotated. */
export type WebhookSecrets = Readonly<Record<WebhookSource, readonly string[]>>;

/** The environment variable holding each source's comma-separated secrets (docs/interfaces.md). */
export const WEBHOOK_SECRET_ENV: Readonly<Record<WebhookSource, string>> = {
  github: 'TANDEM_GITHUB_WEBHOOK_SECRET',
  gitlab: 'TANDEM_GITLAB_WEBHOOK_TOKEN',
  slack: 'TANDEM_SLACK_SIGNING_SECRET',
  teams: 'TANDEM_TEAMS_WEBHOOK_SECRET',
  pagerduty: 'TANDEM_PAGERDUTY_WEBHOOK_SECRET',
  opsgenie: 'TANDEM_OPSGENIE_WEBHOOK_TOKEN',
  incidentio: 'TANDEM_INCIDENTIO_WEBHOOK_SECRET',
  jira: 'TANDEM_JIRA_WEBHOOK_SECRET',
};

/** Names the bad variables and entries, never their values. */
export class InvalidWebhookSecretsError extends Error {
  override readonly name = 'InvalidWebhookSecretsError';

  constructor(readonly problems: readonly { key: string; message: string }[]) {
    super(`invalid webhook secrets: ${problems.map(({ key, message }) => `${key} ${message}`).join('; ')}`);
  }
}

/** Why a secret cannot work for `source`, when its format is known; `undefined` when it can. */
function formatProblem(source: WebhookSource, secret: string): string | undefined {
  if (source === 'teams' && !isBase64(secret)) return 'is not the base64 security token Teams shows';
  if (source === 'incidentio' && !isStandardWebhookSecret(secret)) return 'is not a whsec_<base64> signing secret';
  if (source === 'gitlab' && secret.startsWith('whsec_') && !isStandardWebhookSecret(secret)) {
    return 'starts with whsec_ but is not a whsec_<base64> signing token';
  }
  return undefined;
}

/**
 * Reads every source's secrets (comma-separated, blanks ignored). A source with none is closed: its
 * deliveries are refused. Throws `InvalidWebhookSecretsError` listing every malformed entry.
 */
export function webhookSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): WebhookSecrets {
  const problems: { key: string; message: string }[] = [];
  const secrets = Object.fromEntries(
    WEBHOOK_SOURCES.map((source) => {
      const variable = WEBHOOK_SECRET_ENV[source];
      const entries = (env[variable] ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
      entries.forEach((secret, index) => {
        const problem = formatProblem(source, secret);
        if (problem !== undefined) problems.push({ key: variable, message: `entry ${index + 1} ${problem}` });
      });
      return [source, entries];
    }),
  ) as Record<WebhookSource, string[]>;
  if (problems.length > 0) throw new InvalidWebhookSecretsError(problems);
  return secrets;
}
