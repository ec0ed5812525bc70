import type { JsonObject, NewEvent, RecordedEvent } from '@tandem/contracts';

/**
 * Optimistic concurrency on append:
 * - a number: the stream's current version must be exactly this (the last event's streamVersion);
 * - `no_stream`: the stream must not exist yet;
 * - `any`: no check.
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendResult {
  /** The stream's version after the append (the last event's streamVersion). */
  nextExpectedVersion: number;
  /** Global position of the last event appended (or already stored, for an idempotent replay). */
  lastGlobalPosition: number;
}

/** One stream's part of an `appendMany` call. */
export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  /** Default `any`. */
  expectedVersion?: ExpectedVersion;
}

export interface AppendManyResult extends AppendResult {
  /** How many of the entry's events this call wrote: 0 when all of them were already stored. */
  appendedCount: number;
}

export interface ReadAllOptions {
  /** Exclusive: read events whose globalPosition is greater than this. Default 0 (from the start). */
  after?: number;
  /** At most this many events (default 1000). */
  limit?: number;
}

export interface SubscribeToAllOptions {
  /** The checkpoint: deliver events whose globalPosition is greater than this. */
  after: number;
  /** Called for each event in commit order; the next event is delivered once the promise resolves. */
  handler: (event: RecordedEvent<string, JsonObject>) => Promise<void>;
  /** Optional: called when the subscription stops with an error (e.g. the handler threw). */
  onError?: (error: Error) => void;
}

export interface Subscription {
  /** Stops delivering; resolves once no handler call is in flight. */
  stop(): Promise<void>;
}

/**
 * The event store port. Every adapter (PostgreSQL, SQLite, EventStoreDB) passes the same
 * contract suite (`libs/eventstore/src/contract/event-store.contract.ts`).
 */
export interface EventStore {
  /**
   * Appends events to one stream atomically. Events whose eventId is already stored in this
   * stream are skipped (idempotent re-delivery); if every event is already stored, the call
   * succeeds without checking the expected version. Throws `WrongExpectedVersionError`
   * (code `EVENTSTORE_WRONG_EXPECTED_VERSION`) on a version conflict.
   */
  append(streamId: string, events: NewEvent[], options?: { expectedVersion?: ExpectedVersion }): Promise<AppendResult>;
  /**
   * Appends to several streams, each entry with the rules of `append`, in the order given (a
   * stream may appear more than once: its entries apply one after the other), and answers one
   * result per entry. For callers whose cost is per transaction, such as a consumer recording a
   * batch of webhook deliveries. PostgreSQL and SQLite write all entries or none (one
   * transaction); EventStoreDB has no transaction across streams and writes stream by stream, so
   * a failure there leaves the earlier entries written: with deterministic event ids, running the
   * whole call again is safe everywhere.
   */
  appendMany(appends: StreamAppend[]): Promise<AppendManyResult[]>;
  /** All events of a stream in stream order (empty array for a missing stream). */
  readStream(streamId: string, options?: { fromVersion?: number }): Promise<RecordedEvent[]>;
  /** A page of events in global (commit) order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription: reads history after the checkpoint, then follows live appends. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** The global position of the last committed event (0 for an empty store). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
