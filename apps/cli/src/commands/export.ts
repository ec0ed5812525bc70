import { Option, type Command } from 'commander';
import { loadConfig, type TandemConfig } from '@tandem/config';
import type { EventStore } from '@tandem/eventstore';
import { exportSnapshotFiles, ReportsError, SNAPSHOT_FORMATS, type SnapshotFormat } from '@tandem/reports';
import { createInfrastructure } from '@tandem/runtime';
import { UserError } from '../exit-codes';

export interface ExportOptions {
  from: string;
  to: string;
  asOf?: string;
  format: SnapshotFormat;
  out: string;
  bucket?: 'week' | 'month';
}

/**
 * `tandem export --from ISO --to ISO [--as-of ISO] [--bucket week|month] --format json|csv|parquet --out DIR`:
 * a signed KPI snapshot of the mode's event store. Prints the paths it wrote on stdout (the data
 * file first, then its signature file for CSV and Parquet) and a summary line on stderr.
 */
export function addExportCommand(program: Command): void {
  program
    .command('export')
    .description('Write a signed KPI snapshot (every KPI, the organisation and every team) of a window; the same window and asOf give the same bytes.')
    .requiredOption('--from <instant>', 'window start, ISO-8601 (2026-01-01 or 2026-01-01T00:00:00Z), inclusive')
    .requiredOption('--to <instant>', 'window end, ISO-8601, exclusive')
    .option('--as-of <instant>', 'use the events recorded at or before this instant (default: the latest recorded event)')
    .addOption(new Option('--bucket <bucket>', 'one row per calendar week or month of the window instead of one for the whole window').choices(['week', 'month']))
    .addOption(new Option('--format <format>', 'file format; CSV and Parquet get a <file>.sig.json beside them').choices(SNAPSHOT_FORMATS).makeOptionMandatory())
    .requiredOption('--out <dir>', 'folder to write to (created if missing)')
    .action(async (options: ExportOptions) => {
      const { paths, summary } = await exportSnapshot(loadConfig(), options);
      process.stderr.write(`${summary}\n`);
      process.stdout.write(`${paths.join('\n')}\n`);
    });
}

export async function exportSnapshot(config: TandemConfig, options: ExportOptions): Promise<{ paths: string[]; summary: string }> {
  const signing = signingKeyOf(config, 'export');
  return reportErrorsAsUserErrors(async () => {
    const { paths, snapshot } = await withEventStore(config, (eventStore) =>
      exportSnapshotFiles(eventStore, { from: options.from, to: options.to, asOf: options.asOf, bucket: options.bucket, formats: [options.format], out: options.out, signing }),
    );
    const { header } = snapshot;
    const summary =
      `Exported ${snapshot.values.length} values (${Object.keys(header.definitions).length} KPIs, the organisation and ${header.teams.length} teams) ` +
      `for [${header.window.from}, ${header.window.to}) as of ${header.asOf} (event-store position ${header.eventStorePosition}), ` +
      `digest sha256:${snapshot.digest.value}, signed with key ${snapshot.signature.keyId}.`;
    return { paths, summary };
  });
}

/** The configured signing key, or the one sentence saying how to configure it. */
export function signingKeyOf(config: TandemConfig, command: 'export' | 'verify'): { key: string; keyId: string } {
  const signing = config.reports.snapshotSigning;
  if (!signing) {
    const purpose = command === 'export' ? 'export signs every snapshot with it' : 'verify checks signatures against it';
    throw new UserError(`TANDEM_SNAPSHOT_SIGNING_KEY is not set: ${purpose} (at least 32 characters).`);
  }
  return signing;
}

/** Runs `use` on the configured mode's event store (embedded: the data folder's SQLite file), then closes it. */
export async function withEventStore<Result>(config: TandemConfig, use: (eventStore: EventStore) => Promise<Result>): Promise<Result> {
  const infrastructure = await createInfrastructure(config, 'cli');
  try {
    return await use(infrastructure.eventStore);
  } finally {
    await infrastructure.close();
  }
}

/** A ReportsError's message is already the sentence for the user: exit code 1, no stack. */
export async function reportErrorsAsUserErrors<Result>(run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ReportsError) throw new UserError(error.message, { cause: error });
    throw error;
  }
}
