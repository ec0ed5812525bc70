import { asError, handleOrDeadLetter, type HandleOutcome } from './dead-letter';
import type { ConsumedMessage, EventLog, SubscribeOptions } from './event-log.port';

const DEFAULT_MAX_BATCH_SIZE = 500;

/**
 * Splits what a consumer read from one partition into what it hands over at a time: each message
 * alone to a `handler`, runs of up to `maxBatchSize` to a `batchHandler`. Both adapters consume
 * through this and `handleUnit`, so the two handler kinds commit the same way everywhere.
 */
export function handlingUnits(messages: ConsumedMessage[], options: SubscribeOptions): ConsumedMessage[][] {
  const size = options.batchHandler === undefined ? 1 : Math.max(1, options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE);
  const units: ConsumedMessage[][] = [];
  for (let start = 0; start < messages.length; start += size) units.push(messages.slice(start, start + size));
  return units;
}

/** Hands one unit to the subscriber; `commit: false` means: stop, and commit nothing of this unit. */
export async function handleUnit(
  unit: ConsumedMessage[],
  options: SubscribeOptions,
  publish: EventLog['publish'],
): Promise<HandleOutcome> {
  if (options.batchHandler === undefined) return handleOrDeadLetter(unit[0], options, publish);
  try {
    await options.batchHandler(unit);
    return { commit: true };
  } catch (thrown) {
    return { commit: false, error: asError(thrown) };
  }
}
