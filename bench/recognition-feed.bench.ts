import './api-decorator-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ApiModule } from '@apps/api';
import { loadConfig } from '@tandem/config';
import { derivedEventId } from '@tandem/contracts';
import { ApiTokenRepository, READ_MODEL_DATABASE, RecognitionFeedRepository, type RecognitionFeedEntry } from '@tandem/persistence';
import { createInfrastructure, startApp } from '@tandem/runtime';
import type { DataSource } from 'typeorm';
import { applyOrganization, generatedOrganizationYaml } from '../apps/api/src/testing/organization.harness.spec';
import type { BenchResult } from './bench-result';

const TEAMS = 20;
const TEAM_SIZE = 8;
const RECOGNITIONS = 100_000;
const RATE = 300;
const SECONDS = 10;
const CONNECTIONS = 10;
const ROUNDS = 2;
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;

const QUERY = `query Feed($first: Int, $team: String, $person: String) {
  recognitionFeed(first: $first, team: $team, person: $person) {
    edges { cursor node { id kind sentence occurredAt from { id name } to { id name } teams values evidence { kind id } reactions } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The web page's three reads: the organisation's newest 20, a team's, a person's. */
const READS: [string, Record<string, unknown>][] = [
  ['newest 20', { first: 20 }],
  ['a team, newest 20', { first: 20, team: 'team-7' }],
  ['a person, newest 20', { first: 20, person: 'p-3-3' }],
];

/** A year of feed items: 4 in 5 kudos between two people of (usually) different teams, the rest automatic, a tenth of those team awards. */
function recognition(n: number): RecognitionFeedEntry {
  const occurredAt = new Date(YEAR_START + Math.floor((n / RECOGNITIONS) * YEAR_MS)).toISOString();
  const team = n % TEAMS;
  const other = (n * 7 + 3) % TEAMS;
  const person = (t: number) => `p-${t}-${n % TEAM_SIZE}`;
  const id = derivedEventId('bench-feed', n);
  if (n % 5 !== 0) {
    return { id, kind: 'KUDOS', rule: null, ruleVersion: null, from: person(team), to: [person(other)], teams: [...new Set([`team-${team}`, `team-${other}`])].sort(), message: `pairing on release ${n}`, values: ['ownership'], evidence: { links: {}, eventIds: [] }, occurredAt, globalPosition: n + 1, hidden: false };
  }
  const teamAward = n % 50 === 0;
  return {
    id,
    kind: 'AUTOMATIC',
    rule: teamAward ? 'restored_together' : 'bridge_builder',
    ruleVersion: 1,
    from: null,
    to: teamAward ? [] : [person(team)],
    teams: teamAward ? [`team-${team}`, `team-${other}`].sort() : [`team-${team}`],
    message: teamAward ? `team-${team} and team-${other} restored checkout together in 18 min` : 'reviewed a pull request of the other side within 2 h',
    values: [],
    evidence: { links: teamAward ? { incident: `incident:pagerduty:P${n}` } : { pullRequest: `pull_request:github:acme/checkout:${n}` }, eventIds: [derivedEventId('bench-evidence', n)] },
    occurredAt,
    globalPosition: n + 1,
    hidden: false,
  };
}

/**
 * recognitionFeed over HTTP on loopback, in the embedded mode (SQLite read models) with 100,000
 * items stored: p50 and p99 at a fixed 300 requests/s for 10 s, for the whole feed, a team's and
 * a person's newest page (the calmest of two rounds), and the server's busy time per request.
 * autocannon fires from a worker thread; the two share the machine's cores.
 */
export async function benchRecognitionFeed(): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-bench-feed-'));
  const config = loadConfig({ TANDEM_MODE: 'embedded', TANDEM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', TANDEM_API_RATE_LIMIT: '1000000', TANDEM_API_RATE_BURST: '1000000' });
  const seeding = await createInfrastructure(config, 'bench-seed');
  await applyOrganization(seeding.eventStore, generatedOrganizationYaml(TEAMS, TEAM_SIZE));
  await seeding.close();
  const running = await startApp({ service: 'api', modules: [ApiModule] }, config);
  try {
    const feed = new RecognitionFeedRepository(running.app.get<DataSource>(READ_MODEL_DATABASE));
    const storing = performance.now();
    const batch = 5_000;
    for (let start = 0; start < RECOGNITIONS; start += batch) {
      const entries = Array.from({ length: Math.min(batch, RECOGNITIONS - start) }, (_, index) => recognition(start + index));
      await feed.commit({ name: 'bench', expectedPosition: start, position: start + entries.length, entries, optOuts: [], reactions: [] });
    }
    const storeSeconds = (performance.now() - storing) / 1_000;
    // A bulk load leaves a long write-ahead log that every read consults until it is checkpointed (as a long-running process does as it goes).
    const database = running.app.get<DataSource>(READ_MODEL_DATABASE);
    if (database.options.type === 'better-sqlite3') await database.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const { token } = await running.app.get(ApiTokenRepository).issue({ role: 'member', teams: [] });
    const results: BenchResult[] = [{ name: `recognition feed: store ${RECOGNITIONS.toLocaleString('en-US')} items (SQLite)`, value: RECOGNITIONS / storeSeconds, unit: 'items/s' }];
    // Reads alternate this many times; the calmest round of each counts (a shared 2-core box is noisy).
    const best = new Map<string, Measured>();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [label, variables] of READS) {
        const body = JSON.stringify({ query: QUERY, variables, operationName: 'Feed' });
        const sample = (await (await fetch(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).json()) as { data?: { recognitionFeed: { edges: unknown[] } } };
        if (sample.data?.recognitionFeed.edges.length !== 20) throw new Error(`recognitionFeed (${label}) answered ${JSON.stringify(sample).slice(0, 200)}: the benchmark would measure nothing`);
        await load(running.url, token, body, 3); // JIT, caches and the statement cache warm up
        const measured = await load(running.url, token, body, SECONDS, RATE);
        const previous = best.get(label);
        best.set(label, { ...(previous && previous.p99 <= measured.p99 ? previous : measured), busyMsPerRequest: Math.min(previous?.busyMsPerRequest ?? Infinity, measured.busyMsPerRequest) });
      }
    }
    for (const [label, measured] of best) {
      results.push(
        { name: `recognitionFeed (${label}) p50 @ ${RATE} req/s`, value: measured.p50, unit: 'ms' },
        { name: `recognitionFeed (${label}) p99 @ ${RATE} req/s`, value: measured.p99, unit: 'ms', target: '≤ 20 ms' },
        { name: `recognitionFeed (${label}) served @ ${RATE} req/s`, value: measured.requestsPerSecond, unit: 'req/s' },
        { name: `recognitionFeed (${label}) server busy per request`, value: measured.busyMsPerRequest, unit: 'ms' },
      );
    }
    return results;
  } finally {
    await running.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Measured {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  /** Time the server's event loop was busy per request: the least noisy figure on a shared machine. */
  busyMsPerRequest: number;
}

async function load(url: string, token: string, body: string, durationSeconds: number, rate?: number): Promise<Measured> {
  const before = performance.eventLoopUtilization();
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    connections: CONNECTIONS,
    duration: durationSeconds,
    workers: 1,
    ...(rate ? { overallRate: rate } : {}),
  });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`the API failed under load: ${result.errors} errors, ${result.non2xx} non-2xx answers of ${result.requests.total}`);
  const busy = performance.eventLoopUtilization(before);
  return { p50: result.latency.p50, p99: result.latency.p99, requestsPerSecond: result.requests.average, busyMsPerRequest: busy.active / result.requests.total };
}
