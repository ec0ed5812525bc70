import type { Incident } from '@tandem/metrics';
import type { SnapshotCoverage } from '../snapshot/snapshot-types';
import { formatDuration, plural } from './format';
import { SUMMARY_KPIS } from './presentation';
import type { LeadershipReport, ReportKpi } from './report-types';

type ReportBody = Omit<LeadershipReport, 'headline' | 'summary'>;

/** The one sentence on top: what happened, in the numbers a leader asks for first. */
export function headlineOf(report: ReportBody, kpis: readonly ReportKpi[], incidents: readonly Incident[]): string {
  const restore = kpis.find((kpi) => kpi.kpi === 'time_to_restore');
  const deployments = kpis.find((kpi) => kpi.kpi === 'deployment_frequency');
  const restored = restore && restore.current.value !== null ? `, restored in a median of ${formatDuration(restore.current.value)},` : '';
  const incidentPart = incidents.length === 0 ? 'no incidents' : `${plural(incidents.length, 'incident')}${restored}`;
  const deploymentPart = deployments?.current.suppressed ? 'deployments not shown (a small team)' : plural(deployments?.current.value ?? 0, 'production deployment');
  const subject = report.scope.kind === 'team' ? `${report.scope.name} had ` : '';
  return `${capitalize(report.period.label)}: ${capitalize(`${subject}${incidentPart} and ${deploymentPart}`)}.`;
}

/** The first page: incidents, the biggest changes, the headline KPIs in plain sentences, recognitions, data quality. */
export function summaryOf(report: ReportBody, kpis: readonly ReportKpi[], incidents: readonly Incident[]): string[] {
  const sentences = [incidentSentence(report, incidents)];
  const biggest = biggestChanges(kpis);
  if (biggest.better) sentences.push(`The biggest improvement: ${lowerFirst(biggest.better.label)}, ${biggest.better.display.change} than last ${report.periodKind}.`);
  if (biggest.worse) sentences.push(`The biggest setback: ${lowerFirst(biggest.worse.label)}, ${biggest.worse.display.change} than last ${report.periodKind}.`);
  for (const id of SUMMARY_KPIS) {
    const kpi = kpis.find((candidate) => candidate.kpi === id);
    if (kpi) sentences.push(kpi.sentence);
  }
  const { kudos, automatic } = report.recognitions;
  sentences.push(
    kudos + automatic === 0
      ? `Nobody gave or earned a recognition this ${report.periodKind}.`
      : `People gave ${plural(kudos, 'kudos', 'kudos')} and earned ${plural(automatic, 'automatic recognition')} this ${report.periodKind}.`,
  );
  if (report.dataQuality.sentences.length > 0 && !report.dataQuality.sentences[0].startsWith('Every')) sentences.push(`Data quality: ${lowerFirst(report.dataQuality.sentences[0])}`);
  return sentences;
}

function incidentSentence(report: ReportBody, incidents: readonly Incident[]): string {
  if (incidents.length === 0) return `There were no incidents this ${report.periodKind}.`;
  const bySeverity = new Map<string, number>();
  for (const incident of incidents) {
    const severity = incident.severity === null ? 'unknown severity' : `SEV${incident.severity}`;
    bySeverity.set(severity, (bySeverity.get(severity) ?? 0) + 1);
  }
  const parts = [...bySeverity.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([severity, count]) => `${count} ${severity}`);
  return `There ${incidents.length === 1 ? 'was' : 'were'} ${plural(incidents.length, 'incident')} this ${report.periodKind} (${parts.join(', ')}).`;
}

/** The KPIs that moved most, relative to where they were, in the good and the bad direction. */
function biggestChanges(kpis: readonly ReportKpi[]): { better?: ReportKpi; worse?: ReportKpi } {
  const relative = (kpi: ReportKpi) => Math.abs(kpi.change ?? 0) / Math.max(Math.abs(kpi.previous.value ?? 0), 1e-9);
  const largest = (verdict: 'better' | 'worse') =>
    kpis.filter((kpi) => kpi.verdict === verdict && kpi.current.sampleSize >= 3 && kpi.previous.sampleSize >= 3).sort((a, b) => relative(b) - relative(a) || (a.kpi < b.kpi ? -1 : 1))[0];
  return { better: largest('better'), worse: largest('worse') };
}

/** `scope: 'team'`: coverage is counted for the whole organisation, and the sentences say so. */
export function dataQualitySentences(coverage: SnapshotCoverage, suppressedValues: number, minGroupSize: number, scope: 'organization' | 'team' = 'organization'): string[] {
  const sentences: string[] = [];
  if (coverage.unresolvedIdentities > 0) {
    const are = coverage.unresolvedIdentities === 1 ? 'is' : 'are';
    sentences.push(`${plural(coverage.unresolvedIdentities, 'identity', 'identities')} seen in events ${are} linked to no person: their work counts for no team.`);
  }
  if (coverage.incidentsWithoutService > 0) {
    sentences.push(`${coverage.incidentsWithoutService} of ${plural(coverage.incidents, 'incident')} had no known service: they count for the organisation only.`);
  }
  if (coverage.deploymentsWithoutCommits > 0) {
    sentences.push(`${coverage.deploymentsWithoutCommits} of ${plural(coverage.productionDeployments, 'production deployment')} shipped no known commit: they have no lead time.`);
  }
  if (suppressedValues > 0) {
    sentences.push(`${plural(suppressedValues, 'value')} ${suppressedValues === 1 ? 'is' : 'are'} not shown because their team has fewer than ${minGroupSize} people.`);
  }
  if (sentences.length === 0) return ['Every incident had a service, every deployment known commits, and every identity a person.'];
  return scope === 'team' ? [...sentences, 'These coverage counts are the whole organisation’s: they are not split by team.'] : sentences;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Time to restore" → "time to restore" inside a sentence; "Dev …" keeps its capital. */
function lowerFirst(text: string): string {
  return /^(Dev|Ops)\b/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
