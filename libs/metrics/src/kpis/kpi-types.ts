import type { Directory } from '@tandem/directory';

/** Every KPI of metrics.md, by id. */
export const KPI_IDS = [
  'deployment_frequency',
  'lead_time_for_changes',
  'change_failure_rate',
  'failed_deployment_recovery_time',
  'time_to_acknowledge',
  'time_to_restore',
  'error_budget_burn',
  'dev_incident_participation',
  'time_to_engage_dev',
  'dev_oncall_share',
  'out_of_hours_pages',
  'cross_team_review_rate',
  'review_matrix',
  'iac_dev_authorship',
  'cross_team_response_time',
  'postmortem_completion_rate',
  'postmortem_cross_team_participation',
  'action_item_closure_rate',
] as const;

export type KpiId = (typeof KPI_IDS)[number];

export type KpiUnit = 'seconds' | 'ratio' | 'count';

/** Who a value is about. Team attribution is as of each item's time (metrics.md). */
export type KpiScope =
  | { kind: 'organization' }
  | { kind: 'team'; team: string }
  /** Items of both teams; for review_matrix, reviews from the first team's people of the second's PRs. */
  | { kind: 'team_pair'; teams: readonly [string, string] }
  | { kind: 'service'; service: string };

/** `[from, to)`, ISO-8601 UTC instants. */
export interface KpiWindow {
  from: string;
  to: string;
}

export interface KpiContext {
  directory: Directory;
  scope: KpiScope;
  window: KpiWindow;
}

export interface ReviewMatrixCell {
  reviewerTeam: string;
  authorTeam: string;
  reviews: number;
}

export interface ServiceBudget {
  service: string;
  impactMinutes: number;
  budgetMinutes: number;
}

/** The companions some KPIs return beside their value. */
export interface KpiExtras {
  /** deployment_frequency: median over the window's weeks of days with ≥ 1 deployment (weeks with none count). */
  deployDaysPerWeek?: number | null;
  /** deployment_frequency: how many weeks that median is over. */
  weeks?: number;
  /** time_to_acknowledge: incidents triggered in the window that no person acknowledged. */
  unacknowledged?: number;
  /** action_item_closure_rate: median days from creation to close of the closed items. */
  medianDaysToClose?: number | null;
  /** review_matrix: reviews from reviewer's team to author's team (teams below minGroupSize left out). */
  matrix?: ReviewMatrixCell[];
  /** error_budget_burn: each service's impact and budget. */
  services?: ServiceBudget[];
}

export interface KpiValue {
  kpi: KpiId;
  version: number;
  scope: KpiScope;
  window: KpiWindow;
  /** Null when there is no sample, or when suppressed; never 0 for "no data". */
  value: number | null;
  unit: KpiUnit;
  sampleSize: number;
  numerator?: number;
  denominator?: number;
  p90?: number | null;
  mean?: number | null;
  /** Privacy: a team below `minGroupSize` at the window's end gets no value. */
  suppressed: boolean;
  extras?: KpiExtras;
  /** The keys of the facts behind the value; `explainKpi` expands them with their events. */
  contributors: string[];
}
