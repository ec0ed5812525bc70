import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderReportHtml } from '../report/render/html';
import { renderReportMarkdown } from '../report/render/markdown';
import type { LeadershipReport } from '../report/report-types';
import { htmlToPdf } from './chromium';

export const REPORT_FORMATS = ['html', 'md', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** `tandem-report_week_2026-03-02[_payments].html`: period and scope name the file. */
export function reportFileName(report: LeadershipReport, format: ReportFormat): string {
  const team = report.scope.kind === 'team' ? `_${report.scope.team}` : '';
  return `tandem-report_${report.periodKind}_${report.period.bucket}${team}.${format}`;
}

/** Renders the report and delivers it to a folder (created if missing); answers the file's path. */
export async function writeReportFile(report: LeadershipReport, format: ReportFormat, dir: string, options: { chromiumPath: string }): Promise<string> {
  const bytes =
    format === 'md' ? Buffer.from(renderReportMarkdown(report), 'utf8') : format === 'html' ? Buffer.from(renderReportHtml(report), 'utf8') : await htmlToPdf(renderReportHtml(report), options.chromiumPath);
  await mkdir(dir, { recursive: true });
  const path = join(dir, reportFileName(report, format));
  await writeFile(`${path}.partial`, bytes);
  await rename(`${path}.partial`, path);
  return path;
}
