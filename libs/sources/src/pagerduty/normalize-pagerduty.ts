import { NormalizationError } from '../normalization-error';
import type { DerivedEvent, Normalization, Normalizer } from '../normalizer';
import { parseJsonBody, parsePayload, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { acknowledged, escalated, priorityUpdated, reassigned, reopened, resolved, serviceUpdated, triggered } from './incident-lifecycle';
import type { PagerdutyEventContext } from './pagerduty-event';
import { agentIdentity } from './pagerduty-identity';
import { pagerdutyDelivery } from './pagerduty-payload';
import { responderAdded, responderReplied, roleAssigned, type NoPerson } from './responders-and-roles';

type Handler = (context: PagerdutyEventContext) => DerivedEvent[] | NoPerson;

/** The V3 event types Tandem reads (developer.pagerduty.com, Webhooks v3 overview). */
const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    'incident.triggered': triggered,
    'incident.acknowledged': acknowledged,
    'incident.escalated': escalated,
    'incident.reassigned': reassigned,
    'incident.delegated': reassigned,
    'incident.resolved': resolved,
    'incident.reopened': reopened,
    'incident.priority_updated': priorityUpdated,
    'incident.service_updated': serviceUpdated,
    'incident.responder.added': responderAdded,
    'incident.responder.replied': responderReplied,
    'incident.role.assigned': roleAssigned,
  }),
);

/** Documented event types Tandem knowingly does not use, each with why. */
const IGNORED: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'incident.unacknowledged':
      'un-acknowledgement has no canonical event: the first acknowledgement by a person stays the milestone',
    'incident.annotated': 'incident notes are free text and feed no KPI',
    'incident.status_update_published': 'status updates are free text for stakeholders and feed no KPI',
    'incident.conference_bridge.updated': 'conference bridge details feed no KPI',
    'incident.custom_field_values.updated': 'custom field values feed no KPI',
    'incident.incident_type.changed': 'the incident type is not part of the incident model',
    'service.created': 'PagerDuty services are mapped to Tandem services in tandem.yaml, not from webhooks',
    'service.updated': 'PagerDuty services are mapped to Tandem services in tandem.yaml, not from webhooks',
    'service.deleted': 'PagerDuty services are mapped to Tandem services in tandem.yaml, not from webhooks',
    'service.custom_field_values.updated': 'service custom field values feed no KPI',
    'pagey.ping': "PagerDuty's test delivery for a webhook subscription",
  }),
);

/** Documented families of event types Tandem does not use, by prefix. */
const IGNORED_FAMILIES: readonly (readonly [prefix: string, reason: string])[] = [
  ['incident.workflow.', 'incident workflow runs are automation and feed no KPI'],
  ['incident.action_invocation.', 'automation action invocations feed no KPI'],
  ['incident.task.', 'incident tasks are in-incident to-dos, not post-mortem action items'],
];

/**
 * PagerDuty V3 webhooks: one event per delivery, `{ event: { event_type, occurred_at, agent, data } }`.
 * Every `occurredAt` is the event's own `occurred_at`; `agent` null means automation and a
 * non-user agent (`service_reference`, …) is a bot.
 */
export const normalizePagerduty: Normalizer = (delivery, _settings, parsed): Normalization => {
  const { event } = parsePayload(pagerdutyDelivery, parseJsonBody(delivery, parsed), 'PagerDuty delivery');
  const type = event.event_type;
  const handler = HANDLERS.get(type);
  if (!handler) {
    const reason = IGNORED.get(type) ?? IGNORED_FAMILIES.find(([prefix]) => type.startsWith(prefix))?.[1];
    if (reason) return { outcome: 'ignored', reason: `PagerDuty ${type}: ${reason}` };
    throw new NormalizationError('UNKNOWN_EVENT_TYPE', `PagerDuty event_type "${type}" is neither handled nor knowingly ignored`);
  }
  const context: PagerdutyEventContext = {
    event,
    occurredAt: timeAt(fromIsoTime, event.occurred_at, 'event.occurred_at'),
    by: agentIdentity(event.agent),
  };
  const result = handler(context);
  return Array.isArray(result) ? { outcome: 'events', events: result } : { outcome: 'ignored', reason: `PagerDuty ${type}: ${result.ignored}` };
};
