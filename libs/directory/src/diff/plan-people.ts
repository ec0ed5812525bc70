import { streamFor } from '@tandem/contracts';
import type { Directory } from '../model/directory';
import type { LinkRule, PersonRecord } from '../model/directory-state';
import { rangesToJson } from '../model/event-codecs';
import { identityKey, normalizeExternalId } from '../model/identity-keys';
import type { PersonDefinition, WorkingHours } from '../model/organization-model';
import type { EventPlan } from './event-plan';
import { planMemberships } from './plan-memberships';

/** The link rule of the source a plan applies: only its own links are its to undo. */
type PlanRule = Extract<LinkRule, 'config' | 'backstage'>;

export function sameWorkingHours(a: WorkingHours | null, b: WorkingHours | null): boolean {
  if (a === null || b === null) return a === b;
  return a.timezone === b.timezone && JSON.stringify(rangesToJson(a.ranges)) === JSON.stringify(rangesToJson(b.ranges));
}

/** Working hours as WorkingHoursSet data; null (no hours of their own) is an empty list. */
export function workingHoursData(hours: WorkingHours | null, fallbackTimezone: string) {
  return { timeZone: hours?.timezone ?? fallbackTimezone, hours: rangesToJson(hours?.ranges ?? []) };
}

function planRegistration(plan: EventPlan, current: PersonRecord | undefined, desired: PersonDefinition): void {
  const stream = streamFor.person(desired.id);
  const { id: personId, name, email, bot } = desired;
  // PersonUpdated cannot unset an email (unset means unchanged): re-registering can.
  if (!current || (current.email !== null && email === null)) {
    plan.add(stream, 'PersonRegistered', { personId, name, email: email ?? undefined, bot, changedBy: plan.by });
    return;
  }
  const changed = {
    name: current.name === name ? undefined : name,
    email: current.email === email ? undefined : (email ?? undefined),
    bot: current.bot === bot ? undefined : bot,
  };
  if (Object.values(changed).some((value) => value !== undefined)) plan.add(stream, 'PersonUpdated', { personId, ...changed, changedBy: plan.by });
}

/** What planning one person needs to know of the whole plan. */
export interface PersonPlanContext {
  /** The organisation's time zone (WorkingHoursSet needs one even to clear hours). */
  timezone: string;
  source: PlanRule;
  /** identityKey of every identity some person of the model has. */
  claimedIdentities: ReadonlySet<string>;
}

function planIdentities(plan: EventPlan, directory: Directory, current: PersonRecord | undefined, desired: PersonDefinition, context: PersonPlanContext): void {
  const stream = streamFor.person(desired.id);
  const rule = context.source;
  for (const identity of current?.identities ?? []) {
    // Only links this source made are its to undo (manual and email-matched links stay), and
    // not one another person of the model claims: linking it to them moves it.
    if (identity.rule !== rule || context.claimedIdentities.has(identityKey(identity))) continue;
    plan.add(stream, 'IdentityUnlinked', { personId: desired.id, identity: { tool: identity.tool, id: identity.id }, unlinkedBy: plan.by });
  }
  for (const identity of desired.identities) {
    const owner = directory.state.identityOwners.get(identity.tool)?.get(normalizeExternalId(identity.tool, identity.id));
    if (owner === desired.id) continue;
    plan.add(stream, 'IdentityLinked', {
      personId: desired.id,
      identity: { tool: identity.tool, id: identity.id },
      linkedBy: plan.by,
      rule: rule === 'backstage' ? 'IDENTITY_LINK_RULE_BACKSTAGE' : 'IDENTITY_LINK_RULE_CONFIG',
    });
  }
}

export function planMembershipEvents(plan: EventPlan, personId: string, current: PersonRecord | undefined, desired: PersonDefinition['memberships']): void {
  for (const change of planMemberships(current?.memberships ?? [], desired, plan.atIso)) {
    plan.add(streamFor.person(personId), 'TeamMembershipChanged', {
      personId,
      teamSlug: change.team,
      validFrom: change.from,
      validUntil: change.to ?? undefined,
      changedBy: plan.by,
    });
  }
}

/** Everything that changed about one person described in the model. */
export function planPerson(plan: EventPlan, directory: Directory, desired: PersonDefinition, context: PersonPlanContext): void {
  const current = directory.person(desired.id);
  const stream = streamFor.person(desired.id);
  planRegistration(plan, current, desired);
  planIdentities(plan, directory, current, desired, context);
  planMembershipEvents(plan, desired.id, current, desired.memberships);
  if (!sameWorkingHours(current?.workingHours ?? null, desired.workingHours)) {
    plan.add(stream, 'WorkingHoursSet', { personId: desired.id, ...workingHoursData(desired.workingHours, context.timezone), changedBy: plan.by });
  }
  if ((current?.optOutOfAutomaticRecognition ?? false) !== desired.optOutOfAutomaticRecognition) {
    plan.add(stream, 'RecognitionOptOutChanged', { personId: desired.id, optedOut: desired.optOutOfAutomaticRecognition, changedBy: plan.by });
  }
}
