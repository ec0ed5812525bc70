import { inScope, type KpiSample } from './kpi-sample';
import type { KpiScope } from './kpi-types';

/** The distinct keys of the facts behind the samples, sorted. */
function sortedContributors(samples: readonly KpiSample[]): string[] {
  return [...new Set(samples.flatMap((sample) => sample.contributors))].sort();
}

/**
 * A window's samples, to be cut into scopes. Asked for many scopes (a snapshot asks every team of
 * every KPI of every window), filtering all samples and sorting the contributors once per scope
 * were most of the time: then each team's samples are grouped, and all contributors sorted, once.
 * Either way a scope gets what `inScope` and `sortedContributors` give: the same samples in the
 * same order, the same contributors.
 */
export class ScopedSamples {
  private byTeam: Map<string, KpiSample[]> | undefined;
  private contributorOrder: { sorted: string[]; rank: Map<string, number> } | undefined;

  constructor(
    readonly all: readonly KpiSample[],
    private readonly manyScopes: boolean,
  ) {}

  of(scope: KpiScope): KpiSample[] {
    if (scope.kind !== 'team' || !this.manyScopes) return this.all.filter((sample) => inScope(sample, scope));
    this.byTeam ??= samplesByTeam(this.all);
    return this.byTeam.get(scope.team) ?? [];
  }

  contributorsOf(samples: readonly KpiSample[]): string[] {
    if (!this.manyScopes) return sortedContributors(samples);
    this.contributorOrder ??= orderOf(sortedContributors(this.all));
    const { sorted, rank } = this.contributorOrder;
    const ranks = new Set<number>();
    for (const sample of samples) for (const contributor of sample.contributors) ranks.add(rank.get(contributor) as number);
    // Distinct strings sort as their ranks in the sorted whole do: numbers compare faster.
    return Array.from(ranks)
      .sort((a, b) => a - b)
      .map((at) => sorted[at]);
  }
}

function samplesByTeam(samples: readonly KpiSample[]): Map<string, KpiSample[]> {
  const byTeam = new Map<string, KpiSample[]>();
  for (const sample of samples) {
    for (const team of sample.teams) {
      const list = byTeam.get(team);
      if (list === undefined) byTeam.set(team, [sample]);
      // A team listed twice in one sample still takes the sample once.
      else if (list[list.length - 1] !== sample) list.push(sample);
    }
  }
  return byTeam;
}

function orderOf(sorted: string[]): { sorted: string[]; rank: Map<string, number> } {
  return { sorted, rank: new Map(sorted.map((contributor, at) => [contributor, at])) };
}
