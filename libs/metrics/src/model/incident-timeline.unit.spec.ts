import { MetricEvents, who } from '../testing/metric-events';
import { expectOrderIndependent } from '../testing/order-independence';
import { testDirectory } from '../testing/test-organization';
import type { Incident, MetricModel } from './metric-model';

const ms = (iso: string) => Date.parse(iso);

function incident(model: MetricModel, key: string): Incident {
  const found = model.incidents.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no incident ${key}`);
  return found;
}

describe('incident timeline', () => {
  it('takes triggered from the first page, acknowledged from the first person, resolved from the resolve event', () => {
    const t = new MetricEvents();
    // A PagerDuty incident: the page and the incident share the IncidentRef, as the normalizer emits them.
    t.pageTriggered('P1', '2026-02-02T10:00:00Z', { severity: 'SEVERITY_SEV2' });
    t.incidentDeclared('P1', '2026-02-02T10:00:30Z', { tool: 'pagerduty', serviceIds: ['PCHECKOUT'], severity: 'SEVERITY_SEV3' });
    // Automation (no agent) and a bot acknowledge first: neither is a person.
    t.pageAcknowledged('P1', '2026-02-02T10:01:00Z');
    t.pageAcknowledged('P1', '2026-02-02T10:02:00Z', who.pagerduty('PBOT'));
    t.incidentAcknowledged('P1', '2026-02-02T10:03:00Z', { tool: 'pagerduty', id: 'PDEPLOYER', bot: true }, 'pagerduty');
    t.pageAcknowledged('P1', '2026-02-02T10:07:00Z', who.pagerduty('PCAROL'));
    t.incidentSeverityChanged('P1', '2026-02-02T10:20:00Z', 'SEVERITY_SEV1', 'pagerduty');
    t.incidentSeverityChanged('P1', '2026-02-02T10:40:00Z', 'SEVERITY_SEV4', 'pagerduty');
    t.incidentMitigated('P1', '2026-02-02T10:30:00Z', 'pagerduty');
    t.incidentResolved('P1', '2026-02-02T10:45:00Z', 'pagerduty');

    const timeline = expectOrderIndependent(t.events, testDirectory, (model) => incident(model, 'incident:pagerduty:P1'));

    expect(timeline).toMatchObject({
      triggered: ms('2026-02-02T10:00:00Z'),
      impactStart: ms('2026-02-02T10:00:00Z'),
      impactStartSource: 'alert',
      acknowledged: ms('2026-02-02T10:07:00Z'),
      acknowledgedBy: 'carol',
      mitigated: ms('2026-02-02T10:30:00Z'),
      resolved: ms('2026-02-02T10:45:00Z'),
      // The highest over its life: SEV1, although it ended SEV4.
      severity: 1,
      services: ['checkout'],
      pages: ['page:pagerduty:P1'],
    });
    expect(timeline.participants).toEqual([{ personId: 'carol', at: ms('2026-02-02T10:07:00Z'), kind: 'ack' }]);
  });

  it('lets a human correction of the impact start win, even a later one, and reopens until the next resolve', () => {
    const t = new MetricEvents();
    t.incidentDeclared('INC-1', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'], impactStartedAt: '2026-02-02T09:50:00Z' });
    t.incidentResolved('INC-1', '2026-02-02T11:00:00Z');
    t.incidentReopened('INC-1', '2026-02-02T11:30:00Z');
    const before = expectOrderIndependent(t.events, testDirectory, (model) => incident(model, 'incident:incidentio:INC-1'));
    // The tool's own earlier impact start is the earliest; the reopen leaves it unresolved.
    expect(before).toMatchObject({ impactStart: ms('2026-02-02T09:50:00Z'), impactStartSource: 'tool', resolved: null });

    t.incidentResolved('INC-1', '2026-02-02T12:00:00Z');
    t.impactCorrected('INC-1', '2026-02-03T09:00:00Z', { impactStartedAt: '2026-02-02T09:00:00Z' });
    t.impactCorrected('INC-1', '2026-02-03T10:00:00Z', { impactStartedAt: '2026-02-02T09:55:00Z' });
    const after = expectOrderIndependent(t.events, testDirectory, (model) => incident(model, 'incident:incidentio:INC-1'));
    // The latest correction wins over the earlier correction and over the tool's earlier value.
    expect(after).toMatchObject({ impactStart: ms('2026-02-02T09:55:00Z'), impactStartSource: 'correction', resolved: ms('2026-02-02T12:00:00Z') });
  });

  it('collects participants between triggered and resolved: acks, roles, accepted responders, channel messages', () => {
    const t = new MetricEvents();
    t.incidentDeclared('INC-2', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'], channel: { tool: 'slack', id: 'CINC2' } });
    t.messagePosted('CINC2', 'm0', '2026-02-02T09:59:00Z', who.slack('UBOB'));
    t.incidentRoleAssigned('INC-2', '2026-02-02T10:01:00Z', who.slack('UCAROL'));
    t.pageTriggered('PG2', '2026-02-02T10:02:00Z', { incident: { tool: 'incidentio', id: 'INC-2' } });
    t.responderAdded('PG2', '2026-02-02T10:05:00Z', who.pagerduty('PDAVE'));
    t.responderAdded('PG2', '2026-02-02T10:06:00Z', who.pagerduty('PERIN'));
    t.responderReplied('PG2', '2026-02-02T10:07:00Z', who.pagerduty('PERIN'), false);
    t.messagePosted('CINC2', 'm1', '2026-02-02T10:10:00Z', who.slack('UIVY'));
    t.messagePosted('CINC2', 'm2', '2026-02-02T10:11:00Z', who.slack('UIVY'), 'm1');
    t.messagePosted('CINC2', 'm3', '2026-02-02T10:12:00Z', { tool: 'slack', id: 'BBOT', bot: true });
    t.incidentResolved('INC-2', '2026-02-02T11:00:00Z');
    t.messagePosted('CINC2', 'm4', '2026-02-02T11:05:00Z', who.slack('UHANK'));

    const timeline = expectOrderIndependent(t.events, testDirectory, (model) => incident(model, 'incident:incidentio:INC-2'));

    // bob posted before triggered and hank after resolved; erin declined; the bot is no person;
    // ivy counts once, at her first message.
    expect(timeline.participants).toEqual([
      { personId: 'carol', at: ms('2026-02-02T10:01:00Z'), kind: 'role' },
      { personId: 'dave', at: ms('2026-02-02T10:05:00Z'), kind: 'responder' },
      { personId: 'ivy', at: ms('2026-02-02T10:10:00Z'), kind: 'message' },
    ]);
  });

  it('counts a merged incident’s pages for the incident it was merged into, and leaves the merged one out', () => {
    const t = new MetricEvents();
    t.incidentDeclared('A', '2026-02-02T10:10:00Z', { serviceIds: ['checkout-io'] });
    t.incidentDeclared('B', '2026-02-02T10:20:00Z', { serviceIds: ['checkout-io'] });
    t.pageTriggered('PB', '2026-02-02T10:05:00Z', { incident: { tool: 'incidentio', id: 'B' } });
    t.pageAcknowledged('PB', '2026-02-02T10:06:00Z', who.pagerduty('PFRANK'));
    t.incidentMerged('B', '2026-02-02T10:30:00Z', 'A');

    const model = expectOrderIndependent(t.events, testDirectory, (built) => built);

    expect(incident(model, 'incident:incidentio:A')).toMatchObject({ triggered: ms('2026-02-02T10:05:00Z'), acknowledgedBy: 'frank', pages: ['page:pagerduty:PB'], absorbed: ['incident:incidentio:B'] });
    expect(incident(model, 'incident:incidentio:B')).toMatchObject({ excluded: 'merged', pages: [] });
  });
});
