import { streamFor } from '@tandem/contracts';
import type { DerivedEvent } from '../normalizer';
import { incidentRoleFromName } from '../shared/incident-role';
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
  const responder = dataOf(pagerdutyResponder, context);
  if (!responder.user) return { ignored: 'responder request to an escalation policy names no person' };
  return [
    {
      type: 'ResponderAdded',
      streamId: streamFor.incident(PAGERDUTY, responder.incident.id),
      occurredAt: context.occurredAt,
      data: {
        tool: PAGERDUTY,
        pageId: responder.incident.id,
        responder: pagerdutyIdentity(responder.user),
        ...(context.by ? { requestedBy: context.by } : {}),
        addedAt: context.occurredAt,
      },
    },
  ];
}

/**
 * `incident.responder.replied`: `state` is `joined` when the responder accepted and `declined`
 * otherwise; a declined request is not participation.
 */
export function responderReplied(context: PagerdutyEventContext): DerivedEvent[] | NoPerson {
  const responder = dataOf(pagerdutyResponder, context);
  if (!responder.user) return { ignored: 'responder reply names no person' };
  return [
    {
      type: 'ResponderReplied',
      streamId: streamFor.incident(PAGERDUTY, responder.incident.id),
      occurredAt: context.occurredAt,
      data: {
        tool: PAGERDUTY,
        pageId: responder.incident.id,
        responder: pagerdutyIdentity(responder.user),
        ...(responder.state === 'joined' ? { accepted: true } : {}),
        repliedAt: context.occurredAt,
      },
    },
  ];
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
    events.push({
      type: 'IncidentRoleAssigned',
      streamId: streamFor.incident(PAGERDUTY, assignment.incident.id),
      occurredAt: context.occurredAt,
      data: {
        tool: PAGERDUTY,
        incidentId: assignment.incident.id,
        role: incidentRoleFromName(roleName),
        ...(roleName ? { roleName } : {}),
        assignee: pagerdutyIdentity(assignment.assignee),
        assignedAt: context.occurredAt,
        ...(context.by ? { by: context.by } : {}),
      },
    });
  }
  return events.length > 0 ? events : { ignored: 'incident roles were unassigned; Tandem records assignments only' };
}
