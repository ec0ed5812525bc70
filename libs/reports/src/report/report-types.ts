import type { KpiId, KpiUnit } from '@tandem/metrics';
import type { SnapshotCoverage } from '../snapshot/snapshot-types';

export type ReportPeriodKind = 'week' | 'month';

export interface ReportPeriod {
  /** `week of 2 March 2026`, `March 2026`. */
  label: string;
  /** The calendar bucket's label: `2026-03-02`, `2026-03`. */
  bucket: string;
  from: string;
  to: string;
}

/** One KPI in one period, as the report shows it. */
export interface ReportValue {
  value: number | null;
  sampleSize: number;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

export type Better = 'lower' | 'higher';

export interface ReportKpi {
  kpi: KpiId;
  version: number;
  label: string;
  unit: KpiUnit;
  /** Which way is good; null where neither is (a count of reviews). */
  better: Better | null;
  current: ReportValue;
  previous: ReportValue;
  /** current − previous, when both have a value. */
  change: number | null;
  /** Whether the change is good news; null without a change or a direction. */
  verdict: 'better' | 'worse' | 'same' | null;
  /** The last 12 periods, oldest first, the current one last. */
  trend: { bucket: string; value: number | null }[];
  /** The plain sentence: "Incidents were restored in a median of 42 min, 8 min faster than last week." */
  sentence: string;
  /** The value as the tables show it: `42 min`, `35%`, `not shown: fewer than 3 people`. */
  display: { current: string; previous: string; change: string };
}

export interface ReviewFlow {
  from: string;
  to: string;
  reviews: number;
}

export interface NotableIncident {
  title: string;
  severity: string | null;
  services: string[];
  triggered: string | null;
  resolved: string | null;
  /** impactStart → resolved, in seconds; null while open. */
  restoreSeconds: number | null;
  postmortem: { status: 'published' | 'in_progress' | 'due' | 'overdue' | 'not_required' | 'open_incident'; text: string };
}

export interface RecognitionItem {
  kind: 'kudos' | 'automatic';
  at: string;
  from: string | null;
  to: string[];
  text: string;
  rule: string | null;
}

export interface TeamRow {
  team: string;
  name: string;
  kind: string;
  members: number;
  values: { kpi: KpiId; label: string; display: string; suppressed: boolean }[];
}

export interface ReportSection {
  id: string;
  title: string;
  /** What the section is about, in one sentence. */
  intro: string;
  kpis: ReportKpi[];
}

export interface LeadershipReport {
  title: string;
  organization: { name: string; timezone: string; minGroupSize: number };
  scope: { kind: 'organization'; name: string } | { kind: 'team'; team: string; name: string };
  periodKind: ReportPeriodKind;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  /** The history is every event recorded at or before this instant. */
  asOf: string;
  eventStorePosition: number;
  /** The one sentence a reader with ten seconds should see. */
  headline: string;
  /** Plain sentences, the page a reader with five minutes reads. */
  summary: string[];
  /** Delivery and incident response. */
  sharedKpis: ReportSection[];
  /** Dev ↔ Ops collaboration: participation, on-call, reviews, post-mortem follow-through. */
  collaboration: ReportSection[];
  reviewFlows: ReviewFlow[];
  incidents: { total: number; notable: NotableIncident[] };
  recognitions: { kudos: number; automatic: number; items: RecognitionItem[] };
  dataQuality: { coverage: SnapshotCoverage; suppressedValues: number; sentences: string[] };
  /** Organisation reports: each team's headline values. */
  teams: TeamRow[];
  definitions: Record<KpiId, number>;
  generatedBy: { name: string; version: string };
}
