import type { EventStore } from '@tandem/eventstore';
import { readAllEvents } from '../files/read-history';
import { writeReportFile, type ReportFormat } from '../files/report-files';
import { buildReport } from '../report/build-report';
import type { LeadershipReport, ReportPeriodKind } from '../report/report-types';
import { canonicalInstant } from '../shared/instants';

export interface LeadershipReportRequest {
  period: ReportPeriodKind;
  /** A team's slug; none for the organisation's report. */
  team?: string;
  /** The report covers the last complete period before this instant (default: asOf). */
  at?: string;
  asOf?: string;
  formats: readonly ReportFormat[];
  /** The folder (created if missing). */
  out: string;
  chromiumPath: string;
}

/**
 * A leadership report of the store delivered to a folder in each format (one read, one model, a
 * render per format): what `tandem report`, the `requestReport` mutation and the reporter's
 * schedules all run. Instants are checked before the store is read; a bad request throws a ReportsError.
 */
export async function writeLeadershipReport(eventStore: Pick<EventStore, 'readAll'>, request: LeadershipReportRequest): Promise<{ paths: string[]; report: LeadershipReport }> {
  if (request.at !== undefined) canonicalInstant(request.at, '--at');
  if (request.asOf !== undefined) canonicalInstant(request.asOf, '--as-of');
  const events = await readAllEvents(eventStore);
  const report = buildReport({ events, period: request.period, at: request.at, asOf: request.asOf, team: request.team });
  const paths: string[] = [];
  for (const format of request.formats) paths.push(await writeReportFile(report, format, request.out, { chromiumPath: request.chromiumPath }));
  return { paths, report };
}
