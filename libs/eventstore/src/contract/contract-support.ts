import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent, RecordedEvent } from '@tandem/contracts';
import type { EventStore } from '../event-store.port';

/** How long a live subscription may take to deliver on a loaded machine. */
export const LIVE_TIMEOUT_MS = 10_000;

export interface EventStoreFixture {
  store: EventStore;
  /** Another store instance on the same storage (own connections), like a second process. */
  openPeer(): Promise<EventStore>;
  /** Closes the store and removes its storage. */
  dispose(): Promise<void>;
}

export interface EventStoreCapabilities {
  /** The store can tell that an event id is already stored in another stream (needs an id index). */
  findsEventIdsAcrossStreams: boolean;
  /** `appendMany` writes all of its entries or none (one transaction across streams). */
  appendsManyStreamsAtomically: boolean;
}

/** What each part of the contract gets: the fixture is created in the suite's beforeAll. */
export interface ContractContext {
  store(): EventStore;
  fixture(): EventStoreFixture;
  capabilities: EventStoreCapabilities;
}

export function uniqueStream(purpose: string): string {
  return `${purpose}-${randomUUID()}`;
}

export function newEvent(type = 'TestHappened', metadata?: EventMetadata): NewEvent {
  const eventId = randomUUID();
  return {
    eventId,
    type,
    data: { eventId, nested: { list: [1, 'two', null, true] }, text: 'héllo "quoted" \\ back' },
    metadata: metadata ?? { occurredAt: new Date().toISOString(), source: 'test', schemaVersion: 1 },
  };
}

export function isStrictlyIncreasing(values: number[]): boolean {
  return values.every((value, index) => index === 0 || value > values[index - 1]);
}

export function groupVersionsByStream(events: RecordedEvent[]): Map<string, number[]> {
  const versions = new Map<string, number[]>();
  for (const event of events) {
    const stream = versions.get(event.streamId) ?? [];
    stream.push(event.streamVersion);
    versions.set(event.streamId, stream);
  }
  return versions;
}

export async function readAllAfter(store: EventStore, after: number, streamPrefix: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let page = await store.readAll({ after }); page.length > 0; ) {
    events.push(...page.filter((event) => event.streamId.startsWith(streamPrefix)));
    page = await store.readAll({ after: page[page.length - 1].globalPosition });
  }
  return events;
}
