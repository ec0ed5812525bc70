import { kpiOf, team } from '../testing/kpi-harness';
import { MetricEvents, who } from '../testing/metric-events';
import { directoryOf, TEST_ORGANIZATION_YAML } from '../testing/test-organization';

describe('team attribution and privacy', () => {
  it('suppresses a team below the minimum group size, alone or in a pair, but counts its items for the organisation', () => {
    const t = new MetricEvents();
    t.deploymentFinished('TINY', '2026-02-02T08:00:00Z', { repository: { tool: 'github', id: 'acme/tiny' } });
    t.deploymentFinished('CHECKOUT', '2026-02-03T08:00:00Z');

    expect(kpiOf('deployment_frequency', t.events, { scope: team('tiny') })).toEqual({
      kpi: 'deployment_frequency',
      version: 1,
      scope: { kind: 'team', team: 'tiny' },
      window: { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
      value: null,
      unit: 'count',
      sampleSize: 0,
      suppressed: true,
      contributors: [],
    });
    expect(kpiOf('deployment_frequency', t.events, { scope: { kind: 'team_pair', teams: ['payments', 'tiny'] } })).toMatchObject({ suppressed: true, value: null });
    expect(kpiOf('deployment_frequency', t.events)).toMatchObject({ suppressed: false, value: 2 });
  });

  it('judges the group size at the window’s end', () => {
    // ian leaves web on 15 February: two people remain.
    const ianLeaves = directoryOf(TEST_ORGANIZATION_YAML.replace('{ id: ian, name: Ian, identities: { github: ian-gh, slack: UIAN }, memberships: [ { team: web, from: 2025-01-01 } ] }', '{ id: ian, name: Ian, identities: { github: ian-gh, slack: UIAN }, memberships: [ { team: web, from: 2025-01-01, to: 2026-02-15 } ] }'));
    expect(ianLeaves.teamSize('web', '2026-02-20T00:00:00Z')).toBe(2);
    // search deployed in January, while web had three people.
    const t = new MetricEvents();
    t.deploymentFinished('S1', '2026-01-10T08:00:00Z', { repository: { tool: 'github', id: 'acme/search' } });

    expect(kpiOf('deployment_frequency', t.events, { scope: team('web'), directory: ianLeaves, window: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' } })).toMatchObject({ suppressed: false, value: 1 });
    expect(kpiOf('deployment_frequency', t.events, { scope: team('web'), directory: ianLeaves, window: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } })).toMatchObject({ suppressed: true, value: null });
  });

  it('counts a person in several teams once per team, and an item once for the organisation', () => {
    // dave is in payments and, from 2025, in platform too.
    const twoTeams = directoryOf(TEST_ORGANIZATION_YAML.replace('memberships: [ { team: payments, from: 2025-01-01 } ] }\n  - { id: erin', 'memberships: [ { team: payments, from: 2025-01-01 }, { team: platform, from: 2025-01-01 } ] }\n  - { id: erin'));
    const t = new MetricEvents();
    // dave's checkout PR (payments and sre through the service; payments and platform through dave), reviewed by carol.
    t.prOpened(1, '2026-02-02T09:00:00Z', who.github('dave-gh'));
    t.prReviewed(1, '2026-02-02T10:00:00Z', who.github('carol-gh'));
    t.prMerged(1, '2026-02-02T11:00:00Z', { mergeCommitSha: 'merge1000000', openedAt: '2026-02-02T09:00:00Z' });

    for (const scope of [team('payments'), team('platform'), team('sre'), { kind: 'organization' as const }]) {
      expect(kpiOf('cross_team_review_rate', t.events, { scope, directory: twoTeams })).toMatchObject({ value: 1, denominator: 1 });
    }
    // dave is on both sides now (payments is Dev, platform Ops): carol's review still faces him.
    expect(kpiOf('cross_team_review_rate', t.events, { scope: team('web'), directory: twoTeams })).toMatchObject({ value: null, denominator: 0 });
  });
});
