import type { Directory } from '../model/directory';
import { identityKey } from '../model/identity-keys';
import type { OrganizationModel } from '../model/organization-model';
import type { Instant } from '../model/instant';
import { EventPlan, type PlannedDirectoryEvent } from './event-plan';
import { planOrganization, planRetirements, planService, planTeam } from './plan-catalog';
import { planMembershipEvents, planPerson } from './plan-people';

/** Which description of the organisation a plan applies; it owns the identity links it made. */
export type PlanSource = 'config' | 'backstage';

export interface PlanOptions {
  /** When the changes take effect: the occurredAt of every planned event. */
  at: Instant;
  /** Who made the change: an admin's person id, or the import (`tandem.yaml`, `backstage`). */
  by: string;
  /** Default `config` (tandem.yaml). */
  source?: PlanSource;
}

const EVENT_SOURCE: Readonly<Record<PlanSource, string>> = { config: 'tandem.yaml', backstage: 'backstage' };

/**
 * The directory events that make `current` describe `desired`, and only those: applying the same
 * model twice plans nothing the second time. Nothing is deleted: a person who left the model has
 * their memberships closed at `at`, a team or service that left it is retired at `at`.
 */
export function planDirectoryChanges(current: Directory, desired: OrganizationModel, options: PlanOptions): readonly PlannedDirectoryEvent[] {
  const source = options.source ?? 'config';
  const plan = new EventPlan({ at: options.at, by: options.by, eventSource: EVENT_SOURCE[source] });
  const timezone = desired.config.timezone ?? current.settings.timezone;
  planOrganization(plan, current, desired.config);
  for (const team of desired.teams) planTeam(plan, current, team, timezone);
  const desiredPeople = new Set(desired.people.map((person) => person.id));
  const claimedIdentities = new Set(desired.people.flatMap((person) => person.identities.map(identityKey)));
  for (const person of desired.people) planPerson(plan, current, person, { timezone, source, claimedIdentities });
  for (const person of current.people()) {
    if (!person.unresolved && !desiredPeople.has(person.id)) planMembershipEvents(plan, person.id, person, []);
  }
  for (const service of desired.services) planService(plan, current, service);
  planRetirements(plan, current, new Set(desired.teams.map((team) => team.slug)), new Set(desired.services.map((service) => service.slug)));
  return plan.events();
}
