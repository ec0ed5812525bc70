import { streamFor, type ExternalIdentityJson, type SeverityJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { DerivedEvent } from '../normalizer';
import { timeAt } from '../shared/payload';
import { severityOfPriorityLabel } from '../shared/severity';
import { fromEpochOfAnyUnit } from '../vendor-time';
import { OPSGENIE, opsgenieIdentity } from './opsgenie-identity';
import type { OpsgenieDelivery } from './opsgenie-payload';

/**
 * An Opsgenie alert is a page and, like a PagerDuty incident, its own incident (paging.proto): the
 * normalizer emits the page facts and the incident facts for the same IncidentRef
 * (`opsgenie`, alertId), all on the incident's stream `incident-opsgenie-<alertId>`.
 */

/** What an action handler returns when the delivery has nothing Tandem can record. */
export type Skipped = { ignored: string };

function withBy<T extends object>(data: T, by: ExternalIdentityJson | undefined): T & { by?: ExternalIdentityJson } {
  return by ? { ...data, by } : data;
}

/** The person (or `System`) who did the action. */
function actor(delivery: OpsgenieDelivery): ExternalIdentityJson | undefined {
  return opsgenieIdentity(delivery.alert.username, delivery.alert.userFullName);
}

/** `alert.updatedAt` (nanoseconds): the time of every action but Create. */
function updatedAt(delivery: OpsgenieDelivery): string {
  return timeAt(fromEpochOfAnyUnit, delivery.alert.updatedAt, 'alert.updatedAt');
}

/** `P1`…`P5` whether Opsgenie sent the label or the bare number. */
function priorityLabel(priority: number | string | null | undefined): string | undefined {
  if (priority === null || priority === undefined || priority === '') return undefined;
  return typeof priority === 'number' ? `P${priority}` : priority.trim();
}

/**
 * The key the directory maps to a service (`paging.opsgenie` in tandem.yaml): the first team the
 * alert is assigned to (`alert.teams` holds team ids), else the id of the integration that sent
 * the webhook (a team-owned integration only forwards that team's alerts).
 */
function pagingServiceId(delivery: OpsgenieDelivery): string {
  const team = delivery.alert.teams?.find((id) => id.trim() !== '');
  const id = team ?? (delivery.integrationId || undefined);
  if (!id) throw new NormalizationError('MALFORMED', 'alert.teams, integrationId: the alert names neither a team nor an integration to map it to a service');
  return id;
}

/** Create: the page (PageTriggered) and the incident's declaration, at `alert.createdAt` (ms). */
export function created(delivery: OpsgenieDelivery): DerivedEvent[] {
  const { alert } = delivery;
  const triggeredAt = timeAt(fromEpochOfAnyUnit, alert.createdAt, 'alert.createdAt');
  const streamId = streamFor.incident(OPSGENIE, alert.alertId);
  const serviceId = pagingServiceId(delivery);
  const priority = priorityLabel(alert.priority);
  const severity: SeverityJson | undefined = priority ? severityOfPriorityLabel(priority) : undefined;
  const by = actor(delivery);
  return [
    {
      type: 'PageTriggered',
      streamId,
      occurredAt: triggeredAt,
      data: {
        tool: OPSGENIE,
        pageId: alert.alertId,
        pagingServiceId: serviceId,
        ...(alert.alias ? { incidentKey: alert.alias } : {}),
        ...(priority ? { priority } : {}),
        ...(severity ? { severity } : {}),
        triggeredAt,
        incident: { tool: OPSGENIE, id: alert.alertId },
      },
    },
    {
      type: 'IncidentDeclared',
      streamId,
      occurredAt: triggeredAt,
      data: {
        tool: OPSGENIE,
        incidentId: alert.alertId,
        ...(alert.tinyId ? { reference: `#${alert.tinyId}` } : {}),
        ...(alert.message ? { title: alert.message } : {}),
        ...(severity ? { severity } : {}),
        ...(priority ? { severityLabel: priority } : {}),
        serviceIds: [serviceId],
        declaredAt: triggeredAt,
        ...(by ? { declaredBy: by } : {}),
        status: 'INCIDENT_STATUS_LIVE',
      },
    },
  ];
}

/** Acknowledge: by `alert.username` at `alert.updatedAt` (ns), for the page and the incident. */
export function acknowledged(delivery: OpsgenieDelivery): DerivedEvent[] {
  const { alertId } = delivery.alert;
  const at = updatedAt(delivery);
  const by = actor(delivery);
  const streamId = streamFor.incident(OPSGENIE, alertId);
  return [
    { type: 'PageAcknowledged', streamId, occurredAt: at, data: withBy({ tool: OPSGENIE, pageId: alertId, acknowledgedAt: at }, by) },
    { type: 'IncidentAcknowledged', streamId, occurredAt: at, data: withBy({ tool: OPSGENIE, incidentId: alertId, acknowledgedAt: at }, by) },
  ];
}

/** Close: the page and the incident resolved at the close action's own time. */
export function closed(delivery: OpsgenieDelivery): DerivedEvent[] {
  const { alertId } = delivery.alert;
  const at = updatedAt(delivery);
  const by = actor(delivery);
  const streamId = streamFor.incident(OPSGENIE, alertId);
  return [
    { type: 'PageResolved', streamId, occurredAt: at, data: withBy({ tool: OPSGENIE, pageId: alertId, resolvedAt: at }, by) },
    { type: 'IncidentResolved', streamId, occurredAt: at, data: withBy({ tool: OPSGENIE, incidentId: alertId, resolvedAt: at }, by) },
  ];
}

/**
 * Escalate: the escalation notified `escalationNotify` (a person when its entity is `user`).
 * Escalations are Opsgenie's own doing, so there is no `by`. Opsgenie's Escalate body may carry
 * no `alert.updatedAt` at all (the Zulip capture has only the alert id); without the vendor's time
 * the escalation cannot be placed, and Tandem never uses the receive time instead.
 */
export function escalated(delivery: OpsgenieDelivery): DerivedEvent[] | Skipped {
  const { alert, escalationNotify } = delivery;
  if (alert.updatedAt === null || alert.updatedAt === undefined) {
    return { ignored: 'the delivery carries no alert.updatedAt, so the escalation has no vendor time (the receive time is never used)' };
  }
  const at = updatedAt(delivery);
  const notified = escalationNotify?.entity === 'user' ? opsgenieIdentity(escalationNotify.name) : undefined;
  return [
    {
      type: 'PageEscalated',
      streamId: streamFor.incident(OPSGENIE, alert.alertId),
      occurredAt: at,
      data: { tool: OPSGENIE, pageId: alert.alertId, escalatedAt: at, ...(notified ? { notified: [notified] } : {}) },
    },
  ];
}

/**
 * AssignOwnership (to `alert.owner`) and TakeOwnership (by `alert.username`, who becomes the
 * owner): the page is reassigned. Taking ownership is a claim, not an acknowledgement: Opsgenie
 * sends a separate Acknowledge when the person acknowledges.
 */
export function ownershipChanged(delivery: OpsgenieDelivery): DerivedEvent[] {
  const { alert } = delivery;
  const at = updatedAt(delivery);
  const by = actor(delivery);
  const assigned = delivery.action === 'AssignOwnership';
  const owner = assigned ? opsgenieIdentity(alert.owner) : by;
  if (!owner) {
    throw new NormalizationError('MALFORMED', assigned ? 'alert.owner: AssignOwnership names no owner' : 'alert.username: TakeOwnership names no user');
  }
  return [
    {
      type: 'PageReassigned',
      streamId: streamFor.incident(OPSGENIE, alert.alertId),
      occurredAt: at,
      data: withBy({ tool: OPSGENIE, pageId: alert.alertId, reassignedAt: at, assignees: [owner] }, by),
    },
  ];
}

/** UpdatePriority: the page's new priority and the incident's new severity. */
export function priorityUpdated(delivery: OpsgenieDelivery): DerivedEvent[] {
  const { alert } = delivery;
  const priority = priorityLabel(alert.priority);
  const severity = priority ? severityOfPriorityLabel(priority) : undefined;
  if (!priority || !severity) {
    throw new NormalizationError('MALFORMED', `alert.priority: expected P1…P5, received ${JSON.stringify(alert.priority ?? null)}`);
  }
  const at = updatedAt(delivery);
  const by = actor(delivery);
  const streamId = streamFor.incident(OPSGENIE, alert.alertId);
  return [
    { type: 'PagePriorityChanged', streamId, occurredAt: at, data: withBy({ tool: OPSGENIE, pageId: alert.alertId, priority, severity, changedAt: at }, by) },
    {
      type: 'IncidentSeverityChanged',
      streamId,
      occurredAt: at,
      data: withBy({ tool: OPSGENIE, incidentId: alert.alertId, severity, severityLabel: priority, changedAt: at }, by),
    },
  ];
}
