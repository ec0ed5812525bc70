import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('SqliteEventStore', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-eventstore-'));
  const filename = join(directory, 'events.db');
  const store = new SqliteEventStore({ filename, pollIntervalMs: 50 });
  return {
    store,
    openPeer: async () => new SqliteEventStore({ filename, pollIntervalMs: 50 }),
    async dispose() {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}, { findsEventIdsAcrossStreams: true, appendsManyStreamsAtomically: true });

describe('SqliteEventStore specifics', () => {
  it('keeps its file in WAL mode', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-eventstore-'));
    const filename = join(directory, 'events.db');
    const store = new SqliteEventStore({ filename });
    await store.close();

    const raw = new Database(filename, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('works in memory', async () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    const eventId = randomUUID();

    await store.append('in-memory', [
      { eventId, type: 'TestHappened', data: { n: 1 }, metadata: { occurredAt: '2024-01-01T00:00:00.000Z', source: 'test', schemaVersion: 1 } },
    ]);

    expect((await store.readAll()).map((event) => [event.eventId, event.globalPosition, event.data])).toEqual([
      [eventId, 1, { n: 1 }],
    ]);
    await store.close();
  });
});
