import { describeFixtureFolder } from '../shared/testing/fixture-folder';
import { withFields } from '../shared/testing/mutate-json';
import { fixtureRunner } from '../shared/testing/normalizer-test-kit';
import type { SampleExpectation } from '../shared/testing/outcome';
import { incidentioSeverity } from './incidentio-model';
import { normalizeIncidentio } from './index';

/** A delivery as incident.io (Svix) sends it: `webhook-id` is the delivery id. */
const incidentio = fixtureRunner({
  dir: 'incident-io',
  source: 'incidentio',
  normalizer: normalizeIncidentio,
  deliveryId: 'msg_2mWBDK1uZ0TQl8FrTTn3ChEXFiB',
  headersFor: (deliveryId) => ({ 'Content-Type': 'application/json', 'webhook-id': deliveryId, 'webhook-timestamp': '1629206937' }),
});
const { normalize, events: eventsOf, failure: failureOf } = incidentio;

const body = (event: string): string => incidentio.body(`openapi-example__public_incident.${event}`);

type Body = { event_type: string } & Record<string, unknown>;

/** The body with fields of its resource (the object under the event type's key) changed; `undefined` removes. */
function withResource(text: string, changes: Record<string, unknown>): string {
  const parsed = JSON.parse(text) as Body;
  const resource = JSON.parse(withFields(JSON.stringify(parsed[parsed.event_type]), changes)) as unknown;
  return JSON.stringify({ ...parsed, [parsed.event_type]: resource });
}

/** The same resource delivered under another event type. */
function retyped(text: string, eventType: string): string {
  const parsed = JSON.parse(text) as Body;
  return JSON.stringify({ event_type: eventType, [eventType]: parsed[parsed.event_type] });
}

const AT = '2021-08-17T13:28:57.801Z';
const INCIDENT = '01FDAG4SAP5TYPT98WGR2N7W91';
const STREAM = `incident-incidentio-${INCIDENT}`;
const LISA = { tool: 'incidentio', id: '01FCNDV6P870EA6S7TK1DSYDG0', name: 'Lisa Karlin Curtis', email: 'lisa@incident.io' };

/**
 * incident.io's OpenAPI example for this event has `postmortem_document.updated_at: "abc123"`, the
 * spec generator's placeholder for a string without a format: not a time. A live delivery carries a
 * time there; this example cannot be placed in time, so it is MALFORMED (the mapping itself is
 * tested below with a real time).
 */
const UNREADABLE_EXAMPLES: Readonly<Record<string, SampleExpectation>> = {
  'openapi-example__public_incident.postmortem_document_status_updated_v1': {
    malformed: /^public_incident\.postmortem_document_status_updated_v1\.postmortem_document\.updated_at: cannot read time "abc123"/,
  },
};

describeFixtureFolder('normalizeIncidentio: every sample in test/fixtures/webhooks/incident-io', incidentio, {
  atLeast: 6,
  ignoreReason: /^incident\.io [\w.]+: .{10,}/,
  expected: UNREADABLE_EXAMPLES,
  redelivered: [{ sample: 'openapi-example__public_incident.incident_created_v2', events: 2 }],
});

describe('normalizeIncidentio: incidents', () => {
  it('incident_created_v2: IncidentDeclared (rank 1 "Minor" → SEV3, Slack channel, impact start, creator) and the lead role', () => {
    expect(eventsOf(body('incident_created_v2'))).toEqual([
      {
        type: 'IncidentDeclared',
        streamId: STREAM,
        occurredAt: AT,
        data: {
          tool: 'incidentio',
          incidentId: INCIDENT,
          reference: 'INC-123',
          title: 'Our database is sad',
          severity: 'SEVERITY_SEV3',
          severityLabel: 'Minor',
          serviceIds: ['01FCNDV6P870EA6S7TK1DSYDG0'],
          channel: { tool: 'slack', id: 'C02AW36C1M5' },
          declaredAt: AT,
          declaredBy: LISA,
          impactStartedAt: AT,
          // The example's category is triage (its name "Closed" is only a label).
          status: 'INCIDENT_STATUS_TRIAGE',
        },
      },
      {
        type: 'IncidentRoleAssigned',
        streamId: STREAM,
        occurredAt: AT,
        data: { tool: 'incidentio', incidentId: INCIDENT, role: 'INCIDENT_ROLE_LEAD', roleName: 'Incident Lead', assignee: LISA, assignedAt: AT },
      },
    ]);
  });

  it('the Slack user id is not an ExternalIdentity field: the identity is the incident.io user with email', () => {
    expect(JSON.stringify(eventsOf(body('incident_created_v2')))).not.toContain('U02AYNF2XJM');
  });

  it('a creator that is an API key, workflow or alert only is automation: no declaredBy', () => {
    const automated = withResource(body('incident_created_v2'), { 'creator.user': undefined });
    expect(eventsOf(automated)[0].data).not.toHaveProperty('declaredBy');
  });

  it('an incident created already resolved (retrospective) is resolved at its "Resolved at" timestamp', () => {
    const retrospective = withResource(body('incident_created_v2'), {
      mode: 'retrospective',
      'incident_status.category': 'closed',
      incident_timestamp_values: [
        { incident_timestamp: { id: 'a', name: 'Impact started', rank: 1 }, value: { value: '2021-08-16T09:00:00Z' } },
        { incident_timestamp: { id: 'b', name: 'Resolved at', rank: 2 }, value: { value: '2021-08-16T11:30:00Z' } },
      ],
    });
    const events = eventsOf(retrospective);
    expect(events[0].data).toMatchObject({ status: 'INCIDENT_STATUS_CLOSED', impactStartedAt: '2021-08-16T09:00:00.000Z' });
    expect(events.at(-1)).toEqual({
      type: 'IncidentResolved',
      streamId: STREAM,
      occurredAt: '2021-08-16T11:30:00.000Z',
      data: { tool: 'incidentio', incidentId: INCIDENT, resolvedAt: '2021-08-16T11:30:00.000Z' },
    });
  });

  it.each(['test', 'tutorial'])('a %s-mode incident is a rehearsal: ignored', (mode) => {
    const result = normalize(withResource(body('incident_created_v2'), { mode }));
    expect(result).toEqual({ outcome: 'ignored', reason: `incident.io public_incident.incident_created_v2: a ${mode}-mode incident is a rehearsal and would count in every KPI` });
  });

  it('a Teams incident channel is read from ms_teams_channel_url when there is no Slack channel', () => {
    const teams = withResource(body('incident_created_v2'), {
      slack_channel_id: undefined,
      ms_teams_channel_url: 'https://teams.microsoft.com/l/channel/19%3Aa1b2c3%40thread.tacv2/inc-123?groupId=g&tenantId=t',
    });
    expect(eventsOf(teams)[0].data).toMatchObject({ channel: { tool: 'teams', id: '19:a1b2c3@thread.tacv2' } });
    // The example's own URL ("19%some-hex%40…") does not decode: no channel rather than a wrong one.
    expect(eventsOf(withResource(body('incident_created_v2'), { slack_channel_id: undefined }))[0].data).not.toHaveProperty('channel');
  });

  it('incident_updated_v2: the current status, severity, role holders and channel at updated_at', () => {
    expect(eventsOf(body('incident_updated_v2'))).toEqual([
      { type: 'IncidentStatusChanged', streamId: STREAM, occurredAt: AT, data: { tool: 'incidentio', incidentId: INCIDENT, status: 'INCIDENT_STATUS_TRIAGE', statusLabel: 'Closed', changedAt: AT } },
      { type: 'IncidentSeverityChanged', streamId: STREAM, occurredAt: AT, data: { tool: 'incidentio', incidentId: INCIDENT, severity: 'SEVERITY_SEV3', severityLabel: 'Minor', changedAt: AT } },
      {
        type: 'IncidentRoleAssigned',
        streamId: STREAM,
        occurredAt: AT,
        data: { tool: 'incidentio', incidentId: INCIDENT, role: 'INCIDENT_ROLE_LEAD', roleName: 'Incident Lead', assignee: LISA, assignedAt: AT },
      },
      { type: 'IncidentChannelLinked', streamId: STREAM, occurredAt: AT, data: { tool: 'incidentio', incidentId: INCIDENT, channel: { tool: 'slack', id: 'C02AW36C1M5' }, linkedAt: AT } },
    ]);
  });

  it('incident_status_updated_v2: IncidentStatusChanged from the previous to the new status, at the incident updated_at', () => {
    expect(eventsOf(body('incident_status_updated_v2'))).toEqual([
      {
        type: 'IncidentStatusChanged',
        streamId: STREAM,
        occurredAt: AT,
        data: { tool: 'incidentio', incidentId: INCIDENT, status: 'INCIDENT_STATUS_TRIAGE', statusLabel: 'Closed', previousStatus: 'INCIDENT_STATUS_TRIAGE', changedAt: AT },
      },
    ]);
  });

  describe('status transitions', () => {
    const transition = (previous: string, next: string, incident: Record<string, unknown> = {}) =>
      eventsOf(
        withResource(body('incident_status_updated_v2'), {
          'previous_status.category': previous,
          'new_status.category': next,
          ...Object.fromEntries(Object.entries(incident).map(([path, value]) => [`incident.${path}`, value])),
        }),
      );

    it('live → learning resolves the incident at the change (updated_at)', () => {
      expect(transition('live', 'learning').map((event) => [event.type, event.occurredAt])).toEqual([
        ['IncidentStatusChanged', AT],
        ['IncidentResolved', AT],
      ]);
    });

    it('live → closed prefers the recorded "Resolved at" timestamp', () => {
      const events = transition('live', 'closed', {
        incident_timestamp_values: [{ incident_timestamp: { id: 'r', name: 'Resolved at', rank: 3 }, value: { value: '2021-08-17T13:20:00Z' } }],
      });
      expect(events[1]).toEqual({
        type: 'IncidentResolved',
        streamId: STREAM,
        occurredAt: '2021-08-17T13:20:00.000Z',
        data: { tool: 'incidentio', incidentId: INCIDENT, resolvedAt: '2021-08-17T13:20:00.000Z' },
      });
    });

    it('learning → closed does not resolve it a second time', () => {
      expect(transition('learning', 'closed').map((event) => event.type)).toEqual(['IncidentStatusChanged']);
    });

    it('closed → live reopens it', () => {
      expect(transition('closed', 'live').map((event) => event.type)).toEqual(['IncidentStatusChanged', 'IncidentReopened']);
    });

    it('triage → declined is a status change only (declined incidents leave every KPI)', () => {
      const events = transition('triage', 'declined');
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({ status: 'INCIDENT_STATUS_DECLINED', previousStatus: 'INCIDENT_STATUS_TRIAGE' });
    });
  });

  it('severity by rank, the highest rank → SEV1 (default list Minor 1, Major 2, Critical 3)', () => {
    expect([3, 2, 1, 0].map((rank) => incidentioSeverity(rank))).toEqual(['SEVERITY_SEV1', 'SEVERITY_SEV2', 'SEVERITY_SEV3', 'SEVERITY_SEV4']);
    expect([5, 4, 3, 2, 1].map((rank) => incidentioSeverity(rank, 5))).toEqual(['SEVERITY_SEV1', 'SEVERITY_SEV2', 'SEVERITY_SEV3', 'SEVERITY_SEV4', 'SEVERITY_SEV5']);
  });
});

describe('normalizeIncidentio: follow-ups', () => {
  const ITEM = '01FCNDV6P870EA6S7TK1DSYDG0';
  const ITEM_STREAM = `actionitem-incidentio-${ITEM}`;

  it('follow_up_created_v2: ActionItemCreated with assignee and creator, still outstanding', () => {
    expect(eventsOf(body('follow_up_created_v2'))).toEqual([
      {
        type: 'ActionItemCreated',
        streamId: ITEM_STREAM,
        occurredAt: AT,
        data: {
          tool: 'incidentio',
          actionItemId: ITEM,
          incident: { tool: 'incidentio', id: '01FCNDV6P870EA6S7TK1DSYDG0' },
          assignee: { identity: LISA },
          createdAt: AT,
          createdBy: { identity: LISA },
        },
      },
    ]);
  });

  it('follow_up_created_v1: the same without a creator', () => {
    const [created] = eventsOf(body('follow_up_created_v1'));
    expect(created).toMatchObject({ type: 'ActionItemCreated', streamId: ITEM_STREAM, data: { actionItemId: ITEM, assignee: { identity: LISA }, createdAt: AT } });
    expect(created.data).not.toHaveProperty('createdBy');
  });

  it('follow_up_updated_v2 completed: the current assignee, and closed COMPLETED at completed_at', () => {
    const completed = withResource(retyped(body('follow_up_created_v2'), 'public_incident.follow_up_updated_v2'), {
      status: 'completed',
      completed_at: '2021-08-20T09:00:00Z',
      updated_at: '2021-08-20T09:00:05Z',
    });
    expect(eventsOf(completed)).toEqual([
      { type: 'ActionItemAssigned', streamId: ITEM_STREAM, occurredAt: '2021-08-20T09:00:05.000Z', data: { tool: 'incidentio', actionItemId: ITEM, assignee: { identity: LISA }, assignedAt: '2021-08-20T09:00:05.000Z' } },
      { type: 'ActionItemClosed', streamId: ITEM_STREAM, occurredAt: '2021-08-20T09:00:00.000Z', data: { tool: 'incidentio', actionItemId: ITEM, closedAt: '2021-08-20T09:00:00.000Z', outcome: 'ACTION_ITEM_OUTCOME_COMPLETED' } },
    ]);
  });

  it.each(['not_doing', 'deleted'])('follow_up_updated_v1 %s: closed NOT_DOING at updated_at; unassigned', (status) => {
    const dropped = withResource(retyped(body('follow_up_created_v1'), 'public_incident.follow_up_updated_v1'), { status, assignee: null, updated_at: '2021-08-21T10:00:00Z' });
    expect(eventsOf(dropped)).toEqual([
      { type: 'ActionItemAssigned', streamId: ITEM_STREAM, occurredAt: '2021-08-21T10:00:00.000Z', data: { tool: 'incidentio', actionItemId: ITEM, assignedAt: '2021-08-21T10:00:00.000Z' } },
      { type: 'ActionItemClosed', streamId: ITEM_STREAM, occurredAt: '2021-08-21T10:00:00.000Z', data: { tool: 'incidentio', actionItemId: ITEM, closedAt: '2021-08-21T10:00:00.000Z', outcome: 'ACTION_ITEM_OUTCOME_NOT_DOING' } },
    ]);
  });

  it('the legacy name public_incident.action_created_v1 reads like follow_up_created_v1', () => {
    expect(eventsOf(retyped(body('follow_up_created_v1'), 'public_incident.action_created_v1'))).toEqual(eventsOf(body('follow_up_created_v1')));
  });
});

describe('normalizeIncidentio: post-mortems', () => {
  const PM = '01GDZEW57FDA1K4S63MGMQ5DS9';
  const timed = (changes: Record<string, unknown>) => withResource(body('postmortem_document_status_updated_v1'), { 'postmortem_document.updated_at': '2021-08-24T16:00:00Z', ...changes });

  it('complete: PostmortemPublished at the document updated_at, its editors as authors', () => {
    expect(eventsOf(timed({}))).toEqual([
      {
        type: 'PostmortemPublished',
        streamId: `postmortem-incidentio-${PM}`,
        occurredAt: '2021-08-24T16:00:00.000Z',
        data: {
          tool: 'incidentio',
          postmortemId: PM,
          incident: { tool: 'incidentio', id: '01GBA8J19SMXQWPJMX3P2ESCVG' },
          authors: [{ identity: LISA }],
          publishedAt: '2021-08-24T16:00:00.000Z',
        },
      },
    ]);
  });

  it('created: PostmortemStarted at the document created_at', () => {
    expect(eventsOf(timed({ new_status: 'created', previous_status: 'not_started' }))).toEqual([
      {
        type: 'PostmortemStarted',
        streamId: `postmortem-incidentio-${PM}`,
        occurredAt: AT,
        data: { tool: 'incidentio', postmortemId: PM, incident: { tool: 'incidentio', id: '01GBA8J19SMXQWPJMX3P2ESCVG' }, startedAt: AT, authors: [{ identity: LISA }] },
      },
    ]);
  });

  it.each(['review', 'not_started'])('%s: ignored with its reason', (status) => {
    expect(normalize(timed({ new_status: status }))).toEqual({
      outcome: 'ignored',
      reason: `incident.io public_incident.postmortem_document_status_updated_v1: post-mortem status "${status}" is neither started nor published`,
    });
  });

  it('complete with no editor → MALFORMED naming the editors (a published post-mortem needs an author)', () => {
    const error = failureOf(timed({ 'postmortem_document.editors': [] }));
    expect(error).toMatchObject({ code: 'MALFORMED', message: expect.stringMatching(/postmortem_document\.editors: /) });
  });

  it('an unknown document status → MALFORMED naming new_status', () => {
    expect(failureOf(timed({ new_status: 'archived' })).message).toMatch(/\.new_status: expected not_started, created, review or complete/);
  });
});

describe('normalizeIncidentio: ignored and unknown', () => {
  it('private_incident.*: ignored, the incident would have to be fetched by API', () => {
    const privateIncident = JSON.stringify({ event_type: 'private_incident.incident_created_v2', 'private_incident.incident_created_v2': { id: INCIDENT } });
    expect(normalize(privateIncident)).toMatchObject({ outcome: 'ignored', reason: expect.stringMatching(/fetched from the incident\.io API/) });
  });

  it.each(['public_incident.exploded_v9', 'public_escalation.escalation_created_v1', 'constructor'])('%s → UNKNOWN_EVENT_TYPE', (eventType) => {
    expect(failureOf(retyped(body('incident_created_v2'), eventType)).code).toBe('UNKNOWN_EVENT_TYPE');
  });
});

describe('normalizeIncidentio: failures', () => {
  it.each([
    ['created_at', undefined, /^incident\.io delivery: public_incident\.incident_created_v2\.created_at: expected string/],
    ['created_at', 'last tuesday', /^public_incident\.incident_created_v2\.created_at: cannot read time "last tuesday"/],
    ['incident_status.category', 'exploded', /^incident\.io delivery: public_incident\.incident_created_v2\.incident_status\.category: expected one of/],
    ['severity.rank', 'high', /^incident\.io delivery: public_incident\.incident_created_v2\.severity\.rank: expected number/],
    ['incident_role_assignments.0.assignee.id', 7, /incident_role_assignments\.0\.assignee\.id: expected string/],
  ])('incident_created_v2 with %s = %p → MALFORMED naming the field', (path, value, message) => {
    const error = failureOf(withResource(body('incident_created_v2'), { [path]: value }));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(message);
  });

  it('a follow-up without incident_id → MALFORMED naming it', () => {
    const error = failureOf(withResource(body('follow_up_created_v2'), { incident_id: undefined }));
    expect(error.message).toMatch(/public_incident\.follow_up_created_v2\.incident_id: expected string/);
  });

  it('no event_type → MALFORMED; no resource under the event type → MALFORMED naming the key', () => {
    expect(failureOf(JSON.stringify({ id: 1 })).message).toMatch(/^incident\.io delivery: event_type: expected string/);
    const error = failureOf(JSON.stringify({ event_type: 'public_incident.incident_created_v2' }));
    expect(error).toMatchObject({ code: 'MALFORMED', message: expect.stringMatching(/^incident\.io delivery: public_incident\.incident_created_v2: expected object/) });
  });
});
