/**
 * `tandem import` and `tandem renormalize` run as the CLI process they are, in both run modes,
 * and checked in the storage that mode uses: PostgreSQL, or the embedded mode's SQLite files.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  migratePostgresDeliveryArchive,
  PostgresDeliveryArchive,
  SqliteDeliveryArchive,
  type ArchivedDelivery,
  type DeliveryArchive,
} from '@tandem/archive';
import { deterministicEventId } from '@tandem/contracts';
import { migratePostgresEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@tandem/eventstore';
import { createTestDatabase } from '@tandem/testing';
import { fixtureBody } from '../../apps/recorder/src/testing/recorder.harness.spec';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'apps', 'cli', 'main.ts');

/** One mode's storage, fresh for each test, with the CLI environment that points at it. */
interface Storage {
  env: Record<string, string>;
  eventStore: EventStore;
  archive: DeliveryArchive;
  dispose(): Promise<void>;
}

const MODES: { name: string; open(): Promise<Storage> }[] = [
  {
    name: 'distributed mode (PostgreSQL)',
    async open() {
      const database = await createTestDatabase();
      const pool = new Pool({ connectionString: database.url, max: 2 });
      await migratePostgresEventStore(pool);
      await migratePostgresDeliveryArchive(pool);
      const eventStore = new PostgresEventStore({ pool });
      return {
        env: {
          TANDEM_MODE: 'distributed',
          DATABASE_URL: database.url,
          KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
          REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        },
        eventStore,
        archive: new PostgresDeliveryArchive({ pool }),
        async dispose() {
          await eventStore.close();
          await pool.end();
          await database.drop();
        },
      };
    },
  },
  {
    name: 'embedded mode (SQLite)',
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'tandem-intake-'));
      const eventStore = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
      const archive = new SqliteDeliveryArchive({ filename: join(dataDir, 'webhook-archive.sqlite') });
      return {
        env: { TANDEM_MODE: 'embedded', TANDEM_DATA_DIR: dataDir },
        eventStore,
        archive,
        async dispose() {
          await eventStore.close();
          await archive.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

function tandem(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const line = (source: string, headers: Record<string, string>, body: string) => JSON.stringify({ source, headers, body });

async function allArchived(archive: DeliveryArchive): Promise<ArchivedDelivery[]> {
  return archive.readPage({}, undefined, 1_000);
}

describe.each(MODES.map((mode) => [mode.name, mode] as const))('the intake commands in %s', (_name, mode) => {
  let storage: Storage;
  let folder: string;

  beforeEach(async () => {
    storage = await mode.open();
    folder = mkdtempSync(join(tmpdir(), 'tandem-import-'));
  }, 60_000);

  afterEach(async () => {
    await storage?.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('imports a folder of JSON-lines files in name order, reports each bad line with its number, exits 1, and appends nothing the second time', async () => {
    const pullRequest = fixtureBody('github', 'pull_request__opened');
    const review = fixtureBody('github', 'pull_request_review__submitted');
    const deliveryId = randomUUID();
    const slack = JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', channel: 'C1', user: 'U1', ts: '1700000000.000100', text: 'the secret plan' } });
    writeFileSync(
      join(folder, 'a.jsonl'),
      [
        line('github', { 'X-GitHub-Event': 'pull_request', 'X-GitHub-Delivery': deliveryId, 'X-Hub-Signature-256': 'sha256=dropped' }, pullRequest),
        '',
        'not json',
        line('github', { 'X-GitHub-Event': 'pull_request_review' }, review),
        line('myspace', {}, '{}'),
        line('github', { 'X-GitHub-Event': 'pull_request' }, '{not json'),
      ].join('\n'),
    );
    writeFileSync(
      join(folder, 'b.jsonl'),
      [line('github', { 'X-GitHub-Event': 'pull_request' }, '{"action":"opened"}'), line('slack', {}, slack), line('github', { 'X-GitHub-Event': 'ping' }, fixtureBody('github', 'ping__payload'))].join('\n'),
    );
    writeFileSync(join(folder, 'notes.txt'), 'not a delivery file');

    const first = await tandem(['import', folder], storage.env);

    expect(first.code).toBe(1);
    expect(first.stderr.split('\n').filter((text) => text.includes('.jsonl:'))).toEqual([
      expect.stringMatching(/a\.jsonl:3: not a JSON line$/),
      expect.stringMatching(/a\.jsonl:5: expected \{"source","headers","body"\}: .*source/),
      expect.stringMatching(/a\.jsonl:6: body is not JSON/),
      expect.stringMatching(/b\.jsonl:1: MALFORMED: /),
    ]);
    expect(first.stdout.trim()).toBe('imported 9 lines from 2 files: 3 recorded, 1 ignored, 4 failed; 3 events newly appended');
    const [opened] = await storage.eventStore.readStream('pr-github-Codertocat/Hello-World-2');
    expect(opened).toMatchObject({ type: 'PullRequestOpened', eventId: deterministicEventId('github', deliveryId, 0) });
    // Without a vendor delivery id, the gateway's: a hash of the raw body.
    const reviewId = `sha256:${createHash('sha256').update(review).digest('hex')}`;
    const archived = await allArchived(storage.archive);
    expect(archived.map((row) => [row.deliveryId, row.outcome])).toEqual(
      expect.arrayContaining([
        [deliveryId, 'recorded'],
        [reviewId, 'recorded'],
        ['Ev1', 'recorded'],
      ]),
    );
    expect(archived.find((row) => row.deliveryId === deliveryId)?.headers).not.toHaveProperty('x-hub-signature-256');
    expect(archived.find((row) => row.deliveryId === 'Ev1')?.body).not.toContain('secret');
    expect(archived.filter((row) => row.outcome === 'dead_lettered').map((row) => row.reason)).toEqual(['MALFORMED']);

    const again = await tandem(['import', join(folder, 'a.jsonl')], storage.env);

    expect(again.code).toBe(1);
    expect(again.stdout.trim()).toBe('imported 6 lines from 1 file: 2 recorded, 0 ignored, 3 failed; 0 events newly appended');
  }, 120_000);

  it('exits 0 when every line was read, and 1 with one sentence for a path that does not exist', async () => {
    writeFileSync(join(folder, 'ok.jsonl'), line('github', { 'X-GitHub-Event': 'ping' }, fixtureBody('github', 'ping__payload')));

    expect(await tandem(['import', join(folder, 'ok.jsonl')], storage.env)).toMatchObject({ code: 0 });
    expect(await tandem(['import', join(folder, 'missing.jsonl')], storage.env)).toMatchObject({ code: 1, stderr: expect.stringContaining('missing.jsonl: no such file or folder') });
  }, 120_000);

  it('renormalizes the archive: what a normalizer failed on before yields its events now, once, within --source and --since', async () => {
    const archivedRow = (body: string, headers: Record<string, string>, overrides: Partial<ArchivedDelivery>): ArchivedDelivery => ({
      source: 'github',
      deliveryId: randomUUID(),
      receivedAt: '2026-06-01T00:00:00.000Z',
      correlationId: randomUUID(),
      headers,
      body,
      outcome: 'dead_lettered',
      reason: 'UNKNOWN_EVENT_TYPE',
      ...overrides,
    });
    const fixedSince = archivedRow(fixtureBody('github', 'pull_request_review__submitted'), { 'x-github-event': 'pull_request_review' }, {});
    const tooOld = archivedRow(fixtureBody('github', 'pull_request__opened'), { 'x-github-event': 'pull_request' }, { receivedAt: '2020-01-01T00:00:00.000Z' });
    const stillBroken = archivedRow('{"action":"opened"}', { 'x-github-event': 'pull_request' }, { reason: 'MALFORMED' });
    const otherSource = archivedRow(fixtureBody('pagerduty', 'zulip__triggered_v3'), {}, { source: 'pagerduty' });
    await storage.archive.record([fixedSince, tooOld, stillBroken, otherSource]);

    const run = await tandem(['renormalize', '--source', 'github', '--since', '2026-01-01T00:00:00Z'], storage.env);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout.trim().split('\n')).toEqual([
      'renormalized 2 archived deliveries: 1 recorded, 0 ignored, 1 still failing; 1 events newly appended',
      'still failing by reason: MALFORMED 1',
    ]);
    const [reviewed] = await storage.eventStore.readStream('pr-github-Codertocat/Hello-World-2');
    expect(reviewed).toMatchObject({ eventId: deterministicEventId('github', fixedSince.deliveryId, 0), metadata: { correlationId: fixedSince.correlationId } });
    const outcomes = new Map((await allArchived(storage.archive)).map((row) => [row.deliveryId, row.outcome]));
    expect([fixedSince, tooOld, stillBroken, otherSource].map((row) => outcomes.get(row.deliveryId))).toEqual(['recorded', 'dead_lettered', 'dead_lettered', 'dead_lettered']);

    const rerun = await tandem(['renormalize', '--source', 'github', '--since', '2026-01-01T00:00:00Z'], storage.env);
    expect(rerun.stdout).toContain('0 events newly appended');
    expect(await tandem(['renormalize', '--since', 'yesterday'], storage.env)).toMatchObject({ code: 1, stderr: expect.stringContaining('--since must be an ISO-8601 instant') });
    expect(await tandem(['renormalize', '--source', 'myspace'], storage.env)).toMatchObject({ code: 1, stderr: expect.stringContaining('--source must be one of') });
  }, 120_000);
});
