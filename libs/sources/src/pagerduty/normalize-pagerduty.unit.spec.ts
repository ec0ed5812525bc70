import { DEFAULT_NORMALIZER_SETTINGS, toCanonicalEvents } from '../normalizer';
import { describeFixtureFolder, expectSampleOutcome } from '../shared/testing/fixture-folder';
import { withField, withFields } from '../shared/testing/mutate-json';
import { fixtureRunner } from '../shared/testing/normalizer-test-kit';
import { normalizePagerduty } from './index';

/** A delivery as PagerDuty sends it: the `X-Webhook-Id` header is the delivery id. */
const pagerduty = fixtureRunner({
  dir: 'pagerduty',
  source: 'pagerduty',
  normalizer: normalizePagerduty,
  deliveryId: 'pd-webhook-1',
  headersFor: (deliveryId) => ({ 'Content-Type': 'application/json', 'X-Webhook-Id': deliveryId }),
});
const { body, normalize, events: eventsOf, failure: failureOf, delivery: envelope } = pagerduty;

const isFragment = (name: string): boolean => name.startsWith('pd-docs__event-data__');

/**
 * The event types PagerDuty's Webhooks v3 overview (and its Early Access page) documents for each
 * `event.data` type. The `pd-docs__event-data__*` samples are those `data` objects alone, not
 * deliveries: each is wrapped in a synthetic envelope once per event type the docs give it.
 */
const DOCUMENTED_EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  incident: [
    'incident.triggered',
    'incident.acknowledged',
    'incident.unacknowledged',
    'incident.escalated',
    'incident.reassigned',
    'incident.delegated',
    'incident.resolved',
    'incident.reopened',
    'incident.priority_updated',
    'incident.service_updated',
    'incident.incident_type.changed',
  ],
  incident_note: ['incident.annotated'],
  incident_status_update: ['incident.status_update_published'],
  incident_responder: ['incident.responder.added', 'incident.responder.replied'],
  incident_conference_bridge: ['incident.conference_bridge.updated'],
  incident_field_values: ['incident.custom_field_values.updated'],
  incident_role_assignment: ['incident.role.assigned'],
  incident_task: ['incident.task.created', 'incident.task.updated', 'incident.task.completed'],
  incident_action_invocation: ['incident.action_invocation.created', 'incident.action_invocation.updated', 'incident.action_invocation.terminated'],
  incident_workflow_instance: ['incident.workflow.started', 'incident.workflow.completed'],
  service: ['service.created', 'service.updated', 'service.deleted'],
  service_field_values: ['service.custom_field_values.updated'],
};

/** Synthetic: a documented `event.data` fragment inside a V3 envelope of the given type. */
const SYNTHETIC_OCCURRED_AT = '2020-10-02T18:45:22.169Z';
function wrap(fragment: string, eventType: string, agent: object | null = null): string {
  return JSON.stringify({
    event: {
      id: `synthetic-${eventType}`,
      event_type: eventType,
      resource_type: eventType.split('.')[0],
      occurred_at: SYNTHETIC_OCCURRED_AT,
      agent,
      client: null,
      data: JSON.parse(fragment) as unknown,
    },
  });
}

const dataTypeOf = (fragment: string): string => (JSON.parse(fragment) as { type: string }).type;

const IGNORE_REASON = /^PagerDuty [\w.]+: .{10,}/;

const PIG208 = { tool: 'pagerduty', id: 'PJ0LVEB', name: 'PIG 208' };
const HARSH = { tool: 'pagerduty', id: 'PXRUEF2', name: 'Harsh Santwani' };

// Each fragment, wrapped once per event type the docs give its data type (none: only MALFORMED).
const WRAPPED = pagerduty
  .names()
  .filter(isFragment)
  .flatMap((name) => (DOCUMENTED_EVENT_TYPES[dataTypeOf(body(name))] ?? []).map((eventType) => [name, eventType] as const));

describeFixtureFolder(
  'normalizePagerduty: every sample in test/fixtures/webhooks/pagerduty',
  pagerduty,
  {
    atLeast: 22,
    ignoreReason: IGNORE_REASON,
    // A fragment is not a delivery on its own: MALFORMED, missing `event`.
    expected: Object.fromEntries(pagerduty.names().filter(isFragment).map((name) => [name, { malformed: /^PagerDuty delivery: event: / }])),
    redelivered: [{ sample: 'zulip__triggered_v3', events: 2 }],
  },
  () => {
    it.each(WRAPPED)('event.data fragment %s wrapped as %s: events or a documented ignore reason', (name, eventType) => {
      const wrapped = wrap(body(name), eventType);
      expectSampleOutcome(pagerduty, envelope(wrapped), DEFAULT_NORMALIZER_SETTINGS, IGNORE_REASON);
      const result = normalize(wrapped);
      const times = result.outcome === 'events' ? result.events.map((event) => event.occurredAt) : [];
      expect(times.filter((time) => time !== SYNTHETIC_OCCURRED_AT)).toEqual([]);
    });
  },
);

describe('normalizePagerduty: named deliveries', () => {
  it('zulip__triggered_v3: a PageTriggered and the incident declared, on incident-pagerduty-PFQZPSY at occurred_at', () => {
    expect(eventsOf(body('zulip__triggered_v3'))).toEqual([
      {
        type: 'PageTriggered',
        streamId: 'incident-pagerduty-PFQZPSY',
        occurredAt: '2021-06-04T13:35:29.781Z',
        data: {
          tool: 'pagerduty',
          pageId: 'PFQZPSY',
          pagingServiceId: 'PA2P440',
          urgency: 'PAGE_URGENCY_HIGH',
          // No priority: urgency high → SEV2 (metrics.md).
          severity: 'SEVERITY_SEV2',
          triggeredAt: '2021-06-04T13:35:29.781Z',
          notified: [PIG208],
          escalationPolicyId: 'PY82TC6',
          incident: { tool: 'pagerduty', id: 'PFQZPSY' },
        },
      },
      {
        type: 'IncidentDeclared',
        streamId: 'incident-pagerduty-PFQZPSY',
        occurredAt: '2021-06-04T13:35:29.781Z',
        data: {
          tool: 'pagerduty',
          incidentId: 'PFQZPSY',
          reference: '#9',
          title: 'Test Incident 3',
          severity: 'SEVERITY_SEV2',
          serviceIds: ['PA2P440'],
          declaredAt: '2021-06-04T13:35:29.781Z',
          declaredBy: PIG208,
          status: 'INCIDENT_STATUS_LIVE',
        },
      },
    ]);
  });

  it('zulip__acknowledged_v3: PageAcknowledged and IncidentAcknowledged by PJ0LVEB at 2021-06-04T13:55:30.394Z', () => {
    const at = '2021-06-04T13:55:30.394Z';
    expect(eventsOf(body('zulip__acknowledged_v3'))).toEqual([
      { type: 'PageAcknowledged', streamId: 'incident-pagerduty-PQ1K5C8', occurredAt: at, data: { tool: 'pagerduty', pageId: 'PQ1K5C8', by: PIG208, acknowledgedAt: at } },
      { type: 'IncidentAcknowledged', streamId: 'incident-pagerduty-PQ1K5C8', occurredAt: at, data: { tool: 'pagerduty', incidentId: 'PQ1K5C8', by: PIG208, acknowledgedAt: at } },
    ]);
  });

  it('zulip__resolved_v3: PageResolved and IncidentResolved at the resolve event time', () => {
    const at = '2021-06-04T13:16:53.816Z';
    expect(eventsOf(body('zulip__resolved_v3'))).toEqual([
      { type: 'PageResolved', streamId: 'incident-pagerduty-PCPZE64', occurredAt: at, data: { tool: 'pagerduty', pageId: 'PCPZE64', resolvedAt: at, by: PIG208 } },
      { type: 'IncidentResolved', streamId: 'incident-pagerduty-PCPZE64', occurredAt: at, data: { tool: 'pagerduty', incidentId: 'PCPZE64', resolvedAt: at, by: PIG208 } },
    ]);
  });

  it('zulip__escalate_v3: PageEscalated notifying the assignee after escalation', () => {
    const at = '2026-04-01T02:08:04.642Z';
    expect(eventsOf(body('zulip__escalate_v3'))).toEqual([
      {
        type: 'PageEscalated',
        streamId: 'incident-pagerduty-Q3B15VLMF3ASBD',
        occurredAt: at,
        data: { tool: 'pagerduty', pageId: 'Q3B15VLMF3ASBD', escalatedAt: at, notified: [HARSH], by: HARSH },
      },
    ]);
  });

  it('zulip__reassigned_v3: PageReassigned to PI9DT01', () => {
    const at = '2021-06-04T10:17:54.838Z';
    expect(eventsOf(body('zulip__reassigned_v3'))).toEqual([
      {
        type: 'PageReassigned',
        streamId: 'incident-pagerduty-PIQUG8X',
        occurredAt: at,
        data: {
          tool: 'pagerduty',
          pageId: 'PIQUG8X',
          reassignedAt: at,
          assignees: [{ tool: 'pagerduty', id: 'PI9DT01', name: 'Test User' }],
          escalationPolicyId: 'PY82TC6',
          by: PIG208,
        },
      },
    ]);
  });

  it('zulip__delegated_v3: PageReassigned to the escalation policy P3RAX8S', () => {
    const [event] = eventsOf(body('zulip__delegated_v3'));
    expect(event).toMatchObject({
      type: 'PageReassigned',
      streamId: 'incident-pagerduty-Q3B15VLMF3ASBD',
      occurredAt: '2026-04-01T02:13:20.295Z',
      data: { pageId: 'Q3B15VLMF3ASBD', escalationPolicyId: 'P3RAX8S', assignees: [HARSH] },
    });
  });

  it('zulip__responder_added: ResponderAdded for PXRUEF2, without the request message', () => {
    const events = eventsOf(body('zulip__responder_added'));
    expect(events).toEqual([
      {
        type: 'ResponderAdded',
        streamId: 'incident-pagerduty-Q3B15VLMF3ASBD',
        occurredAt: '2026-04-01T02:20:14.737Z',
        data: { tool: 'pagerduty', pageId: 'Q3B15VLMF3ASBD', responder: HARSH, requestedBy: HARSH, addedAt: '2026-04-01T02:20:14.737Z' },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('Please help');
  });

  it('zulip__annotated_v3: ignored, and the note text goes nowhere', () => {
    const result = normalize(body('zulip__annotated_v3'));
    expect(result).toEqual({ outcome: 'ignored', reason: 'PagerDuty incident.annotated: incident notes are free text and feed no KPI' });
  });

  it('pd-docs__envelope__incident.priority_updated: P1 → SEV1 on the page and the incident, by PLH1HKV', () => {
    const at = '2020-10-02T18:45:22.169Z';
    const by = { tool: 'pagerduty', id: 'PLH1HKV', name: 'Tenex Engineer' };
    expect(eventsOf(body('pd-docs__envelope__incident.priority_updated'))).toEqual([
      {
        type: 'PagePriorityChanged',
        streamId: 'incident-pagerduty-PGR0VU2',
        occurredAt: at,
        data: { tool: 'pagerduty', pageId: 'PGR0VU2', priority: 'P1', severity: 'SEVERITY_SEV1', changedAt: at, by },
      },
      {
        type: 'IncidentSeverityChanged',
        streamId: 'incident-pagerduty-PGR0VU2',
        occurredAt: at,
        data: { tool: 'pagerduty', incidentId: 'PGR0VU2', severity: 'SEVERITY_SEV1', severityLabel: 'P1', changedAt: at, by },
      },
    ]);
  });

  it('pd-docs__envelope__service.updated: ignored (services come from tandem.yaml)', () => {
    expect(normalize(body('pd-docs__envelope__service.updated'))).toEqual({
      outcome: 'ignored',
      reason: 'PagerDuty service.updated: PagerDuty services are mapped to Tandem services in tandem.yaml, not from webhooks',
    });
  });

  it('the incident fragment as incident.triggered: key, P1 → SEV1, automation (agent null) declares it', () => {
    const events = eventsOf(wrap(body('pd-docs__event-data__incident'), 'incident.triggered'));
    expect(events[0]).toMatchObject({
      type: 'PageTriggered',
      data: { pageId: 'PGR0VU2', pagingServiceId: 'PF9KMXH', incidentKey: 'd3640fbd41094207a1c11e58e46b1662', priority: 'P1', severity: 'SEVERITY_SEV1', escalationPolicyId: 'PUS0KTE' },
    });
    expect(events[1]).toMatchObject({ type: 'IncidentDeclared', data: { reference: '#2', severityLabel: 'P1', title: 'A little bump in the road' } });
    expect(events[1].data).not.toHaveProperty('declaredBy');
  });

  it('the responder fragment as incident.responder.replied: a pending reply is not an acceptance', () => {
    expect(eventsOf(wrap(body('pd-docs__event-data__incident_responder'), 'incident.responder.replied'))).toEqual([
      {
        type: 'ResponderReplied',
        streamId: 'incident-pagerduty-PGR0VU2',
        occurredAt: SYNTHETIC_OCCURRED_AT,
        data: { tool: 'pagerduty', pageId: 'PGR0VU2', responder: { tool: 'pagerduty', id: 'PVMGSML', name: 'Maeve' }, repliedAt: SYNTHETIC_OCCURRED_AT },
      },
    ]);
    const joined = withField(wrap(body('pd-docs__event-data__incident_responder'), 'incident.responder.replied'), 'event.data.state', 'joined');
    expect(eventsOf(joined)[0].data).toMatchObject({ accepted: true });
  });

  it('the role fragment as incident.role.assigned: IncidentRoleAssigned for P75B6QD, custom role kept by name', () => {
    expect(eventsOf(wrap(body('pd-docs__event-data__incident_role_assignment'), 'incident.role.assigned'))).toEqual([
      {
        type: 'IncidentRoleAssigned',
        streamId: 'incident-pagerduty-PBAZLIU',
        occurredAt: SYNTHETIC_OCCURRED_AT,
        data: {
          tool: 'pagerduty',
          incidentId: 'PBAZLIU',
          role: 'INCIDENT_ROLE_OTHER',
          roleName: 'Role Display Name',
          assignee: { tool: 'pagerduty', id: 'P75B6QD', name: 'User 1810194' },
          assignedAt: SYNTHETIC_OCCURRED_AT,
        },
      },
    ]);
  });
});

describe('normalizePagerduty: lifecycle details', () => {
  const priorityEnvelope = body('pd-docs__envelope__incident.priority_updated');

  it('a service_reference agent is automation: the acknowledgement is by a bot', () => {
    const automated = withFields(body('zulip__acknowledged_v3'), {
      'event.agent': { id: 'PA2P440', type: 'service_reference', summary: 'pig208' },
    });
    expect(eventsOf(automated)[0].data).toMatchObject({ by: { tool: 'pagerduty', id: 'PA2P440', name: 'pig208', bot: true } });
  });

  it('a null agent is automation: no `by` at all', () => {
    const events = eventsOf(withField(body('zulip__acknowledged_v3'), 'event.agent', null));
    for (const event of events) expect(event.data).not.toHaveProperty('by');
  });

  it('no priority and low urgency → SEV4', () => {
    const low = withFields(body('zulip__triggered_v3'), { 'event.data.urgency': 'low' });
    expect(eventsOf(low)[0].data).toMatchObject({ urgency: 'PAGE_URGENCY_LOW', severity: 'SEVERITY_SEV4' });
  });

  it('a removed priority falls back to the urgency', () => {
    const removed = withField(priorityEnvelope, 'event.data.priority', null);
    const [page, incident] = eventsOf(removed);
    expect(page.data).toEqual({ tool: 'pagerduty', pageId: 'PGR0VU2', severity: 'SEVERITY_SEV2', changedAt: '2020-10-02T18:45:22.169Z', by: expect.anything() });
    expect(incident.data).toMatchObject({ severity: 'SEVERITY_SEV2' });
  });

  it('a custom priority name that is not P<n> falls back to the urgency, and is kept as label', () => {
    const custom = withField(priorityEnvelope, 'event.data.priority.summary', 'Sev-Critical');
    expect(eventsOf(custom)[1].data).toMatchObject({ severity: 'SEVERITY_SEV2', severityLabel: 'Sev-Critical' });
  });

  it('incident.reopened → IncidentReopened at occurred_at', () => {
    expect(eventsOf(withField(priorityEnvelope, 'event.event_type', 'incident.reopened'))).toEqual([
      {
        type: 'IncidentReopened',
        streamId: 'incident-pagerduty-PGR0VU2',
        occurredAt: '2020-10-02T18:45:22.169Z',
        data: { tool: 'pagerduty', incidentId: 'PGR0VU2', reopenedAt: '2020-10-02T18:45:22.169Z', by: { tool: 'pagerduty', id: 'PLH1HKV', name: 'Tenex Engineer' } },
      },
    ]);
  });

  it('incident.service_updated → IncidentServicesChanged with the new service', () => {
    expect(eventsOf(withField(priorityEnvelope, 'event.event_type', 'incident.service_updated'))[0]).toMatchObject({
      type: 'IncidentServicesChanged',
      data: { incidentId: 'PGR0VU2', serviceIds: ['PF9KMXH'], changedAt: '2020-10-02T18:45:22.169Z' },
    });
  });

  it('incident.unacknowledged is ignored with its reason', () => {
    const result = normalize(withField(priorityEnvelope, 'event.event_type', 'incident.unacknowledged'));
    expect(result.outcome).toBe('ignored');
  });

  it('a role unassignment (null assignee) is ignored', () => {
    const unassigned = withField(wrap(body('pd-docs__event-data__incident_role_assignment'), 'incident.role.assigned'), 'event.data.incident_role_assignments', [
      { incident: { id: 'PBAZLIU' }, assignee: null, role: { id: 'P8PQO4R', summary: 'Incident Commander' }, status: 'inactive' },
    ]);
    expect(normalize(unassigned)).toEqual({ outcome: 'ignored', reason: 'PagerDuty incident.role.assigned: incident roles were unassigned; Tandem records assignments only' });
  });

  it('an assignment no longer active is not an assignment', () => {
    const inactive = withField(wrap(body('pd-docs__event-data__incident_role_assignment'), 'incident.role.assigned'), 'event.data.incident_role_assignments.0.status', 'inactive');
    expect(normalize(inactive).outcome).toBe('ignored');
  });

  it('a role named like a commander is the lead role', () => {
    const commander = withField(wrap(body('pd-docs__event-data__incident_role_assignment'), 'incident.role.assigned'), 'event.data.incident_role_assignments.0.role.summary', 'Incident Commander');
    expect(eventsOf(commander)[0].data).toMatchObject({ role: 'INCIDENT_ROLE_LEAD', roleName: 'Incident Commander' });
  });

  it('a responder request without a user (escalation policy only) is ignored', () => {
    const policyOnly = withField(body('zulip__responder_added'), 'event.data.user', null);
    expect(normalize(policyOnly).outcome).toBe('ignored');
  });
});

describe('normalizePagerduty: failures', () => {
  it.each([
    ['event.occurred_at', undefined, /event\.occurred_at: expected string/],
    ['event.occurred_at', 1622814929, /event\.occurred_at: expected string/],
    ['event.event_type', undefined, /event\.event_type: expected string/],
  ])('%s = %p → MALFORMED naming the field', (path, value, message) => {
    const error = failureOf(withField(body('zulip__triggered_v3'), path, value));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(message);
  });

  it('an unreadable occurred_at → MALFORMED naming event.occurred_at', () => {
    const error = failureOf(withField(body('zulip__triggered_v3'), 'event.occurred_at', 'yesterday'));
    expect(error).toMatchObject({ code: 'MALFORMED' });
    expect(error.message).toMatch(/^event\.occurred_at: cannot read time "yesterday"/);
  });

  it.each([
    ['event.data.service', undefined, /event\.data: service: expected object/],
    ['event.data.urgency', 'medium', /event\.data: urgency: /],
    ['event.data.id', 42, /event\.data: id: expected string/],
  ])('triggered with %s = %p → MALFORMED naming the field', (path, value, message) => {
    const error = failureOf(withField(body('zulip__triggered_v3'), path, value));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(message);
  });

  it('a responder without its incident → MALFORMED naming incident', () => {
    const error = failureOf(withField(body('zulip__responder_added'), 'event.data.incident', undefined));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/event\.data: incident: expected object/);
  });

  it('a body that is not JSON → MALFORMED', () => {
    expect(failureOf('{"event":').code).toBe('MALFORMED');
  });

  it.each(['incident.exploded', 'constructor', 'incident.note.created'])('event_type %s → UNKNOWN_EVENT_TYPE', (eventType) => {
    const error = failureOf(withField(body('zulip__triggered_v3'), 'event.event_type', eventType));
    expect(error.code).toBe('UNKNOWN_EVENT_TYPE');
    expect(error.message).toContain(eventType);
  });
});

describe('normalizePagerduty: canonical events', () => {
  it('keep the correlation id, the vendor time and the stream', () => {
    const delivery = body('zulip__acknowledged_v3');
    const result = normalize(delivery);
    if (result.outcome !== 'events') throw new Error('expected events');
    const [page] = toCanonicalEvents(envelope(delivery), result.events);
    expect(page.streamId).toBe('incident-pagerduty-PQ1K5C8');
    expect(page.event.metadata).toMatchObject({ occurredAt: '2021-06-04T13:55:30.394Z', source: 'pagerduty', sourceDeliveryId: 'pd-webhook-1', correlationId: 'correlation-pd-webhook-1' });
  });
});
