import { describeFixtureFolder } from '../shared/testing/fixture-folder';
import { withField, withFields } from '../shared/testing/mutate-json';
import { fixtureRunner } from '../shared/testing/normalizer-test-kit';
import { normalizeOpsgenie } from './index';

/** Opsgenie sends no delivery id: the gateway derives one (alertId:action:updatedAt). */
const opsgenie = fixtureRunner({
  dir: 'opsgenie',
  source: 'opsgenie',
  normalizer: normalizeOpsgenie,
  deliveryId: 'opsgenie-delivery-1',
  headersFor: () => ({ 'Content-Type': 'application/json' }),
});
const { body, normalize, events: eventsOf, failure: failureOf } = opsgenie;

const FILI = { tool: 'opsgenie', id: 'fili@ifountain.com', email: 'fili@ifountain.com' };
const ALERT = '052652ac-5d1c-464a-812a-7dd18bbfba8c';
const STREAM = `incident-opsgenie-${ALERT}`;

describeFixtureFolder('normalizeOpsgenie: every sample in test/fixtures/webhooks/opsgenie', opsgenie, {
  atLeast: 8,
  ignoreReason: /^Opsgenie \w+: .{10,}/,
  redelivered: [{ sample: 'zulip__create', events: 2 }],
});

describe('normalizeOpsgenie: named deliveries', () => {
  it('zulip__create: a PageTriggered at alert.createdAt (ms) and the alert declared as an incident', () => {
    const at = '2017-08-14T11:25:56.288Z';
    const id = 'ec03dad6-62c8-4c94-b38b-d88f398e900f';
    const by = { tool: 'opsgenie', id: 'test@example.com', email: 'test@example.com' };
    expect(eventsOf(body('zulip__create'))).toEqual([
      {
        type: 'PageTriggered',
        streamId: `incident-opsgenie-${id}`,
        occurredAt: at,
        data: {
          tool: 'opsgenie',
          pageId: id,
          // No team on the alert: the integration that sent it is the paging service.
          pagingServiceId: 'daca46c6-e26b-4dda-8f8a-21f6db7eeaef',
          incidentKey: 'alert-alias',
          priority: 'P3',
          severity: 'SEVERITY_SEV3',
          triggeredAt: at,
          incident: { tool: 'opsgenie', id },
        },
      },
      {
        type: 'IncidentDeclared',
        streamId: `incident-opsgenie-${id}`,
        occurredAt: at,
        data: {
          tool: 'opsgenie',
          incidentId: id,
          reference: '#2',
          title: 'another alert',
          severity: 'SEVERITY_SEV3',
          severityLabel: 'P3',
          serviceIds: ['daca46c6-e26b-4dda-8f8a-21f6db7eeaef'],
          declaredAt: at,
          declaredBy: by,
          status: 'INCIDENT_STATUS_LIVE',
        },
      },
    ]);
  });

  it('zulip__acknowledge: acknowledged by fili@ifountain.com at alert.updatedAt read as nanoseconds', () => {
    const at = '2015-01-05T10:03:44.764Z';
    expect(eventsOf(body('zulip__acknowledge'))).toEqual([
      { type: 'PageAcknowledged', streamId: STREAM, occurredAt: at, data: { tool: 'opsgenie', pageId: ALERT, acknowledgedAt: at, by: FILI } },
      { type: 'IncidentAcknowledged', streamId: STREAM, occurredAt: at, data: { tool: 'opsgenie', incidentId: ALERT, acknowledgedAt: at, by: FILI } },
    ]);
  });

  it('zulip__close: the page and the incident resolved at the close time', () => {
    const at = '2015-01-05T10:06:14.669Z';
    expect(eventsOf(body('zulip__close'))).toEqual([
      { type: 'PageResolved', streamId: STREAM, occurredAt: at, data: { tool: 'opsgenie', pageId: ALERT, resolvedAt: at, by: FILI } },
      { type: 'IncidentResolved', streamId: STREAM, occurredAt: at, data: { tool: 'opsgenie', incidentId: ALERT, resolvedAt: at, by: FILI } },
    ]);
  });

  it('zulip__assignownership: reassigned to the owner user2@ifountain.com by fili', () => {
    expect(eventsOf(body('zulip__assignownership'))).toEqual([
      {
        type: 'PageReassigned',
        streamId: STREAM,
        occurredAt: '2015-01-05T10:06:14.669Z',
        data: {
          tool: 'opsgenie',
          pageId: ALERT,
          reassignedAt: '2015-01-05T10:06:14.669Z',
          assignees: [{ tool: 'opsgenie', id: 'user2@ifountain.com', email: 'user2@ifountain.com' }],
          by: FILI,
        },
      },
    ]);
  });

  it('zulip__takeownership: reassigned to the taker, and not an acknowledgement', () => {
    const taker = { tool: 'opsgenie', id: 'test@test.com', email: 'test@test.com' };
    const events = eventsOf(body('zulip__takeownership'));
    expect(events).toEqual([
      {
        type: 'PageReassigned',
        streamId: 'incident-opsgenie-8a745a79-3ed3-4044-8427-98e067c0623c',
        occurredAt: '2016-08-05T07:51:17.928Z',
        data: { tool: 'opsgenie', pageId: '8a745a79-3ed3-4044-8427-98e067c0623c', reassignedAt: '2016-08-05T07:51:17.928Z', assignees: [taker], by: taker },
      },
    ]);
    expect(events.map((event) => event.type)).not.toContain('PageAcknowledged');
  });

  it('zulip__escalate: the capture has no alert.updatedAt, so it is ignored rather than timed by the receive time', () => {
    const result = normalize(body('zulip__escalate'));
    expect(result.outcome).toBe('ignored');
    expect(result).toMatchObject({ reason: expect.stringMatching(/^Opsgenie Escalate: the delivery carries no alert\.updatedAt/) });
  });

  it('an Escalate with alert.updatedAt: PageEscalated notifying the escalationNotify user, no `by`', () => {
    // Spliced into the text: a nanosecond epoch is not exactly representable as a JS number literal.
    const timed = body('zulip__escalate').replace('"alert":{', '"alert":{"updatedAt":1420452374669001603,');
    expect(timed).toContain('1420452374669001603');
    expect(eventsOf(timed)).toEqual([
      {
        type: 'PageEscalated',
        streamId: 'incident-opsgenie-7ba97e3a-d328-4b5e-8f9a-39e945a3869a',
        occurredAt: '2015-01-05T10:06:14.669Z',
        data: {
          tool: 'opsgenie',
          pageId: '7ba97e3a-d328-4b5e-8f9a-39e945a3869a',
          escalatedAt: '2015-01-05T10:06:14.669Z',
          notified: [{ tool: 'opsgenie', id: 'test@ifountain.com', email: 'test@ifountain.com' }],
        },
      },
    ]);
  });

  it.each([
    ['zulip__addnote', 'Opsgenie AddNote: alert notes are free text and feed no KPI'],
    ['zulip__addteam', 'Opsgenie AddTeam: teams added after creation do not move the page to another service'],
  ])('%s: ignored with its reason, and no note text anywhere', (name, reason) => {
    expect(normalize(body(name))).toEqual({ outcome: 'ignored', reason });
  });
});

describe('normalizeOpsgenie: details', () => {
  const create = body('zulip__create');

  it('the first team of the alert is the paging service, before the integration', () => {
    const teamed = withField(create, 'alert.teams', ['a6da4929-aa71-41bc-ac30-ac7ae9519034', 'b']);
    expect(eventsOf(teamed)[0].data).toMatchObject({ pagingServiceId: 'a6da4929-aa71-41bc-ac30-ac7ae9519034' });
  });

  it('a priority sent as the label "P1" → SEV1; no priority → severity unknown (unset)', () => {
    expect(eventsOf(withField(create, 'alert.priority', 'P1'))[0].data).toMatchObject({ priority: 'P1', severity: 'SEVERITY_SEV1' });
    const unprioritized = eventsOf(withField(create, 'alert.priority', undefined));
    expect(unprioritized[0].data).not.toHaveProperty('severity');
    expect(unprioritized[1].data).not.toHaveProperty('severity');
  });

  it('an action by System (integrations, auto-close) is a bot', () => {
    const system = withFields(body('zulip__close'), { 'alert.username': 'System', 'alert.userFullName': 'System', 'alert.userId': '' });
    expect(eventsOf(system)[0].data).toMatchObject({ by: { tool: 'opsgenie', id: 'System', bot: true } });
  });

  it('the full name, when Opsgenie sends it, names the person', () => {
    const named = withField(body('zulip__acknowledge'), 'alert.userFullName', 'Fili Fountain');
    expect(eventsOf(named)[0].data).toMatchObject({ by: { ...FILI, name: 'Fili Fountain' } });
  });

  it('UpdatePriority: the page priority and the incident severity', () => {
    const updated = withFields(body('zulip__close'), { action: 'UpdatePriority', 'alert.priority': 'P2' });
    expect(eventsOf(updated)).toEqual([
      { type: 'PagePriorityChanged', streamId: STREAM, occurredAt: '2015-01-05T10:06:14.669Z', data: { tool: 'opsgenie', pageId: ALERT, priority: 'P2', severity: 'SEVERITY_SEV2', changedAt: '2015-01-05T10:06:14.669Z', by: FILI } },
      { type: 'IncidentSeverityChanged', streamId: STREAM, occurredAt: '2015-01-05T10:06:14.669Z', data: { tool: 'opsgenie', incidentId: ALERT, severity: 'SEVERITY_SEV2', severityLabel: 'P2', changedAt: '2015-01-05T10:06:14.669Z', by: FILI } },
    ]);
  });

  it('UnAcknowledge is ignored', () => {
    expect(normalize(withField(body('zulip__acknowledge'), 'action', 'UnAcknowledge')).outcome).toBe('ignored');
  });
});

describe('normalizeOpsgenie: failures', () => {
  it.each([
    ['zulip__create', 'alert.createdAt', undefined, /^alert\.createdAt: cannot read time/],
    ['zulip__create', 'alert.createdAt', 'yesterday', /^alert\.createdAt: cannot read time "yesterday"/],
    ['zulip__acknowledge', 'alert.updatedAt', undefined, /^alert\.updatedAt: cannot read time/],
    ['zulip__acknowledge', 'alert.alertId', undefined, /^Opsgenie delivery: alert\.alertId: expected string/],
    ['zulip__acknowledge', 'alert', undefined, /^Opsgenie delivery: alert: expected object/],
    ['zulip__acknowledge', 'action', 7, /^Opsgenie delivery: action: expected string/],
    ['zulip__acknowledge', 'alert.username', 42, /^Opsgenie delivery: alert\.username: expected string/],
    ['zulip__create', 'alert.teams', 'team1', /^Opsgenie delivery: alert\.teams: expected array/],
    ['zulip__assignownership', 'alert.owner', undefined, /^alert\.owner: AssignOwnership names no owner/],
    ['zulip__takeownership', 'alert.username', undefined, /^alert\.username: TakeOwnership names no user/],
  ])('%s with %s = %p → MALFORMED naming the field', (name, path, value, message) => {
    const error = failureOf(withField(body(name), path, value));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(message);
  });

  it('a Create with neither a team nor an integration → MALFORMED naming both', () => {
    const error = failureOf(withField(body('zulip__create'), 'integrationId', undefined));
    expect(error).toMatchObject({ code: 'MALFORMED', message: expect.stringMatching(/^alert\.teams, integrationId: /) });
  });

  it('UpdatePriority with a priority that is not P1…P5 → MALFORMED naming alert.priority', () => {
    const error = failureOf(withFields(body('zulip__close'), { action: 'UpdatePriority', 'alert.priority': 'urgent' }));
    expect(error).toMatchObject({ code: 'MALFORMED', message: 'alert.priority: expected P1…P5, received "urgent"' });
  });

  it.each(['Explode', 'constructor', 'acknowledge'])('action %s → UNKNOWN_EVENT_TYPE', (action) => {
    expect(failureOf(withField(body('zulip__acknowledge'), 'action', action)).code).toBe('UNKNOWN_EVENT_TYPE');
  });
});
