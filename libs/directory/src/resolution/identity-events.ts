import { derivedEventId, streamFor } from '@tandem/contracts';
import { EventPlan, type PlannedDirectoryEvent } from '../diff/event-plan';
import type { Directory } from '../model/directory';
import { DirectoryChangeError } from '../model/directory-change-error';
import { normalizeExternalId } from '../model/identity-keys';
import type { Instant } from '../model/instant';
import type { ExternalRef } from '../model/organization-model';
import type { ObservedIdentity, SuggestionRule } from './suggest-links';

/** An admin's change through the API. */
export interface IdentityChangeOptions {
  at: Instant;
  /** Who: the admin's person id, or their API token (`token:<id>`). */
  by: string;
  /** Tells apart two changes by the same admin in the same millisecond (see EventPlanOptions). */
  operationId?: string;
  correlationId?: string;
}

function adminPlan(options: IdentityChangeOptions): EventPlan {
  return new EventPlan({ at: options.at, by: options.by, eventSource: 'api', operationId: options.operationId, correlationId: options.correlationId });
}

/**
 * Links an identity to a person (an admin's decision, or an accepted suggestion): from then on,
 * and on replay for all history, its events are that person's. Nothing if it already is; a
 * DirectoryChangeError for a person the directory does not know (or an unresolved placeholder).
 */
export function planIdentityLink(
  directory: Directory,
  personId: string,
  identity: ExternalRef,
  options: IdentityChangeOptions & { acceptedRule?: SuggestionRule },
): readonly PlannedDirectoryEvent[] {
  const person = directory.person(personId);
  if (!person || person.unresolved) throw new DirectoryChangeError('DIRECTORY_UNKNOWN_PERSON', `no person "${personId}"`);
  if (directory.state.identityOwners.get(identity.tool)?.get(normalizeExternalId(identity.tool, identity.id)) === personId) return [];
  const plan = adminPlan(options);
  plan.add(streamFor.person(personId), 'IdentityLinked', {
    personId,
    identity: { tool: identity.tool, id: identity.id },
    linkedBy: options.by,
    rule: options.acceptedRule === 'verified_email' ? 'IDENTITY_LINK_RULE_EMAIL_MATCH' : 'IDENTITY_LINK_RULE_MANUAL',
  });
  return plan.events();
}

/** Undoes a link; nothing if the identity is not the person's. */
export function planIdentityUnlink(directory: Directory, personId: string, identity: ExternalRef, options: IdentityChangeOptions): readonly PlannedDirectoryEvent[] {
  if (directory.state.identityOwners.get(identity.tool)?.get(normalizeExternalId(identity.tool, identity.id)) !== personId) return [];
  const plan = adminPlan(options);
  plan.add(streamFor.person(personId), 'IdentityUnlinked', { personId, identity: { tool: identity.tool, id: identity.id }, unlinkedBy: options.by });
  return plan.events();
}

/**
 * The IdentityObserved event for an identity seen in an event that resolves to nobody, or nothing.
 * Its id derives from the identity, so however often it is seen it is recorded once.
 */
export function planIdentityObservation(
  directory: Directory,
  identity: ObservedIdentity,
  seen: { at: Instant; inEventId?: string },
): readonly PlannedDirectoryEvent[] {
  if (directory.resolveIdentity(identity.tool, identity.id) !== undefined) return [];
  const plan = new EventPlan({ at: seen.at, by: 'tandem', eventSource: 'tandem' });
  const normalizedId = normalizeExternalId(identity.tool, identity.id);
  plan.add(
    streamFor.identity(identity.tool, normalizedId),
    'IdentityObserved',
    {
      identity: { tool: identity.tool, id: identity.id, name: identity.name ?? undefined, email: identity.email ?? undefined, bot: identity.bot ?? false },
      seenAt: plan.atIso,
      seenInEventId: seen.inEventId,
    },
    derivedEventId('identity-observed', identity.tool, normalizedId),
  );
  return plan.events();
}
