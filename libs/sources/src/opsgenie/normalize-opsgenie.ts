import { NormalizationError } from '../normalization-error';
import type { DerivedEvent, Normalization, Normalizer } from '../normalizer';
import { parseJsonBody, parsePayload } from '../shared/payload';
import { acknowledged, closed, created, escalated, ownershipChanged, priorityUpdated, type Skipped } from './alert-lifecycle';
import { opsgenieDelivery, type OpsgenieDelivery } from './opsgenie-payload';

type Handler = (delivery: OpsgenieDelivery) => DerivedEvent[] | Skipped;

/** The alert actions Tandem reads. */
const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    Create: created,
    Acknowledge: acknowledged,
    Close: closed,
    Escalate: escalated,
    AssignOwnership: ownershipChanged,
    TakeOwnership: ownershipChanged,
    UpdatePriority: priorityUpdated,
  }),
);

/** Alert actions Opsgenie's webhook integration sends that Tandem knowingly does not use. */
const IGNORED: ReadonlyMap<string, string> = new Map(
  Object.entries({
    UnAcknowledge: 'un-acknowledgement has no canonical event: the first acknowledgement by a person stays the milestone',
    AddNote: 'alert notes are free text and feed no KPI',
    AddTeam: 'teams added after creation do not move the page to another service',
    AddRecipient: 'recipients added to an alert are notification routing, not participation',
    AddResponder: 'responders added to an alert are notification routing, not participation',
    AddTags: 'alert tags feed no KPI',
    RemoveTags: 'alert tags feed no KPI',
    AddDetails: 'alert details feed no KPI',
    RemoveDetails: 'alert details feed no KPI',
    UpdateMessage: 'the alert text feeds no KPI',
    UpdateDescription: 'the alert text feeds no KPI',
    Snooze: 'snoozing an alert changes no milestone',
    SnoozeEnded: 'snoozing an alert changes no milestone',
    Delete: 'a deleted alert keeps its history in Tandem; there is no delete fact',
    CustomAction: 'custom actions are account-specific automation',
    TestAction: "the integration's test delivery",
  }),
);

/**
 * Opsgenie outgoing Webhook integration: one alert action per delivery, `{ action, alert }`.
 * Create reads `alert.createdAt` (milliseconds); every other action `alert.updatedAt`
 * (nanoseconds). Whether an alert opens an incident: paging.proto makes every Opsgenie alert its
 * own incident, so Create declares it, Acknowledge acknowledges it and Close resolves it.
 */
export const normalizeOpsgenie: Normalizer = (delivery, _settings, parsed): Normalization => {
  const body = parsePayload(opsgenieDelivery, parseJsonBody(delivery, parsed), 'Opsgenie delivery');
  const handler = HANDLERS.get(body.action);
  if (!handler) {
    const reason = IGNORED.get(body.action);
    if (reason) return { outcome: 'ignored', reason: `Opsgenie ${body.action}: ${reason}` };
    throw new NormalizationError('UNKNOWN_EVENT_TYPE', `Opsgenie action "${body.action}" is neither handled nor knowingly ignored`);
  }
  const result = handler(body);
  return Array.isArray(result) ? { outcome: 'events', events: result } : { outcome: 'ignored', reason: `Opsgenie ${body.action}: ${result.ignored}` };
};
