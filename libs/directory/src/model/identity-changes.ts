import type { EventDataMap } from '@tandem/contracts';
import type { DirectoryDraft } from './directory-draft';
import type { LinkedIdentity, LinkRule } from './directory-state';
import type { LinkRuleJson } from './event-codecs';
import { normalizeEmail, normalizeExternalId, unresolvedPersonId } from './identity-keys';
import type { ExternalRef } from './organization-model';
import { newPerson, updatePerson } from './person-changes';

const LINK_RULES: Readonly<Record<LinkRuleJson, LinkRule>> = {
  IDENTITY_LINK_RULE_UNSPECIFIED: 'manual',
  IDENTITY_LINK_RULE_CONFIG: 'config',
  IDENTITY_LINK_RULE_BACKSTAGE: 'backstage',
  IDENTITY_LINK_RULE_EMAIL_MATCH: 'email_match',
  IDENTITY_LINK_RULE_MANUAL: 'manual',
};

function isSame(identity: ExternalRef, tool: string, normalizedId: string): boolean {
  return identity.tool === tool && normalizeExternalId(tool, identity.id) === normalizedId;
}

function detach(draft: DirectoryDraft, personId: string, tool: string, normalizedId: string): void {
  const person = draft.person(personId);
  if (!person) return;
  const identities = person.identities.filter((identity) => !isSame(identity, tool, normalizedId));
  // An unresolved person only stands in for its identities: once they are linked away, it is gone.
  if (person.unresolved && identities.length === 0) draft.writablePeople().delete(personId);
  else draft.writablePeople().set(personId, { ...person, identities });
}

/** From now on, and on replay for all history, the identity is this person. */
export function linkIdentity(draft: DirectoryDraft, data: EventDataMap['IdentityLinked']): void {
  const { personId, identity } = data;
  if (!personId || !identity?.tool || !identity.id) return;
  const normalizedId = normalizeExternalId(identity.tool, identity.id);
  const previousOwner = draft.identityOwner(identity.tool, normalizedId);
  if (previousOwner !== undefined && previousOwner !== personId) detach(draft, previousOwner, identity.tool, normalizedId);
  const linked: LinkedIdentity = { tool: identity.tool, id: identity.id, rule: LINK_RULES[data.rule ?? 'IDENTITY_LINK_RULE_UNSPECIFIED'] };
  updatePerson(draft, personId, (person) => ({
    ...person,
    identities: [...person.identities.filter((existing) => !isSame(existing, identity.tool as string, normalizedId)), linked],
  }));
  draft.writableIdentityOwners(identity.tool).set(normalizedId, personId);
}

export function unlinkIdentity(draft: DirectoryDraft, data: EventDataMap['IdentityUnlinked']): void {
  const { personId, identity } = data;
  if (!personId || !identity?.tool || !identity.id) return;
  const normalizedId = normalizeExternalId(identity.tool, identity.id);
  if (draft.identityOwner(identity.tool, normalizedId) !== personId) return;
  detach(draft, personId, identity.tool, normalizedId);
  draft.writableIdentityOwners(identity.tool).delete(normalizedId);
}

/** An identity nobody is linked to becomes an unresolved person, so it can be linked later. */
export function observeIdentity(draft: DirectoryDraft, data: EventDataMap['IdentityObserved']): void {
  const { identity } = data;
  if (!identity?.tool || !identity.id) return;
  const normalizedId = normalizeExternalId(identity.tool, identity.id);
  if (draft.identityOwner(identity.tool, normalizedId) !== undefined) return;
  const personId = unresolvedPersonId(identity.tool, identity.id);
  draft.writablePeople().set(personId, {
    ...newPerson(personId),
    name: identity.name ?? identity.id,
    email: identity.email ?? null,
    unresolved: true,
    bot: identity.bot ?? false,
    identities: [{ tool: identity.tool, id: identity.id, rule: 'observed' }],
  });
  draft.writableIdentityOwners(identity.tool).set(normalizedId, personId);
}

/** Erasure: the person and every way to reach them are gone; projections drop them too. */
export function erasePerson(draft: DirectoryDraft, data: EventDataMap['PersonErased']): void {
  const person = data.personId ? draft.person(data.personId) : undefined;
  if (!person) return;
  for (const identity of person.identities) draft.writableIdentityOwners(identity.tool).delete(normalizeExternalId(identity.tool, identity.id));
  if (person.email !== null && draft.emailOwner(normalizeEmail(person.email)) === person.id) draft.writableEmailOwners().delete(normalizeEmail(person.email));
  draft.writablePeople().delete(person.id);
}
