import type { ExternalIdentityJson, ParticipantJson } from '@tandem/contracts';
import { externalIdentity } from '../shared/identity';
import type { JiraUser } from './jira-payload';

export const JIRA = 'jira';

/**
 * A Jira user: the Cloud `accountId`, else the Server/DC user `name` (the login tandem.yaml lists),
 * else its `key`; with the display name and email when Jira sends them. Cloud app accounts
 * (`accountType: "app"`, automation included) are bots. Undefined when the user names no id.
 */
export function jiraIdentity(user: JiraUser | null | undefined): ExternalIdentityJson | undefined {
  const id = user?.accountId ?? user?.name ?? user?.key;
  if (user === null || user === undefined || id === undefined) return undefined;
  return externalIdentity(JIRA, id, { name: user.displayName, email: user.emailAddress, bot: user.accountType === 'app' });
}

/** The same, as a Participant (post-mortem and action-item events). */
export function jiraParticipant(user: JiraUser | null | undefined): ParticipantJson | undefined {
  const identity = jiraIdentity(user);
  return identity === undefined ? undefined : { identity };
}
