import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { createTestDatabase } from '@tandem/testing';
import type { DataSource } from 'typeorm';
import { hashApiToken } from '@tandem/auth';
import { ApiTokenRepository, AuditEntryTable, AuditLogRepository, migrateReadModels, openReadModelDatabase, READ_MODEL_MIGRATIONS } from './index';

interface Backend {
  config: TandemConfig;
  dispose(): Promise<void>;
}

const BACKENDS: [string, () => Promise<Backend>][] = [
  [
    'SQLite (embedded mode)',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tandem-read-models-'));
      return { config: loadConfig({ TANDEM_DATA_DIR: dataDir }), dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  ],
  [
    'PostgreSQL (distributed mode)',
    async () => {
      const database = await createTestDatabase('tandem_read_models');
      const config = loadConfig({ TANDEM_MODE: 'distributed', DATABASE_URL: database.url, KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' });
      return { config, dispose: () => database.drop() };
    },
  ],
];

async function tableNames(database: DataSource): Promise<string[]> {
  const runner = database.createQueryRunner();
  try {
    const tables = await runner.getTables(['api_tokens', 'audit_log']);
    return tables.map((table) => table.name.replace(/^.*\./, '')).sort();
  } finally {
    await runner.release();
  }
}

describe.each(BACKENDS)('the read-model database on %s', (_name, createBackend) => {
  let backend: Backend;
  let database: DataSource;

  beforeAll(async () => {
    backend = await createBackend();
    database = await openReadModelDatabase(backend.config);
  });

  afterAll(async () => {
    await database.destroy();
    await backend.dispose();
  });

  it('is migrated when opened, and opening it again runs nothing', async () => {
    expect(await tableNames(database)).toEqual(['api_tokens', 'audit_log']);
    const executed = await database.query('SELECT name FROM read_model_migrations ORDER BY id');
    expect(executed.map((row: { name: string }) => row.name)).toEqual(READ_MODEL_MIGRATIONS.map((migration) => new migration().name));

    const again = await openReadModelDatabase(backend.config);
    try {
      expect(await migrateReadModels(again)).toEqual([]);
    } finally {
      await again.destroy();
    }
  });

  it('runs every migration down and up again', async () => {
    for (let step = 0; step < READ_MODEL_MIGRATIONS.length; step += 1) await database.undoLastMigration({ transaction: 'each' });
    expect(await tableNames(database)).toEqual([]);

    expect(await migrateReadModels(database)).toHaveLength(READ_MODEL_MIGRATIONS.length);
    expect(await tableNames(database)).toEqual(['api_tokens', 'audit_log']);
  });

  it('stores API tokens by hash, finds live ones, revokes them and lists them newest first', async () => {
    let now = new Date('2026-02-01T10:00:00.123Z');
    const tokens = new ApiTokenRepository(database, () => now);
    const lead = await tokens.issue({ role: 'lead', teams: ['payments', 'sre'] });
    now = new Date('2026-02-01T10:00:01.456Z');
    const admin = await tokens.issue({ role: 'admin', teams: [] });

    const stored = JSON.stringify(await database.query('SELECT * FROM api_tokens'));
    expect(stored).not.toContain(lead.token);
    expect(stored).toContain(hashApiToken(lead.token));
    expect(await tokens.authenticate(lead.token)).toEqual({ ...lead.record, createdAt: new Date('2026-02-01T10:00:00.123Z') });
    // Another last character (a random token ends in "A" one time in 64: then "B").
    const altered = `${lead.token.slice(0, -1)}${lead.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await tokens.authenticate(altered)).toBeUndefined();

    now = new Date('2026-02-02T08:00:00.000Z');
    expect((await tokens.revoke(lead.record.id))?.revokedAt).toEqual(now);
    now = new Date('2026-02-03T08:00:00.000Z');
    expect((await tokens.revoke(lead.record.id))?.revokedAt).toEqual(new Date('2026-02-02T08:00:00.000Z'));
    expect(await tokens.revoke('no-such-token')).toBeUndefined();
    expect(await tokens.authenticate(lead.token)).toBeUndefined();

    expect((await tokens.page({ limit: 10, includeRevoked: false })).map((token) => token.id)).toEqual([admin.record.id]);
    const first = await tokens.page({ limit: 1, includeRevoked: true });
    const second = await tokens.page({ limit: 1, includeRevoked: true, after: first[0] });
    expect([...first, ...second].map((token) => [token.role, token.teams])).toEqual([
      ['admin', []],
      ['lead', ['payments', 'sre']],
    ]);
    expect(await tokens.page({ limit: 1, includeRevoked: true, after: second[0] })).toEqual([]);
  });

  it('appends audit entries in one statement', async () => {
    const audit = new AuditLogRepository(database);
    const at = new Date('2026-02-01T12:00:00.000Z');
    await audit.append([
      { at, tokenId: 't1', role: 'lead', correlationId: 'c1', field: 'Team.members', subject: 'team:payments' },
      { at, tokenId: 't1', role: 'lead', correlationId: 'c1', field: 'Team.members', subject: 'team:sre' },
    ]);

    const rows = await database.getRepository(AuditEntryTable).find({ order: { subject: 'ASC' } });
    expect(rows.map(({ at: when, subject, correlationId }) => ({ when, subject, correlationId }))).toEqual([
      { when: at, subject: 'team:payments', correlationId: 'c1' },
      { when: at, subject: 'team:sre', correlationId: 'c1' },
    ]);
  });
});

describe('read-model migrations on PostgreSQL', () => {
  it('run once when several replicas start together', async () => {
    const database = await createTestDatabase('tandem_read_models');
    const config = loadConfig({ TANDEM_MODE: 'distributed', DATABASE_URL: database.url, KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' });
    try {
      const replicas = await Promise.all([1, 2, 3].map(() => openReadModelDatabase(config)));
      const executed = await replicas[0].query('SELECT name FROM read_model_migrations');
      expect(executed).toHaveLength(READ_MODEL_MIGRATIONS.length);
      await Promise.all(replicas.map((replica) => replica.destroy()));
    } finally {
      await database.drop();
    }
  });
});
