import { pageOf, type IncidentSummary } from './incident-list';

const incident = (id: string): IncidentSummary => ({
  key: `incident:pagerduty:${id}`,
  tool: 'pagerduty',
  id,
  title: null,
  severity: null,
  services: [],
  teams: [],
  milestones: { impactStart: null, triggered: null, acknowledged: null, mitigated: null, resolved: null },
  impactStartSource: null,
  linkRule: null,
  links: [],
  eventIds: [],
});

describe('incident pages', () => {
  const items = ['A', 'B', 'C'].map(incident);

  it('pages by the last key seen', () => {
    const first = pageOf(items, 2);
    expect(first).toMatchObject({ totalCount: 3, hasNextPage: true, endCursor: 'incident:pagerduty:B' });
    const second = pageOf(items, 2, first.endCursor ?? undefined);
    expect(second).toMatchObject({ items: [{ id: 'C' }], hasNextPage: false, endCursor: 'incident:pagerduty:C' });
    expect(pageOf(items, 2, second.endCursor ?? undefined)).toMatchObject({ items: [], hasNextPage: false, endCursor: null });
  });

  it('answers nothing after a cursor it does not know', () => {
    expect(pageOf(items, 2, 'incident:pagerduty:gone')).toMatchObject({ items: [], totalCount: 3, hasNextPage: false });
  });
});
