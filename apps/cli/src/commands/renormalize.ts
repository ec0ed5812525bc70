import { Presets, SingleBar } from 'cli-progress';
import { archivedPages, type ArchiveQuery } from '@tandem/archive';
import type { TandemConfig } from '@tandem/config';
import { createInfrastructure } from '@tandem/runtime';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS } from '@tandem/sources';
import { isWebhookSource, WEBHOOK_SOURCES } from '@tandem/webhooks';
import { DeliveryTally, readArchivedDelivery, recordDeliveries } from '@apps/recorder';
import { UserError } from '../exit-codes';

export interface RenormalizeOptions {
  source?: string;
  /** ISO-8601: only deliveries received at or after this instant. */
  since?: string;
}

/**
 * `tandem renormalize`: runs the current normalizers over the raw archive again and appends what
 * they derive with the same deterministic ids (source, delivery id, index) as the recorder. So an
 * event already stored is a no-op, and what a fixed normalizer now understands is added: a
 * delivery dead-lettered or ignored before yields its events, one that yields more events than
 * before gets the new indexes. Each archive row takes its new outcome.
 *
 * The limit, by design of an append-only store: an event a fixed normalizer derives differently
 * at an index already stored is not rewritten; the stored one stands. A correction is a new
 * event (recorded by whatever owns that correction), never a rewrite of history.
 */
export async function renormalize(config: TandemConfig, options: RenormalizeOptions, stream: NodeJS.WritableStream = process.stderr): Promise<string> {
  const query = archiveQuery(options);
  const infrastructure = await createInfrastructure(config, 'renormalize');
  const { archive, eventStore, logger } = infrastructure;
  const tally = new DeliveryTally();
  const progress = new SingleBar(
    { stream, hideCursor: true, format: 'renormalize {bar} {percentage}% | {value}/{total} deliveries | {failing} still failing' },
    Presets.shades_classic,
  );
  try {
    progress.start(await archive.count(query), 0, { failing: 0 });
    for await (const page of archivedPages(archive, query)) {
      const readings = page.map((row) => readArchivedDelivery(row, { normalizers: NORMALIZERS, settings: DEFAULT_NORMALIZER_SETTINGS }));
      tally.add(
        await recordDeliveries(readings, {
          eventStore,
          archive,
          isStopping: () => false,
          onRetry: (step, error, attempt) => logger.warn({ err: error, step, attempt }, `renormalize: ${step} failed, retrying`),
        }),
      );
      progress.update(tally.total, { failing: tally.deliveries.dead_lettered });
    }
  } finally {
    progress.stop();
    await infrastructure.close();
  }
  return summary(tally);
}

function archiveQuery({ source, since }: RenormalizeOptions): ArchiveQuery {
  if (source !== undefined && !isWebhookSource(source)) {
    throw new UserError(`--source must be one of ${WEBHOOK_SOURCES.join(', ')}; got "${source}"`);
  }
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    throw new UserError(`--since must be an ISO-8601 instant such as 2026-03-01T00:00:00Z; got "${since}"`);
  }
  return { source, since: since === undefined ? undefined : new Date(since).toISOString() };
}

function summary(tally: DeliveryTally): string {
  const { recorded, ignored, dead_lettered: failing } = tally.deliveries;
  const lines = [
    `renormalized ${count(tally.total)} archived deliveries: ${count(recorded)} recorded, ${count(ignored)} ignored, ` +
      `${count(failing)} still failing; ${count(tally.appendedEvents)} events newly appended`,
  ];
  if (failing > 0) lines.push(`still failing by reason: ${tally.failuresByReason().map(([reason, n]) => `${reason} ${count(n)}`).join(', ')}`);
  return lines.join('\n');
}

const count = (n: number): string => n.toLocaleString('en-US');
