import { streamFor } from '@tandem/contracts';
import type { Directory } from '../model/directory';
import { DirectoryChangeError } from '../model/directory-change-error';
import { toEpochMs, toIsoInstant, type Instant } from '../model/instant';
import type { MembershipInterval } from '../model/organization-model';
import type { IdentityChangeOptions } from '../resolution/identity-events';
import { EventPlan, type PlannedDirectoryEvent } from './event-plan';

function endMs(membership: MembershipInterval): number {
  return membership.to === null ? Number.POSITIVE_INFINITY : Date.parse(membership.to);
}

export interface MembershipChangeRequest {
  personId: string;
  team: string;
  /** The period's start: its key, with the person and the team. */
  from: Instant;
  /** Exclusive end; null: still a member; equal to `from`: withdraw the period starting then. */
  to: Instant | null;
}

/**
 * An admin's correction of one membership period (the proto's TeamMembershipChanged, keyed by
 * person, team and start): opens a period, moves its end, or withdraws it. Nothing if the period
 * is already so. Throws a DirectoryChangeError for an unknown person or team, a period that ends
 * before it starts, or one that would overlap another period in the same team.
 */
export function planMembershipChange(directory: Directory, change: MembershipChangeRequest, options: IdentityChangeOptions): readonly PlannedDirectoryEvent[] {
  const person = directory.person(change.personId);
  if (!person || person.unresolved) throw new DirectoryChangeError('DIRECTORY_UNKNOWN_PERSON', `no person "${change.personId}"`);
  if (!directory.team(change.team)) throw new DirectoryChangeError('DIRECTORY_UNKNOWN_TEAM', `no team "${change.team}"`);
  const fromMs = toEpochMs(change.from);
  const toMs = change.to === null ? Number.POSITIVE_INFINITY : toEpochMs(change.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new DirectoryChangeError('DIRECTORY_INVALID_PERIOD', 'from and to must be instants');
  if (toMs < fromMs) throw new DirectoryChangeError('DIRECTORY_INVALID_PERIOD', `the period ends (${toIsoInstant(toMs)}) before it starts (${toIsoInstant(fromMs)})`);

  const inTeam = person.memberships.filter((membership) => membership.team === change.team);
  const same = inTeam.find((membership) => Date.parse(membership.from) === fromMs);
  const withdraw = toMs === fromMs;
  if (withdraw && !same) throw new DirectoryChangeError('DIRECTORY_INVALID_PERIOD', `${person.id} has no period in "${change.team}" starting ${toIsoInstant(fromMs)} to withdraw`);
  if (same && endMs(same) === toMs) return [];
  const overlapped = withdraw ? undefined : inTeam.find((membership) => membership !== same && Date.parse(membership.from) < toMs && fromMs < endMs(membership));
  if (overlapped) {
    throw new DirectoryChangeError('DIRECTORY_OVERLAPPING_PERIOD', `overlaps ${change.personId}'s period in "${change.team}" from ${overlapped.from} to ${overlapped.to ?? 'now'}`);
  }

  const plan = new EventPlan({ at: options.at, by: options.by, eventSource: 'api', operationId: options.operationId, correlationId: options.correlationId });
  plan.add(streamFor.person(person.id), 'TeamMembershipChanged', {
    personId: person.id,
    teamSlug: change.team,
    validFrom: same?.from ?? toIsoInstant(fromMs),
    validUntil: change.to === null ? undefined : toIsoInstant(toMs),
    changedBy: options.by,
  });
  return plan.events();
}
