import type { ExternalIdentityJson } from '@tandem/contracts';
import { externalIdentity } from '../shared/identity';
import type { PagerdutyReference } from './pagerduty-payload';

export const PAGERDUTY = 'pagerduty';

/**
 * A PagerDuty actor. Only a `user_reference` is a person; any other reference (a
 * `service_reference` for an integration or event rule, an API token, …) is automation, flagged as
 * a bot so that it never counts as a person's acknowledgement.
 */
export function pagerdutyIdentity(reference: PagerdutyReference): ExternalIdentityJson {
  return externalIdentity(PAGERDUTY, reference.id, {
    name: reference.summary,
    bot: reference.type !== undefined && reference.type !== 'user_reference',
  });
}

/** `event.agent`: unset when PagerDuty reports none (the act was automation, paging.proto). */
export function agentIdentity(agent: PagerdutyReference | null | undefined): ExternalIdentityJson | undefined {
  return agent ? pagerdutyIdentity(agent) : undefined;
}

/** People among references (assignees): escalation policies or teams in the list are not people. */
export function userIdentities(references: readonly PagerdutyReference[] | null | undefined): ExternalIdentityJson[] {
  return (references ?? []).filter((reference) => reference.type === undefined || reference.type === 'user_reference').map(pagerdutyIdentity);
}
