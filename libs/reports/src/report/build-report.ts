import type { CanonicalEvent } from '@tandem/contracts';
import { buildMetricModel, computeKpis, foldEvents, type KpiId, type KpiScope, type KpiValue, type MetricModel } from '@tandem/metrics';
import type { Directory } from '@tandem/directory';
import { ReportsError } from '../reports-error';
import { compareCodeUnits } from '../shared/canonical-json';
import { coverageOf, type MillisWindow } from '../shared/coverage';
import { historyUpTo } from '../shared/history';
import { instantMillis } from '../shared/instants';
import { isoWindow } from '../shared/window';
import { SNAPSHOT_GENERATOR } from '../snapshot/generator';
import { formatValue } from './format';
import { notableIncidents, periodIncidents } from './notable-incidents';
import { reportPeriodOf, reportPeriods } from './periods';
import { COLLABORATION_SECTIONS, PRESENTATION, SHARED_SECTIONS, TEAM_TABLE_KPIS } from './presentation';
import { periodRecognitions } from './recognitions';
import { reportKpiOf } from './report-kpi';
import type { LeadershipReport, ReportKpi, ReportPeriodKind, ReportSection, ReviewFlow, TeamRow } from './report-types';
import { dataQualitySentences, headlineOf, summaryOf } from './summary';

export interface ReportInput {
  /** The store's events, in any order, duplicates allowed. */
  events: readonly CanonicalEvent[];
  period: ReportPeriodKind;
  /** ISO instant: the report covers the last complete period before it. Default: `asOf`. */
  at?: string;
  /**
   * ISO instant: the report reads the events recorded up to it. Default: the latest recordedAt
   * (never the clock: the same store gives the same report). Separate from `at`, so a history
   * imported today still reports on the weeks it happened in.
   */
  asOf?: string;
  /** A team's slug for a team report; none for the organisation. */
  team?: string;
}

/**
 * The leadership report of one week or month, for the organisation or one team: the shared KPIs
 * against the period before and over 12 periods, the Dev ↔ Ops collaboration section, the notable
 * incidents, the recognitions and the data quality. Pure; the renderers turn it into HTML or Markdown.
 */
export function buildReport(input: ReportInput): LeadershipReport {
  const history = historyUpTo(input.events, input.asOf);
  const { directory } = history;
  const asOfMs = Date.parse(history.asOf);
  const atMs = input.at === undefined ? asOfMs : instantMillis(input.at, '--at');
  const team = input.team ?? null;
  if (team !== null && !directory.team(team)) {
    const known = directory.teams().map((record) => record.slug).sort(compareCodeUnits);
    throw new ReportsError('REPORTS_UNKNOWN_TEAM', `No team "${team}" in the organisation; its teams are ${known.join(', ') || 'not configured yet'}.`);
  }
  const model = buildMetricModel(foldEvents(history.events), directory);
  const settings = directory.settings;
  const buckets = reportPeriods(input.period, atMs, settings.timezone);
  const current = buckets[buckets.length - 1];
  const previous = buckets[buckets.length - 2] ?? current;
  const scope: KpiScope = team === null ? { kind: 'organization' } : { kind: 'team', team };

  // Every KPI in each of the 12 periods, computed once: the sections, sentences and trends read these.
  const perPeriod = buckets.map((bucket) => byKpi(computeKpis(model, { directory, window: isoWindow(bucket), scopes: [scope] })));
  const kpiOf = (id: KpiId): ReportKpi =>
    reportKpiOf({ buckets: buckets.map((bucket) => bucket.label), values: perPeriod.map((values) => values.get(id) as KpiValue) }, input.period, settings.minGroupSize);
  const sectionsOf = (specs: typeof SHARED_SECTIONS): ReportSection[] => specs.map((spec) => ({ id: spec.id, title: spec.title, intro: spec.intro, kpis: spec.kpis.map(kpiOf) }));
  const sharedKpis = sectionsOf(SHARED_SECTIONS);
  const collaboration = sectionsOf(COLLABORATION_SECTIONS);
  const allKpis = [...sharedKpis, ...collaboration].flatMap((section) => section.kpis);

  const incidents = periodIncidents(model, directory, current, asOfMs, team);
  const recognitions = periodRecognitions(history.events, directory, current, team);
  const teams = team === null ? teamRows(model, directory, current) : [];
  const coverage = coverageOf(model, directory, current);
  const suppressedValues = team === null ? teams.flatMap((row) => row.values).filter((value) => value.suppressed).length : allKpis.filter((kpi) => kpi.current.suppressed).length;
  const period = reportPeriodOf(current, input.period);
  const scopeName = team === null ? settings.name : (directory.team(team)?.name ?? team);
  const kudos = recognitions.filter((item) => item.kind === 'kudos').length;

  const report: Omit<LeadershipReport, 'headline' | 'summary'> = {
    title: `${scopeName}: ${input.period === 'week' ? 'weekly' : 'monthly'} report, ${period.label}`,
    organization: { name: settings.name, timezone: settings.timezone, minGroupSize: settings.minGroupSize },
    scope: team === null ? { kind: 'organization', name: settings.name } : { kind: 'team', team, name: scopeName },
    periodKind: input.period,
    period,
    previousPeriod: reportPeriodOf(previous, input.period),
    asOf: history.asOf,
    eventStorePosition: history.position,
    sharedKpis,
    collaboration,
    reviewFlows: reviewFlowsOf(perPeriod[perPeriod.length - 1].get('review_matrix'), directory),
    incidents: { total: incidents.length, notable: notableIncidents(incidents, model, directory, asOfMs) },
    recognitions: { kudos, automatic: recognitions.length - kudos, items: recognitions },
    dataQuality: { coverage, suppressedValues, sentences: dataQualitySentences(coverage, suppressedValues, settings.minGroupSize, team === null ? 'organization' : 'team') },
    teams,
    definitions: Object.fromEntries(allKpis.map((kpi) => [kpi.kpi, kpi.version]).sort(([a], [b]) => compareCodeUnits(String(a), String(b)))) as Record<KpiId, number>,
    generatedBy: { ...SNAPSHOT_GENERATOR },
  };
  return { ...report, headline: headlineOf(report, allKpis, incidents), summary: summaryOf(report, allKpis, incidents) };
}

function byKpi(values: readonly KpiValue[]): Map<KpiId, KpiValue> {
  return new Map(values.map((value) => [value.kpi, value]));
}

/** Reviews between two different teams this period, the biggest flows first. */
function reviewFlowsOf(matrix: KpiValue | undefined, directory: Directory): ReviewFlow[] {
  const name = (slug: string) => directory.team(slug)?.name ?? slug;
  return (matrix?.extras?.matrix ?? [])
    .filter((cell) => cell.reviewerTeam !== cell.authorTeam)
    .sort((a, b) => b.reviews - a.reviews || compareCodeUnits(a.reviewerTeam, b.reviewerTeam) || compareCodeUnits(a.authorTeam, b.authorTeam))
    .slice(0, 8)
    .map((cell) => ({ from: name(cell.reviewerTeam), to: name(cell.authorTeam), reviews: cell.reviews }));
}

function teamRows(model: MetricModel, directory: Directory, window: MillisWindow): TeamRow[] {
  const teams = directory.teams().map((record) => record.slug).sort(compareCodeUnits);
  const scopes = teams.map((team): KpiScope => ({ kind: 'team', team }));
  const values = computeKpis(model, { directory, window: isoWindow(window), scopes, kpis: TEAM_TABLE_KPIS });
  const minimum = directory.settings.minGroupSize;
  return teams.map((team) => {
    const record = directory.team(team);
    return {
      team,
      name: record?.name ?? team,
      kind: record?.kind ?? 'other',
      members: directory.teamSize(team, window.to - 1),
      values: TEAM_TABLE_KPIS.map((kpi) => {
        const value = values.find((candidate) => candidate.kpi === kpi && candidate.scope.kind === 'team' && candidate.scope.team === team);
        const suppressed = !value || value.suppressed;
        const display = suppressed ? `not shown: fewer than ${minimum} people` : value.value === null ? 'no data' : formatValue(value.value, value.unit);
        return { kpi, label: PRESENTATION[kpi].label, display, suppressed };
      }),
    };
  });
}

