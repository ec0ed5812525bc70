import type { EventDataMap } from '@tandem/contracts';
import type { DirectoryDraft } from './directory-draft';
import type { PersonRecord } from './directory-state';
import { normalizeEmail } from './identity-keys';
import type { MembershipInterval } from './organization-model';

// Events may name a person before their registration (a link made through the API, events from
// another store): the fold stays total and creates the record.
export function newPerson(personId: string): PersonRecord {
  return {
    id: personId,
    name: personId,
    email: null,
    unresolved: false,
    bot: false,
    identities: [],
    memberships: [],
    workingHours: null,
    optOutOfAutomaticRecognition: false,
  };
}

export function updatePerson(draft: DirectoryDraft, personId: string, change: (person: PersonRecord) => PersonRecord): void {
  draft.writablePeople().set(personId, change(draft.person(personId) ?? newPerson(personId)));
}

function moveEmail(draft: DirectoryDraft, personId: string, previous: string | null, next: string | null): void {
  if (previous !== null && draft.emailOwner(normalizeEmail(previous)) === personId) draft.writableEmailOwners().delete(normalizeEmail(previous));
  if (next !== null) draft.writableEmailOwners().set(normalizeEmail(next), personId);
}

export function registerPerson(draft: DirectoryDraft, data: EventDataMap['PersonRegistered']): void {
  if (!data.personId) return;
  const email = data.email ?? null;
  moveEmail(draft, data.personId, draft.person(data.personId)?.email ?? null, email);
  updatePerson(draft, data.personId, (person) => ({ ...person, name: data.name ?? person.name, email, bot: data.bot ?? false, unresolved: false }));
}

/** Only the fields that are set changed. */
export function updatePersonFields(draft: DirectoryDraft, data: EventDataMap['PersonUpdated']): void {
  if (!data.personId) return;
  const person = draft.person(data.personId) ?? newPerson(data.personId);
  if (data.email !== undefined) moveEmail(draft, data.personId, person.email, data.email);
  draft.writablePeople().set(data.personId, {
    ...person,
    name: data.name ?? person.name,
    email: data.email ?? person.email,
    bot: data.bot ?? person.bot,
  });
}

function byStartThenTeam(a: MembershipInterval, b: MembershipInterval): number {
  return Date.parse(a.from) - Date.parse(b.from) || a.team.localeCompare(b.team);
}

/**
 * The key is (person, team, validFrom): the event replaces that period; a `validUntil` equal to
 * `validFrom` withdraws it.
 */
export function changeMembership(draft: DirectoryDraft, data: EventDataMap['TeamMembershipChanged']): void {
  const { personId, teamSlug, validFrom, validUntil } = data;
  if (!personId || !teamSlug || !validFrom) return;
  const fromMs = Date.parse(validFrom);
  const withdrawn = validUntil !== undefined && Date.parse(validUntil) === fromMs;
  updatePerson(draft, personId, (person) => {
    const others = person.memberships.filter((membership) => membership.team !== teamSlug || Date.parse(membership.from) !== fromMs);
    const memberships = withdrawn ? others : [...others, { team: teamSlug, from: validFrom, to: validUntil ?? null }];
    return { ...person, memberships: memberships.sort(byStartThenTeam) };
  });
}
