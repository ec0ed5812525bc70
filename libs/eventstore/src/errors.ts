import type { ExpectedVersion } from './event-store.port';

/** The stream's version did not match the caller's expectation (optimistic concurrency). */
export class WrongExpectedVersionError extends Error {
  readonly code = 'EVENTSTORE_WRONG_EXPECTED_VERSION';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    /** The stream's version when the append was attempted; -1 when the stream does not exist. */
    readonly actualVersion: number,
  ) {
    super(`Stream "${streamId}": expected version ${String(expectedVersion)}, actual ${actualVersion}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/**
 * An event id is already stored in another stream. Event ids are deterministic, so this is a
 * caller bug (the same fact routed to two streams), not a retry: it must not be silently skipped.
 */
export class EventIdInOtherStreamError extends Error {
  readonly code = 'EVENTSTORE_EVENT_ID_IN_OTHER_STREAM';

  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly storedInStreamId: string,
  ) {
    super(`Event ${eventId} appended to "${streamId}" is already stored in "${storedInStreamId}"`);
    this.name = 'EventIdInOtherStreamError';
  }
}
