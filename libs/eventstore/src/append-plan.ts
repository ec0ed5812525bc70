import type { NewEvent } from '@tandem/contracts';
import type { AppendResult, ExpectedVersion } from './event-store.port';
import { EventIdInOtherStreamError, WrongExpectedVersionError } from './errors';

/** Stream version of a stream that has no event yet. */
export const NO_STREAM_VERSION = -1;

/** What an adapter read, inside its write transaction, before deciding what to append. */
export interface AppendState {
  streamId: string;
  /** The stream's last streamVersion, or NO_STREAM_VERSION. */
  currentVersion: number;
  /** globalPosition of the stream's last event (0 when the stream does not exist). */
  lastGlobalPosition: number;
  /** The already-stored events among those being appended, looked up by eventId in any stream. */
  stored: ReadonlyArray<{ eventId: string; streamId: string; streamVersion: number; globalPosition: number }>;
}

export type AppendPlan =
  /** Every event is already stored: an idempotent replay, answered with the stored positions. */
  | { kind: 'already-stored'; result: AppendResult }
  /** Nothing to write (empty batch); the expected version was checked. */
  | { kind: 'nothing-to-append'; result: AppendResult }
  /** Write these events in order, with stream versions from firstVersion; the adapter assigns global positions. */
  | { kind: 'append'; events: NewEvent[]; firstVersion: number; nextExpectedVersion: number };

/**
 * The append rules every adapter shares: duplicates inside the batch collapse to the first,
 * stored ids are skipped (a replay succeeds without a version check), then the expected
 * version is checked and the fresh events get consecutive stream versions.
 */
export function planAppend(state: AppendState, events: readonly NewEvent[], expectedVersion: ExpectedVersion): AppendPlan {
  const storedById = new Map(state.stored.map((stored) => [stored.eventId, stored]));
  const seen = new Set<string>();
  const fresh: NewEvent[] = [];
  const replayed: AppendState['stored'][number][] = [];
  for (const event of events) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    const stored = storedById.get(event.eventId);
    if (!stored) {
      fresh.push(event);
    } else if (stored.streamId !== state.streamId) {
      throw new EventIdInOtherStreamError(event.eventId, state.streamId, stored.streamId);
    } else {
      replayed.push(stored);
    }
  }

  if (fresh.length === 0 && replayed.length > 0) {
    return {
      kind: 'already-stored',
      result: {
        nextExpectedVersion: Math.max(...replayed.map((stored) => stored.streamVersion)),
        lastGlobalPosition: Math.max(...replayed.map((stored) => stored.globalPosition)),
      },
    };
  }
  if (!satisfies(expectedVersion, state.currentVersion)) {
    throw new WrongExpectedVersionError(state.streamId, expectedVersion, state.currentVersion);
  }
  if (fresh.length === 0) {
    return {
      kind: 'nothing-to-append',
      result: { nextExpectedVersion: state.currentVersion, lastGlobalPosition: state.lastGlobalPosition },
    };
  }
  return {
    kind: 'append',
    events: fresh,
    firstVersion: state.currentVersion + 1,
    nextExpectedVersion: state.currentVersion + fresh.length,
  };
}

function satisfies(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === NO_STREAM_VERSION;
  return current === expected;
}
