import type { ExternalIdentityJson } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { nameOf } from '../shared/wording';
import { refused, type RefusedKudos } from './kudos-types';

/** How a refusal names an identity: "@Bob (teams 29:1bSn…)". */
function describeIdentity(identity: ExternalIdentityJson, label: string | undefined): string {
  const shown = label ?? identity.name;
  const id = (identity.id ?? '').length > 16 ? `${(identity.id ?? '').slice(0, 12)}…` : identity.id;
  return shown ? `@${shown} (${identity.tool} ${id})` : `${identity.tool} user ${id}`;
}

/**
 * The configured person behind a chat identity, or why there is none. People resolve through the
 * directory by tool id; an identity Tandem has only observed (an unresolved placeholder) is not
 * someone the feed can show, so it is unknown too.
 */
function resolveChatPerson(directory: Directory, identity: ExternalIdentityJson): { personId: string } | 'bot' | 'unknown' {
  if (identity.bot === true) return 'bot';
  const personId = identity.tool && identity.id ? directory.resolveIdentity(identity.tool, identity.id) : undefined;
  if (personId === undefined || directory.person(personId)?.unresolved !== false) return 'unknown';
  return directory.isBot(personId) ? 'bot' : { personId };
}

export function resolveGiver(directory: Directory, identity: ExternalIdentityJson | undefined): string | RefusedKudos {
  if (!identity) return refused('UNKNOWN_PERSON', 'The message names no author, so there is nobody to give the kudos from.');
  const resolved = resolveChatPerson(directory, identity);
  if (resolved === 'bot') return refused('BOT', 'Bots and integrations cannot give kudos; kudos come from people.');
  if (resolved === 'unknown') {
    return refused('UNKNOWN_PERSON', `Your ${identity.tool} account ${identity.id} is not linked to anyone in tandem.yaml, so your kudos cannot be recorded.`);
  }
  return resolved.personId;
}

export function resolveRecipient(directory: Directory, identity: ExternalIdentityJson, label?: string): string | RefusedKudos {
  const resolved = resolveChatPerson(directory, identity);
  const who = describeIdentity(identity, label);
  if (resolved === 'bot') return refused('BOT', `${who} is a bot; kudos are for people.`);
  if (resolved === 'unknown') return refused('UNKNOWN_PERSON', `${who} is not linked to anyone in tandem.yaml; link that identity, then give the kudos again.`);
  return resolved.personId;
}

/** A person id given by the API: configured, and not a bot. */
export function checkPersonId(directory: Directory, personId: string, role: 'giver' | 'recipient'): RefusedKudos | null {
  const person = directory.person(personId);
  if (!person || person.unresolved) {
    return refused('UNKNOWN_PERSON', role === 'giver' ? `You (${personId}) are not a person in tandem.yaml, so you cannot give kudos.` : `"${personId}" is not a person in tandem.yaml.`);
  }
  if (person.bot) return refused('BOT', role === 'giver' ? 'Bots and integrations cannot give kudos; kudos come from people.' : `${nameOf(directory, personId)} is a bot; kudos are for people.`);
  return null;
}
