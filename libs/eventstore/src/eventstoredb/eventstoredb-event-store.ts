import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '@tandem/contracts';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { planAppend, NO_STREAM_VERSION } from '../append-plan';
import type {
  AppendManyResult,
  AppendResult,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  StreamAppend,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. The client connects lazily, on the first call. */
  connectionString: string;
}

const DEFAULT_READ_LIMIT = 1000;

/**
 * Event store on EventStoreDB.
 *
 * globalPosition is the event's commit position in the transaction log ($all). Without
 * explicit transactions (which the gRPC client cannot start) every event has its own commit
 * position, equal to its prepare position, increasing in commit order, so it maps one to one
 * to the port's strictly increasing number (the contract test asserts it against a real
 * server). Limits: commit positions are byte offsets into the log; past 2^53 bytes (8 PiB)
 * they are no longer safe JavaScript integers and we throw. Positions are sparse (offsets,
 * not counters): callers may only compare them and pass them back as checkpoints.
 *
 * Appends read the whole stream first, to apply the port's rules exactly (a replay of stored
 * event ids succeeds whatever the expected version; EventStoreDB alone only dedupes by id
 * when the expected revision matches the original write). Then the fresh events are written
 * with the exact revision that was read, so a concurrent writer makes EventStoreDB refuse the
 * write and we plan again. Cost: one stream read per append, fine for entity-sized streams.
 * An event id stored in another stream is not detected (EventStoreDB has no id index).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Subscription>();

  constructor(options: EventStoreDbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    { expectedVersion = 'any' }: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    const { appendedCount: _appended, ...result } = await this.appendCounting(streamId, events, expectedVersion);
    return result;
  }

  /** Stream by stream: EventStoreDB has no transaction across streams (see the port). */
  async appendMany(appends: StreamAppend[]): Promise<AppendManyResult[]> {
    const results: AppendManyResult[] = [];
    for (const { streamId, events, expectedVersion = 'any' } of appends) results.push(await this.appendCounting(streamId, events, expectedVersion));
    return results;
  }

  private async appendCounting(streamId: string, events: NewEvent[], expectedVersion: ExpectedVersion): Promise<AppendManyResult> {
    for (;;) {
      const existing = await this.readStream(streamId);
      const last = existing.at(-1);
      const ids = new Set(events.map((event) => event.eventId));
      const currentVersion = last?.streamVersion ?? NO_STREAM_VERSION;
      const plan = planAppend(
        {
          streamId,
          currentVersion,
          lastGlobalPosition: last?.globalPosition ?? 0,
          stored: existing.filter((event) => ids.has(event.eventId)),
        },
        events,
        expectedVersion,
      );
      if (plan.kind !== 'append') return { ...plan.result, appendedCount: 0 };
      try {
        const written = await this.client.appendToStream(
          streamId,
          plan.events.map((event) =>
            jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: { ...event.metadata } }),
          ),
          { expectedRevision: currentVersion === NO_STREAM_VERSION ? NO_STREAM : BigInt(currentVersion) },
        );
        const nextExpectedVersion = Number(written.nextExpectedRevision);
        return {
          nextExpectedVersion,
          lastGlobalPosition: await this.positionOf(streamId, nextExpectedVersion),
          appendedCount: plan.events.length,
        };
      } catch (error) {
        // Another writer got in between our read and our write: plan again from what it wrote.
        if (error instanceof EsdbWrongExpectedVersionError) continue;
        throw error;
      }
    }
  }

  async readStream(
    streamId: string,
    { fromVersion = 0, maxCount }: { fromVersion?: number; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(fromVersion),
        direction: FORWARDS,
        ...(maxCount === undefined ? {} : { maxCount }),
      })) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * The append result carries the write's log position, which for a multi-event write is not
   * documented to be the last event's; read the last event back instead (one more round trip).
   */
  private async positionOf(streamId: string, streamVersion: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromVersion: streamVersion, maxCount: 1 });
    return event.globalPosition;
  }

  async readAll({ after = 0, limit = DEFAULT_READ_LIMIT }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let seenUpTo = after;
    // A server page may hold system events, which we drop, so keep reading until `limit` of
    // ours or the end. `fromPosition` is inclusive: the event at `seenUpTo` comes back first.
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: toReadPosition(seenUpTo),
        direction: FORWARDS,
        maxCount: limit,
      })) {
        read++;
        if (!resolved.event || toGlobalPosition(resolved.event.position) <= seenUpTo) continue;
        seenUpTo = toGlobalPosition(resolved.event.position);
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
        if (events.length === limit) return events;
      }
      if (read < limit) return events;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: toReadPosition(options.after),
      filter: excludeSystemEvents(),
    });
    let stopping = false;
    let failure: Error | undefined;
    const delivering = (async () => {
      try {
        for await (const resolved of subscription) {
          if (stopping) return;
          const event = toRecordedEvent(resolved);
          if (event && event.globalPosition > options.after) await options.handler(event);
        }
      } catch (error) {
        // Unsubscribing may end the stream with a cancellation error: that is our stop, not a failure.
        if (stopping) return;
        failure = error instanceof Error ? error : new Error(String(error));
        options.onError?.(failure);
        // Best effort: the stream already failed, there may be nothing left to cancel.
        await subscription.unsubscribe().catch(() => undefined);
      }
    })();
    const handle: Subscription = {
      stop: async () => {
        this.subscriptions.delete(handle);
        stopping = true;
        await subscription.unsubscribe();
        await delivering;
        // Same rule as the SQL adapters: a failure nobody was told about surfaces here.
        if (failure && !options.onError) throw failure;
      },
    };
    this.subscriptions.add(handle);
    return handle;
  }

  /** The newest of our events, walking back past system events (written after ours, e.g. stats). */
  async headPosition(): Promise<number> {
    const pageSize = 1000;
    let from: ReadPosition = END;
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: pageSize })) {
        read++;
        const event = toRecordedEvent(resolved);
        if (event) return event.globalPosition;
        if (resolved.event) from = resolved.event.position;
      }
      if (read < pageSize) return 0;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

/** Our events only: system events ($-types, $-streams) and unresolved links are not port events. */
function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  return {
    eventId: event.id,
    type: event.type,
    data: event.data as JsonObject,
    metadata: event.metadata as unknown as EventMetadata,
    streamId: event.streamId,
    streamVersion: Number(event.revision),
    globalPosition: toGlobalPosition(event.position),
    recordedAt: event.created.toISOString(),
  };
}

function toGlobalPosition(position: Position | undefined): number {
  if (!position) throw new Error('EventStoreDB returned an event without its log position');
  const commit = Number(position.commit);
  if (!Number.isSafeInteger(commit)) throw new Error(`EventStoreDB commit position ${position.commit} exceeds 2^53`);
  return commit;
}

function toReadPosition(globalPosition: number): ReadPosition {
  if (globalPosition === 0) return START;
  return { commit: BigInt(globalPosition), prepare: BigInt(globalPosition) };
}
