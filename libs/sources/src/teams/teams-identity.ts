import type { ExternalIdentityJson } from '@tandem/contracts';
import { externalIdentity } from '../shared/identity';
import type { TeamsChannelAccount } from './teams-payload';

export const TEAMS = 'teams';

/** Bot Framework ids: `29:…` for users, `28:…` for bots (the outgoing webhook itself is one). */
const BOT_ACCOUNT = /^28:/;

/**
 * A Bot Framework account (an Activity's `from`, a mention's `mentioned`): the AAD object id, the id
 * tandem.yaml lists for Teams, when Teams sends it; otherwise the Bot Framework id (`29:…`), which
 * the directory can link like any other identity. Bots never count as people.
 */
export function teamsAccountIdentity(account: TeamsChannelAccount): ExternalIdentityJson {
  const bot = account.role === 'bot' || BOT_ACCOUNT.test(account.id);
  return externalIdentity(TEAMS, account.aadObjectId ?? account.id, { name: account.name, bot });
}

/** A Graph identity: a user (`from.user`, AAD object id) or an application (a bot). */
export function graphIdentity(identity: { id: string; displayName?: string | undefined }, bot: boolean): ExternalIdentityJson {
  return externalIdentity(TEAMS, identity.id, { name: identity.displayName, bot });
}
