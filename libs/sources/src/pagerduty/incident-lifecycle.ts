import { streamFor } from '@tandem/contracts';
import type { DerivedEvent } from '../normalizer';
import { dataOf, withBy, type PagerdutyEventContext } from './pagerduty-event';
import { PAGERDUTY, userIdentities } from './pagerduty-identity';
import {
  pagerdutyAssignedIncident,
  pagerdutyIncidentRef,
  pagerdutyIncidentService,
  pagerdutyPrioritizedIncident,
  pagerdutyTriggeredIncident,
} from './pagerduty-payload';
import { pagerdutySeverity, pageUrgency } from './pagerduty-severity';

/**
 * A PagerDuty incident is both a page and an incident (paging.proto): its normalizer emits the
 * page facts and, for the same IncidentRef, the incident facts. Both live on the incident's stream
 * (`incident-pagerduty-<id>`), so one incident's history reads in PagerDuty's own order (PagerDuty
 * orders webhooks per incident, and the gateway partitions by incident).
 */

/** A fact before it is placed: `onIncidentStream` gives every PagerDuty fact the same place. */
type Placeless<E> = E extends DerivedEvent ? Omit<E, 'streamId' | 'occurredAt'> : never;
export type PagerdutyFact = Placeless<DerivedEvent>;

/**
 * Every fact of a PagerDuty event goes on its incident's stream at the event's own `occurred_at`
 * (see above), page facts and incident facts alike, so no normalizer can place one elsewhere.
 */
export function onIncidentStream(context: PagerdutyEventContext, incidentId: string, facts: PagerdutyFact[]): DerivedEvent[] {
  const streamId = streamFor.incident(PAGERDUTY, incidentId);
  return facts.map((fact) => ({ ...fact, streamId, occurredAt: context.occurredAt }));
}


/**
 * `incident.triggered`: the page (PageTriggered) and the incident's declaration (IncidentDeclared).
 * The trigger time is the event's own `occurred_at`; the assignees at trigger are the people
 * notified first (the ones on call).
 */
export function triggered(context: PagerdutyEventContext): DerivedEvent[] {
  const incident = dataOf(pagerdutyTriggeredIncident, context);
  const priority = incident.priority?.summary;
  const severity = pagerdutySeverity(priority, incident.urgency);
  const notified = userIdentities(incident.assignees);
  return onIncidentStream(context, incident.id, [
    {
      type: 'PageTriggered',
      data: {
        tool: PAGERDUTY,
        pageId: incident.id,
        pagingServiceId: incident.service.id,
        ...(incident.incident_key ? { incidentKey: incident.incident_key } : {}),
        urgency: pageUrgency(incident.urgency),
        ...(priority ? { priority } : {}),
        severity,
        triggeredAt: context.occurredAt,
        ...(notified.length > 0 ? { notified } : {}),
        ...(incident.escalation_policy ? { escalationPolicyId: incident.escalation_policy.id } : {}),
        incident: { tool: PAGERDUTY, id: incident.id },
      },
    },
    {
      type: 'IncidentDeclared',
      data: {
        tool: PAGERDUTY,
        incidentId: incident.id,
        ...(incident.number !== null && incident.number !== undefined ? { reference: `#${incident.number}` } : {}),
        ...(incident.title ? { title: incident.title } : {}),
        severity,
        ...(priority ? { severityLabel: priority } : {}),
        serviceIds: [incident.service.id],
        declaredAt: context.occurredAt,
        ...(context.by ? { declaredBy: context.by } : {}),
        status: 'INCIDENT_STATUS_LIVE',
      },
    },
  ]);
}

/** `incident.acknowledged`: the page's acknowledgement and, for the same incident, the incident's. */
export function acknowledged(context: PagerdutyEventContext): DerivedEvent[] {
  const { id } = dataOf(pagerdutyIncidentRef, context);
  const acknowledgedAt = context.occurredAt;
  return onIncidentStream(context, id, [
    { type: 'PageAcknowledged', data: withBy({ tool: PAGERDUTY, pageId: id, acknowledgedAt }, context.by) },
    { type: 'IncidentAcknowledged', data: withBy({ tool: PAGERDUTY, incidentId: id, acknowledgedAt }, context.by) },
  ]);
}

/** `incident.resolved`: resolved at the resolve event's own time, never the record's `updated_at`. */
export function resolved(context: PagerdutyEventContext): DerivedEvent[] {
  const { id } = dataOf(pagerdutyIncidentRef, context);
  const resolvedAt = context.occurredAt;
  return onIncidentStream(context, id, [
    { type: 'PageResolved', data: withBy({ tool: PAGERDUTY, pageId: id, resolvedAt }, context.by) },
    { type: 'IncidentResolved', data: withBy({ tool: PAGERDUTY, incidentId: id, resolvedAt }, context.by) },
  ]);
}

/** `incident.reopened`: the incident is open again until its next IncidentResolved. */
export function reopened(context: PagerdutyEventContext): DerivedEvent[] {
  const { id } = dataOf(pagerdutyIncidentRef, context);
  return onIncidentStream(context, id, [
    { type: 'IncidentReopened', data: withBy({ tool: PAGERDUTY, incidentId: id, reopenedAt: context.occurredAt }, context.by) },
  ]);
}

/**
 * `incident.priority_updated`: the page's new priority and the incident's new severity. A removed
 * priority falls back to the urgency's severity, so the severity is always known.
 */
export function priorityUpdated(context: PagerdutyEventContext): DerivedEvent[] {
  const incident = dataOf(pagerdutyPrioritizedIncident, context);
  const priority = incident.priority?.summary;
  const severity = pagerdutySeverity(priority, incident.urgency);
  const changedAt = context.occurredAt;
  return onIncidentStream(context, incident.id, [
    { type: 'PagePriorityChanged', data: withBy({ tool: PAGERDUTY, pageId: incident.id, ...(priority ? { priority } : {}), severity, changedAt }, context.by) },
    {
      type: 'IncidentSeverityChanged',
      data: withBy({ tool: PAGERDUTY, incidentId: incident.id, severity, ...(priority ? { severityLabel: priority } : {}), changedAt }, context.by),
    },
  ]);
}

/**
 * `incident.escalated`: the page moved to the next escalation level; its assignees now are the
 * people notified. PagerDuty does not say which level, so `escalationLevel` stays unset.
 */
export function escalated(context: PagerdutyEventContext): DerivedEvent[] {
  const incident = dataOf(pagerdutyAssignedIncident, context);
  const notified = userIdentities(incident.assignees);
  return onIncidentStream(context, incident.id, [
    {
      type: 'PageEscalated',
      data: withBy({ tool: PAGERDUTY, pageId: incident.id, escalatedAt: context.occurredAt, ...(notified.length > 0 ? { notified } : {}) }, context.by),
    },
  ]);
}

/**
 * `incident.reassigned` (to other people) and `incident.delegated` (to another escalation policy):
 * the assignees after the move, and the escalation policy now in charge.
 */
export function reassigned(context: PagerdutyEventContext): DerivedEvent[] {
  const incident = dataOf(pagerdutyAssignedIncident, context);
  const assignees = userIdentities(incident.assignees);
  return onIncidentStream(context, incident.id, [
    {
      type: 'PageReassigned',
      data: withBy(
        {
          tool: PAGERDUTY,
          pageId: incident.id,
          reassignedAt: context.occurredAt,
          ...(assignees.length > 0 ? { assignees } : {}),
          ...(incident.escalation_policy ? { escalationPolicyId: incident.escalation_policy.id } : {}),
        },
        context.by,
      ),
    },
  ]);
}

/** `incident.service_updated`: the incident moved to another PagerDuty service. */
export function serviceUpdated(context: PagerdutyEventContext): DerivedEvent[] {
  const incident = dataOf(pagerdutyIncidentService, context);
  return onIncidentStream(context, incident.id, [
    {
      type: 'IncidentServicesChanged',
      data: withBy({ tool: PAGERDUTY, incidentId: incident.id, serviceIds: [incident.service.id], changedAt: context.occurredAt }, context.by),
    },
  ]);
}
