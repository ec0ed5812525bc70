import { Option, type Command } from 'commander';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { REPORT_FORMATS, writeLeadershipReport, type ReportFormat } from '@tandem/reports';
import { reportErrorsAsUserErrors, withEventStore } from './export';

export interface ReportOptions {
  period: 'week' | 'month';
  team?: string;
  at?: string;
  asOf?: string;
  out: string;
  format: ReportFormat;
}

/**
 * `tandem report --period week|month [--team SLUG] [--at ISO] [--as-of ISO] [--out DIR] [--format html|md|pdf]`:
 * the leadership report of the last complete week or month before --at, from the events recorded
 * up to --as-of (both default to the latest recorded event), delivered to a folder. Prints the
 * file's path.
 */
export function addReportCommand(program: Command): void {
  program
    .command('report')
    .description('Write the leadership report of the last complete week or month: the shared KPIs against the period before and over 12 periods, collaboration, incidents, recognitions, data quality.')
    .addOption(new Option('--period <period>', 'the calendar period (weeks start on Monday, in the organisation’s time zone)').choices(['week', 'month']).makeOptionMandatory())
    .option('--team <slug>', 'a team report instead of the organisation’s')
    .option('--at <instant>', 'report on the last period complete at this ISO-8601 instant (default: --as-of)')
    .option('--as-of <instant>', 'use the events recorded at or before this instant (default: the latest recorded event)')
    .option('--out <dir>', 'folder to deliver the report to (created if missing)', 'reports')
    .addOption(new Option('--format <format>', 'html: one self-contained page; md: Markdown; pdf: printed by headless Chromium (TANDEM_CHROMIUM_PATH)').choices(REPORT_FORMATS).default('html'))
    .action(async (options: ReportOptions) => {
      process.stdout.write(`${await writeReport(loadConfig(), options)}\n`);
    });
}

export async function writeReport(config: TandemConfig, options: ReportOptions): Promise<string> {
  return reportErrorsAsUserErrors(async () => {
    const { paths } = await withEventStore(config, (eventStore) =>
      writeLeadershipReport(eventStore, { ...options, formats: [options.format], chromiumPath: config.reports.chromiumPath }),
    );
    return paths[0];
  });
}
