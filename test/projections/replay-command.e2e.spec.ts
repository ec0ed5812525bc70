/**
 * `tandem replay` as a user runs it, on an embedded data folder: a child process rebuilds the KPI
 * read models into a new generation with a progress bar on stderr and a summary on stdout; a
 * second run swaps again and drops the first; unknown definitions are refused.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@tandem/config';
import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, toStoredEvent, type EventDataMap, type EventType, type NewCanonicalEvent } from '@tandem/contracts';
import { SqliteEventStore } from '@tandem/eventstore';
import { openReadModelDatabase } from '@tandem/persistence';
import { KpiReadModel, projectionStoreOf } from '@tandem/projections';

const REPOSITORY = resolve(__dirname, '../..');
const FEBRUARY = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

/** A PagerDuty incident acknowledged after 240 s and resolved after 2 400 s. */
function incident(): ReturnType<typeof toStoredEvent>[] {
  const event = <T extends EventType>(index: number, type: T, data: EventDataMap[T], occurredAt: string) =>
    toStoredEvent(newEvent(type, data, { occurredAt, source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION }, derivedEventId('replay-e2e', index)) as NewCanonicalEvent);
  return [
    event(1, 'PageTriggered', { tool: 'pagerduty', pageId: 'P1', pagingServiceId: 'PCHECKOUT', triggeredAt: '2026-02-02T10:00:00Z', incident: { tool: 'pagerduty', id: 'P1' } }, '2026-02-02T10:00:00Z'),
    event(2, 'PageAcknowledged', { tool: 'pagerduty', pageId: 'P1', acknowledgedAt: '2026-02-02T10:04:00Z', by: { tool: 'pagerduty', id: 'PCAROL' } }, '2026-02-02T10:04:00Z'),
    event(3, 'IncidentResolved', { tool: 'pagerduty', incidentId: 'P1', resolvedAt: '2026-02-02T10:40:00Z' }, '2026-02-02T10:40:00Z'),
  ];
}

function tandem(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/main.ts', ...args], { cwd: REPOSITORY, env: { ...process.env, TANDEM_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('tandem replay', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-replay-'));
    const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    try {
      await store.append('incident-pagerduty-P1', incident());
    } finally {
      await store.close();
    }
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds a generation, swaps to it, and a second run replaces it', async () => {
    const first = await tandem(['replay', '--definitions', 'v1'], dataDir);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^replayed \d+ events into generation 1 \(definitions v1\) up to position \d+ in [\d.]+ s; it is now active\n$/);
    expect(first.stderr).toContain('replay');

    const second = await tandem(['replay'], dataDir);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain('into generation 2 (definitions v1)');
    expect(second.stdout).toContain('generation 1 retired and dropped');

    const database = await openReadModelDatabase(loadConfig({ TANDEM_DATA_DIR: dataDir }));
    const eventStore = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    try {
      const readModel = new KpiReadModel({ store: projectionStoreOf(database), eventStore });
      expect(await readModel.position()).toMatchObject({ generation: 2, position: await eventStore.headPosition() });
      const values = await readModel.kpis({ scope: { kind: 'organization' }, ...FEBRUARY });
      expect(values.find((value) => value.kpi === 'time_to_acknowledge')).toMatchObject({ value: 240, version: 1 });
      expect(values.find((value) => value.kpi === 'time_to_restore')).toMatchObject({ value: 2_400, version: 1 });
    } finally {
      await database.destroy();
      await eventStore.close();
    }
  }, 120_000);

  it('refuses definitions no KPI has', async () => {
    const refused = await tandem(['replay', '--definitions', 'v9'], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--definitions: definitions version must be v1 … v1; got "v9"');
  }, 60_000);
});
