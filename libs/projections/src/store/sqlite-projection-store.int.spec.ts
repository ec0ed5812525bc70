import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@tandem/config';
import { openReadModelDatabase } from '@tandem/persistence';
import { projectionStoreOf, type ProjectionStore } from '../index';

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
});
