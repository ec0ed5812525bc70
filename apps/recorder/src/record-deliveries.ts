import type { DeliveryArchive } from '@tandem/archive';
import type { EventStore, StreamAppend } from '@tandem/eventstore';
import { refusedByStore, type DeliveryReading } from './read-delivery';
import { retryTransient, type RetryOptions } from './retry-transient';

export interface RecordingDependencies {
  eventStore: Pick<EventStore, 'appendMany' | 'headPosition'>;
  archive: Pick<DeliveryArchive, 'record'>;
  /** When it says true (shutdown), retries stop and the call rejects: nothing of the batch may be committed. */
  isStopping: () => boolean;
  onRetry: (step: 'append' | 'dead-letter' | 'archive', error: unknown, attempt: number) => void;
  /** How long an outage is retried before the call rejects. Default 60 s. */
  maxOutageMs?: number;
  /** Parks the dead-lettered readings (given all readings as they ended, in order); runs before they are archived. */
  parkDeadLetters?: (readings: readonly DeliveryReading[]) => Promise<void>;
}

export interface RecordedBatch {
  /** The readings as they ended, in the order given: a delivery the store refused is now a dead letter. */
  readings: DeliveryReading[];
  /** Per reading, the events the store did not have yet (0 for a redelivery). */
  appendedEvents: number[];
}

/** Appends of one delivery the store keeps refusing for this long, while answering otherwise, are refused for good. */
const REFUSAL_CONFIRMATION_MS = 1_000;

/**
 * Writes what a batch of readings comes to, in an order that makes a crash at any point harmless
 * (each step is idempotent and the caller commits the batch's offsets only after the last one):
 * 1. the events of every recorded delivery, in one `appendMany` (one transaction);
 * 2. the dead letters, through `parkDeadLetters`;
 * 3. every delivery's row in the raw archive.
 * Outages (the store or the log not answering) are retried with backoff.
 */
export async function recordDeliveries(readings: DeliveryReading[], deps: RecordingDependencies): Promise<RecordedBatch> {
  const retrying = (step: Parameters<RecordingDependencies['onRetry']>[0], maxElapsedMs = deps.maxOutageMs) => ({
    isStopping: deps.isStopping,
    onRetry: (error: unknown, attempt: number) => deps.onRetry(step, error, attempt),
    maxElapsedMs,
  });
  const recorded = await retryTransient(async () => {
    try {
      return await appendAll(readings, deps.eventStore);
    } catch (error) {
      if (!(await answers(deps.eventStore))) throw error;
      return appendOneByOne(readings, deps.eventStore, retrying('append', REFUSAL_CONFIRMATION_MS));
    }
  }, retrying('append'));
  const { parkDeadLetters } = deps;
  if (parkDeadLetters && recorded.readings.some((reading) => reading.outcome === 'dead_lettered')) {
    await retryTransient(() => parkDeadLetters(recorded.readings), retrying('dead-letter'));
  }
  await retryTransient(() => deps.archive.record(recorded.readings.map((reading) => reading.archived)), retrying('archive'));
  return recorded;
}

async function appendAll(readings: DeliveryReading[], eventStore: RecordingDependencies['eventStore']): Promise<RecordedBatch> {
  const entries: StreamAppend[] = [];
  const readingOfEntry: number[] = [];
  readings.forEach((reading, index) => {
    if (reading.outcome !== 'recorded') return;
    entries.push(...reading.streams);
    readingOfEntry.push(...reading.streams.map(() => index));
  });
  const appendedEvents = readings.map(() => 0);
  if (entries.length === 0) return { readings, appendedEvents };
  const results = await eventStore.appendMany(entries);
  results.forEach((result, entry) => (appendedEvents[readingOfEntry[entry]] += result.appendedCount));
  return { readings, appendedEvents };
}

/**
 * The store answers, yet refused the batch: one delivery in it is refused (an event the store
 * cannot hold, an id it already has elsewhere). Appending delivery by delivery finds it, so it is
 * dead-lettered instead of blocking its partition forever. Should the store stop answering
 * meanwhile, this throws and the whole batch is tried again (what was appended is a no-op then).
 */
async function appendOneByOne(
  readings: DeliveryReading[],
  eventStore: RecordingDependencies['eventStore'],
  retrying: RetryOptions,
): Promise<RecordedBatch> {
  const ended: DeliveryReading[] = [];
  const appendedEvents: number[] = [];
  for (const reading of readings) {
    try {
      const { appendedEvents: [appended] } = await retryTransient(() => appendAll([reading], eventStore), retrying);
      ended.push(reading);
      appendedEvents.push(appended);
    } catch (error) {
      if (retrying.isStopping() || !(await answers(eventStore))) throw error;
      ended.push(refusedByStore(reading, error instanceof Error ? error : new Error(String(error))));
      appendedEvents.push(0);
    }
  }
  return { readings: ended, appendedEvents };
}

/** An outage, as opposed to a refusal, is a store that does not answer a harmless read either. */
async function answers(eventStore: RecordingDependencies['eventStore']): Promise<boolean> {
  return eventStore.headPosition().then(
    () => true,
    () => false,
  );
}
