import type { ExternalIdentityJson } from '@tandem/contracts';
import type { DerivedEvent } from '../normalizer';
import { incidentRoleFromName } from '../shared/incident-role';
import { onIncidentStream, type PagerdutyFact } from './incident-lifecycle';
import { dataOf, type PagerdutyEventContext } from './pagerduty-event';
import { PAGERDUTY, pagerdutyIdentity } from './pagerduty-identity';
import { pagerdutyResponder, pagerdutyRoleAssignments } from './pagerduty-payload';

/**
 * Participation signals (metrics.md, `dev_incident_participation`): a person added as responder,
 * a responder who joined, a person holding an incident role. The responder request's `message` is
 * free text written to people and is never copied.
 */

/** What a normalizer returns when a delivery names no person to record. */
export type NoPerson = { ignored: string };

/** `incident.responder.added`: the person asked to help, by whom, when. */
export function responderAdded(context: PagerdutyEventContext): DerivedEvent[] | NoPerson {
  return responderFact(context, 'responder request to an escalation policy names no person', (asked) => ({
    type: 'ResponderAdded',
    data: { ...asked, ...(context.by ? { requestedBy: context.by } : {}), addedAt: context.occurredAt },
  }));
}

/**
 * `incident.responder.replied`: `state` is `joined` when the responder accepted and `declined`
 * otherwise; a declined request is not participation.
 */
export function responderReplied(context: PagerdutyEventContext): DerivedEvent[] | NoPerson {
  return responderFact(context, 'responder reply names no person', (asked, state) => ({
    type: 'ResponderReplied',
    data: { ...asked, ...(state === 'joined' ? { accepted: true } : {}), repliedAt: context.occurredAt },
  }));
}

/**
 * A responder request or reply is about a person on an incident's page: without a person (a
 * request to an escalation policy) there is nothing to record, whatever the event.
 */
function responderFact(
  context: PagerdutyEventContext,
  noPerson: string,
  fact: (asked: { tool: typeof PAGERDUTY; pageId: string; responder: ExternalIdentityJson }, state: string) => PagerdutyFact,
): DerivedEvent[] | NoPerson {
  const { incident, user, state } = dataOf(pagerdutyResponder, context);
  if (!user) return { ignored: noPerson };
  return onIncidentStream(context, incident.id, [fact({ tool: PAGERDUTY, pageId: incident.id, responder: pagerdutyIdentity(user) }, state)]);
}

/**
 * `incident.role.assigned` covers unassignment too: only the active assignments that name a person
 * become IncidentRoleAssigned. PagerDuty roles are named by the
 * account (`role.summary`), so the kind is read from the name and the name is kept.
 */
export function roleAssigned(context: PagerdutyEventContext): DerivedEvent[] | NoPerson {
  const { incident_role_assignments: assignments } = dataOf(pagerdutyRoleAssignments, context);
  const events: DerivedEvent[] = [];
  for (const assignment of assignments) {
    // An unassignment has no assignee, or an assignment no longer `active`.
    if (!assignment.assignee || (assignment.status && assignment.status !== 'active')) continue;
    const roleName = assignment.role.summary ?? undefined;
    const incidentId = assignment.incident.id;
    events.push(
      ...onIncidentStream(context, incidentId, [
        {
          type: 'IncidentRoleAssigned',
          data: {
            tool: PAGERDUTY,
            incidentId,
            role: incidentRoleFromName(roleName),
            ...(roleName ? { roleName } : {}),
            assignee: pagerdutyIdentity(assignment.assignee),
            assignedAt: context.occurredAt,
            ...(context.by ? { by: context.by } : {}),
          },
        },
      ]),
    );
  }
  return events.length > 0 ? events : { ignored: 'incident roles were unassigned; Tandem records assignments only' };
}
