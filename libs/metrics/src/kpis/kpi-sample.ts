import type { MetricModel, ModelFact } from '../model/metric-model';
import type { Directory } from '@tandem/directory';
import type { MillisWindow } from '../shared/millis';
import type { KpiScope } from './kpi-types';

/** A service as the subject of a sample (error_budget_burn is per service, not per fact). */
export interface ServiceSubject {
  kind: 'service';
  key: string;
  slug: string;
}

/**
 * One unit of analysis of a KPI in a window: the fact it is about, the teams and services it is
 * attributed to (teams as of the item's time), and what it contributes.
 */
export interface KpiSample {
  subject: ModelFact | ServiceSubject;
  teams: readonly string[];
  services: readonly string[];
  /** Durations in seconds; error_budget_burn: impact minutes. Null: in the unit, without a duration. */
  value: number | null;
  /** In the numerator of a rate, or counted by a count. */
  counted: boolean;
  /** error_budget_burn: the budget minutes. */
  weight?: number;
  /** review_matrix: from the reviewer's teams to the author's teams. */
  direction?: { from: readonly string[]; to: readonly string[] };
  /** Keys of the facts behind the sample, its subject first. */
  contributors: readonly string[];
}

/** What collecting samples needs: the directory for as-of queries, the window. */
export interface CollectContext {
  model: MetricModel;
  directory: Directory;
  window: MillisWindow;
}

export function inScope(sample: KpiSample, scope: KpiScope): boolean {
  switch (scope.kind) {
    case 'organization':
      return true;
    case 'team':
      return sample.teams.includes(scope.team);
    case 'team_pair': {
      const [first, second] = scope.teams;
      if (sample.direction) return sample.direction.from.includes(first) && sample.direction.to.includes(second);
      return sample.teams.includes(first) && sample.teams.includes(second);
    }
    case 'service':
      return sample.services.includes(scope.service);
  }
}

/** The teams of a scope, for the privacy rule. */
export function teamsOfScope(scope: KpiScope): readonly string[] {
  if (scope.kind === 'team') return [scope.team];
  if (scope.kind === 'team_pair') return scope.teams;
  return [];
}
