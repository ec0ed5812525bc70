import type { KpiSample } from './kpi-sample';
import type { KpiScope } from './kpi-types';
import { ScopedSamples } from './scoped-samples';

function sample(id: number, teams: string[], contributors: string[]): KpiSample {
  return { subject: { kind: 'service', key: `service:s${id}`, slug: `s${id}` }, teams, services: [`s${id % 2}`], value: id, counted: true, contributors };
}

describe('ScopedSamples', () => {
  // A team listed twice, contributors shared by samples, and keys whose order is not their insertion order.
  const samples = [
    sample(1, ['web', 'sre'], ['pull_request:b', 'deployment:z']),
    sample(2, ['sre', 'sre'], ['deployment:z', 'incident:a']),
    sample(3, [], ['pull_request:a']),
    sample(4, ['payments'], ['Deployment:Z', 'pull_request:b']),
    sample(5, ['web'], ['incident:é', 'incident:e']),
  ];
  const scopes: KpiScope[] = [
    { kind: 'organization' },
    { kind: 'team', team: 'web' },
    { kind: 'team', team: 'sre' },
    { kind: 'team', team: 'payments' },
    { kind: 'team', team: 'nobody' },
    { kind: 'team_pair', teams: ['web', 'sre'] },
    { kind: 'service', service: 's1' },
  ];

  it.each(scopes)('gives a scope of a batch the samples and contributors it gives one scope alone (%j)', (scope) => {
    const many = new ScopedSamples(samples, true);
    const one = new ScopedSamples(samples, false);
    expect(many.of(scope)).toEqual(one.of(scope));
    expect(many.contributorsOf(many.of(scope))).toEqual(one.contributorsOf(one.of(scope)));
  });

  it('takes a sample once per team, in order, with its contributors distinct and sorted', () => {
    const many = new ScopedSamples(samples, true);
    const sre = many.of({ kind: 'team', team: 'sre' });
    expect(sre.map((each) => each.value)).toEqual([1, 2]);
    expect(many.contributorsOf(sre)).toEqual(['deployment:z', 'incident:a', 'pull_request:b']);
  });
});
