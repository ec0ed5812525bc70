import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@tandem/config';
import { openReadModelDatabase } from '@tandem/persistence';
import { projectionStoreOf, type ProjectionStore } from '../index';
import type { BatchWrite, EntityEventRow, FactsRow } from './projection-store';

describe('the SQLite projection store during a rebuild', () => {
  let dataDir: string;
  let database: DataSource;
  let store: ProjectionStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-sqlite-projection-store-'));
    database = await openReadModelDatabase(loadConfig({ TANDEM_DATA_DIR: dataDir }));
    store = projectionStoreOf(database);
  });

  afterAll(async () => {
    await database?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const settings = async () => {
    const [{ cache_size: cacheSize }] = (await database.query('PRAGMA cache_size')) as { cache_size: number }[];
    const [{ wal_autocheckpoint: autocheckpoint }] = (await database.query('PRAGMA wal_autocheckpoint')) as { wal_autocheckpoint: number }[];
    return { cacheSize, autocheckpoint };
  };

  it('keeps a bigger page cache and no automatic checkpoint while it runs, and puts both back after, even when it fails', async () => {
    const before = await settings();
    expect(before.autocheckpoint).toBeGreaterThan(0);

    expect(await store.rebuilding(settings)).toEqual({ cacheSize: -64 * 1024, autocheckpoint: 0 });
    expect(await settings()).toEqual(before);

    await expect(store.rebuilding(() => Promise.reject(new Error('the rebuild failed')))).rejects.toThrow('the rebuild failed');
    expect(await settings()).toEqual(before);
  });

  const eventRow = (entityKey: string, globalPosition: number): EntityEventRow => ({
    entityKey,
    eventId: `00000000-0000-4000-8000-${globalPosition.toString().padStart(12, '0')}`,
    globalPosition,
    occurredAt: '2026-01-01T00:00:00.000Z',
    json: JSON.stringify({ globalPosition }),
  });
  const batchOf = (generation: number, expectedPosition: number, rows: EntityEventRow[], refold: BatchWrite['refold'] = () => []): BatchWrite => ({
    generation,
    expectedPosition,
    position: Math.max(...rows.map((row) => row.globalPosition)),
    entityEvents: rows,
    directoryEvents: [],
    keysToLoad: [...new Set(rows.map((row) => row.entityKey))],
    refold,
  });
  const storedEvents = async (generation: number) =>
    (await database.query('SELECT entity_key, global_position FROM projection_entity_events WHERE generation = ? ORDER BY global_position', [generation])) as {
      entity_key: string;
      global_position: number;
    }[];

  it('writes a rebuild’s batches on its own thread, each with its checkpoint, and folds each entity from the events committed before', async () => {
    const { generation } = await store.createGeneration('rebuilt', 1);
    const seen: Record<string, readonly string[] | undefined>[] = [];
    const factsOf = (earlier: ReadonlyMap<string, readonly string[]>): FactsRow[] => {
      seen.push({ a: earlier.get('thread:a'), b: earlier.get('thread:b') });
      return [{ entityKey: 'thread:a', kind: 'thread', facts: `{"events":${(earlier.get('thread:a')?.length ?? 0) + 1}}`, lastPosition: 0 }];
    };

    await store.rebuilding(async () => {
      await store.commitBatch('rebuilt', batchOf(generation, 0, [eventRow('thread:a', 1), eventRow('thread:b', 2)], factsOf));
      await store.commitBatch('rebuilt', batchOf(generation, 2, [eventRow('thread:a', 3)], factsOf));
    });

    // The second batch read the first one's event of thread:a, which the writer thread had written (in its open transaction).
    expect(seen).toEqual([{ a: undefined, b: undefined }, { a: [JSON.stringify({ globalPosition: 1 })], b: undefined }]);
    expect(await storedEvents(generation)).toEqual([
      { entity_key: 'thread:a', global_position: 1 },
      { entity_key: 'thread:b', global_position: 2 },
      { entity_key: 'thread:a', global_position: 3 },
    ]);
    expect(await store.factsSince(generation, -1)).toEqual([{ entityKey: 'thread:a', kind: 'thread', facts: '{"events":2}', lastPosition: 0 }]);
    expect((await store.generations('rebuilt')).find((info) => info.generation === generation)?.position).toBe(3);
  });

  it('refuses, on the writer thread too, a batch planned on a checkpoint that has moved: nothing of it is kept, nor of the batches not committed yet', async () => {
    const { generation } = await store.createGeneration('raced', 1);

    const refused = store.rebuilding(async () => {
      await store.commitBatch('raced', batchOf(generation, 0, [eventRow('thread:a', 1)]));
      // Planned on checkpoint 0 as well, as another projector's would be: the checkpoint is 1 now.
      await store.commitBatch('raced', batchOf(generation, 0, [eventRow('thread:b', 2)]));
    });

    await expect(refused).rejects.toMatchObject({ code: 'PROJECTION_CONFLICT', message: expect.stringContaining('is 1, expected 0') });
    // Its events were in the writer's open transaction, with the first batch's: the rebuild fails, and is dropped whole.
    expect(await storedEvents(generation)).toEqual([]);
    expect((await store.generations('raced')).find((info) => info.generation === generation)?.position).toBe(0);
  });

  it('commits a rebuild’s batches several at a time: the first connection sees them when the rebuild ends', async () => {
    const { generation } = await store.createGeneration('grouped', 1);
    const checkpoint = async () => (await store.generations('grouped')).find((info) => info.generation === generation)?.position;

    const seenDuring = await store.rebuilding(async () => {
      await store.commitBatch('grouped', batchOf(generation, 0, [eventRow('thread:a', 1)]));
      await store.commitBatch('grouped', batchOf(generation, 1, [eventRow('thread:a', 2)]));
      return { checkpoint: await checkpoint(), events: await storedEvents(generation) };
    });

    expect(seenDuring).toEqual({ checkpoint: 0, events: [] });
    expect(await checkpoint()).toBe(2);
    expect(await storedEvents(generation)).toHaveLength(2);
  });

  it('fails the rest of a rebuild once a write fails on the writer thread, and keeps none of its uncommitted batches', async () => {
    const { generation } = await store.createGeneration('failed', 1);
    const unwritable = { ...eventRow('thread:b', 2), json: null as unknown as string };

    const failed = store.rebuilding(async () => {
      await store.commitBatch('failed', batchOf(generation, 0, [eventRow('thread:a', 1)]));
      await store.commitBatch('failed', batchOf(generation, 1, [unwritable])).catch(() => undefined);
      await store.commitBatch('failed', batchOf(generation, 1, [eventRow('thread:c', 3)]));
    });

    await expect(failed).rejects.toThrow(/uncommitted batches are lost: NOT NULL constraint failed/);
    expect(await storedEvents(generation)).toEqual([]);
    expect((await store.generations('failed')).find((info) => info.generation === generation)?.position).toBe(0);
  });
});
