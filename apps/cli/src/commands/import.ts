import { randomUUID } from 'node:crypto';
import { createReadStream, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Presets, SingleBar } from 'cli-progress';
import { z } from 'zod';
import type { TandemConfig } from '@tandem/config';
import { createInfrastructure, type Infrastructure } from '@tandem/runtime';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS } from '@tandem/sources';
import { routeDelivery, WEBHOOK_ENVELOPE_VERSION, WEBHOOK_SOURCES, type WebhookEnvelope } from '@tandem/webhooks';
import { DeliveryTally, readDelivery, recordDeliveries } from '@apps/recorder';
import { UserError } from '../exit-codes';

/** One recorded delivery per line: the body as the vendor sent it, a string. */
const importLine = z.object({
  source: z.enum(WEBHOOK_SOURCES),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string(),
});

/** Lines recorded in one transaction, as the recorder records a batch of the webhook topic. */
const BATCH_LINES = 500;
/** Failures listed one by one; beyond, only counted. */
const LISTED_FAILURES = 1_000;

export interface ImportReport {
  summary: string;
  /** `file:line: why`, for the lines that could not be read or whose delivery was dead-lettered. */
  failures: string[];
  failedLines: number;
}

/**
 * `tandem import FILE|DIR`: backfills recorded deliveries (JSON lines `{ "source", "headers",
 * "body" }`; a folder means its `*.jsonl` files in name order) through the recorder's own core:
 * the gateway's delivery ids (the vendor's, else a hash of the body) and the same normalizers,
 * deterministic event ids and archive rows, so importing twice, or importing what the recorder
 * already has, appends nothing. A bad line is reported with its number and never stops the import.
 */
export async function importDeliveries(config: TandemConfig, path: string, stream: NodeJS.WritableStream = process.stderr): Promise<ImportReport> {
  const files = deliveryFiles(path);
  const infrastructure = await createInfrastructure(config, 'import');
  const run = { tally: new DeliveryTally(), failures: [] as string[], failedLines: 0, lines: 0, bytes: 0 };
  const progress = new SingleBar(
    { stream, hideCursor: true, format: 'import {bar} {percentage}% | {lines} lines | {failed} failed' },
    Presets.shades_classic,
  );
  progress.start(files.reduce((bytes, file) => bytes + file.size, 0), 0, { lines: 0, failed: 0 });
  const fail = (where: string, why: string) => {
    run.failedLines++;
    if (run.failures.length < LISTED_FAILURES) run.failures.push(`${where}: ${why}`);
  };
  try {
    for (const file of files) {
      let batch: { line: number; delivery: WebhookEnvelope }[] = [];
      let line = 0;
      for await (const text of createInterface({ input: createReadStream(file.path), crlfDelay: Infinity })) {
        line++;
        run.lines++;
        run.bytes += Buffer.byteLength(text) + 1;
        if (text.trim() === '') continue;
        const read = deliveryOf(text);
        if ('error' in read) fail(`${file.path}:${line}`, read.error);
        else batch.push({ line, delivery: read.delivery });
        if (batch.length >= BATCH_LINES) {
          await recordBatch(infrastructure, batch, run.tally, (at, why) => fail(`${file.path}:${at}`, why));
          batch = [];
        }
        progress.update(run.bytes, { lines: run.lines, failed: run.failedLines });
      }
      await recordBatch(infrastructure, batch, run.tally, (at, why) => fail(`${file.path}:${at}`, why));
    }
  } finally {
    progress.stop();
    await infrastructure.close();
  }
  return { summary: summary(run, files.length), failures: run.failures, failedLines: run.failedLines };
}

async function recordBatch(
  { eventStore, archive, logger }: Infrastructure,
  batch: { line: number; delivery: WebhookEnvelope }[],
  tally: DeliveryTally,
  fail: (line: number, why: string) => void,
): Promise<void> {
  if (batch.length === 0) return;
  const readings = batch.map(({ delivery }) => readDelivery(delivery, { normalizers: NORMALIZERS, settings: DEFAULT_NORMALIZER_SETTINGS }));
  const recorded = await recordDeliveries(readings, {
    eventStore,
    archive,
    isStopping: () => false,
    onRetry: (step, error, attempt) => logger.warn({ err: error, step, attempt }, `import: ${step} failed, retrying`),
  });
  tally.add(recorded);
  // Archived as dead letters too, so that `tandem renormalize` picks them up once a normalizer is fixed.
  recorded.readings.forEach((reading, index) => {
    if (reading.outcome === 'dead_lettered') fail(batch[index].line, `${reading.reason}: ${reading.error.message}`);
  });
}

/** What the gateway would have put on the log for this line, or why it cannot. */
function deliveryOf(text: string): { delivery: WebhookEnvelope } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'not a JSON line' };
  }
  const parsed = importLine.safeParse(value);
  if (!parsed.success) return { error: `expected {"source","headers","body"}: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}` };
  const { source, body } = parsed.data;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { error: 'body is not JSON (the gateway would have refused it with 400)' };
  }
  const headers = Object.fromEntries(Object.entries(parsed.data.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const routed = routeDelivery(source, { headers, rawBody: Buffer.from(body, 'utf8') }, json);
  return {
    delivery: {
      version: WEBHOOK_ENVELOPE_VERSION,
      source,
      deliveryId: routed.deliveryId,
      receivedAt: new Date().toISOString(),
      correlationId: randomUUID(),
      headers: routed.headers,
      body,
    },
  };
}

function deliveryFiles(path: string): { path: string; size: number }[] {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    throw new UserError(`${path}: no such file or folder; give a JSON-lines file of deliveries or a folder of *.jsonl files.`);
  }
  if (!stats.isDirectory()) return [{ path, size: stats.size }];
  const names = readdirSync(path)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  if (names.length === 0) throw new UserError(`${path}: the folder holds no *.jsonl file`);
  return names.map((name) => ({ path: join(path, name), size: statSync(join(path, name)).size }));
}

function summary(run: { tally: DeliveryTally; failedLines: number; lines: number }, files: number): string {
  const { recorded, ignored } = run.tally.deliveries;
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    `imported ${n(run.lines)} lines from ${n(files)} file${files === 1 ? '' : 's'}: ${n(recorded)} recorded, ${n(ignored)} ignored, ` +
    `${n(run.failedLines)} failed; ${n(run.tally.appendedEvents)} events newly appended`
  );
}
