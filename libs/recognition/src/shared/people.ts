import type { ExternalIdentityJson } from '@tandem/contracts';
import { unresolvedPersonId, type Directory } from '@tandem/directory';

/**
 * The person behind a vendor identity, as the metrics model resolves actors: null for a bot (flagged
 * by the vendor or registered as one), else the linked person or the unresolved placeholder the
 * directory would create for the identity.
 */
export function personOfIdentity(directory: Directory, identity: ExternalIdentityJson | undefined): string | null {
  if (!identity?.tool || !identity.id || identity.bot === true) return null;
  const personId = directory.resolveIdentity(identity.tool, identity.id) ?? unresolvedPersonId(identity.tool, identity.id);
  return directory.isBot(personId) ? null : personId;
}

/** Someone a recognition can name: a configured person (not an unresolved placeholder), not a bot. */
export function isKnownPerson(directory: Directory, personId: string): boolean {
  const person = directory.person(personId);
  return person !== undefined && !person.unresolved && !person.bot;
}

/** Someone an automatic recognition can name: known, and not opted out of automatic recognitions. */
export function acceptsAutomaticRecognition(directory: Directory, personId: string): boolean {
  return isKnownPerson(directory, personId) && directory.person(personId)?.optOutOfAutomaticRecognition !== true;
}
