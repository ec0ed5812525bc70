import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { startApiProcess, type Driver } from './api-process';
import type { BenchResult } from './bench-result';
import { graphqlAnswered, openLoad, type OpenLoadResult } from './open-load';

const DRIVERS: readonly Driver[] = ['mercurius', 'apollo'];

const TSX = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
const SECONDS = 10;
const CONNECTIONS = 10;
/** Drivers alternate this many times (TANDEM_BENCH_API_ROUNDS); the calmest round of each counts (a shared 2-core box is noisy). */
const ROUNDS = Number(process.env.TANDEM_BENCH_API_ROUNDS ?? 2);
/** The page's default window: the last 12 whole weeks (Mondays, UTC) of the year store. */
const WINDOW = { from: '2026-10-05T00:00:00Z', to: '2026-12-28T00:00:00Z' };
/** A Dev team of the benchmark organisation (bench/metrics-workload.ts: teams 0–2 of every 5 are Dev). */
const TEAM = 'team-7';

/** apps/api/web/overview.js and format.js (KPI_GROUPS): what the KPI overview of a team sends. */
const OVERVIEW_KPIS = [
  'deployment_frequency', 'lead_time_for_changes', 'change_failure_rate', 'failed_deployment_recovery_time',
  'time_to_acknowledge', 'time_to_restore', 'error_budget_burn',
  'dev_incident_participation', 'time_to_engage_dev', 'dev_oncall_share', 'out_of_hours_pages', 'cross_team_review_rate',
  'iac_dev_authorship', 'cross_team_response_time', 'postmortem_completion_rate', 'postmortem_cross_team_participation', 'action_item_closure_rate',
];
const OVERVIEW = `query Overview($scope: KpiScope, $from: DateTime!, $to: DateTime!) {
  kpis(scope: $scope, from: $from, to: $to) { kpi version value unit sampleSize numerator denominator p90 mean suppressed }
${OVERVIEW_KPIS.map((id) => `  s_${id}: kpiSeries(id: "${id}", scope: $scope, from: $from, to: $to, bucket: WEEK) { bucket from to value { value sampleSize suppressed } }`).join('\n')}
}`;

/**
 * The schema has no Service.incidents (incidents are listed per team: Query.incidents), so the
 * nested read is the organisation's teams with their services, and a team's incidents of the
 * window (a page of 50) with their milestones and links, in one request.
 */
const NESTED = `query Nested($team: String, $from: DateTime!, $to: DateTime!) {
  teams { slug name kind services { slug name ownedBy operatedBy } }
  incidents(team: $team, from: $from, to: $to, first: 50) {
    totalCount
    edges { node { key tool sourceId title severity services teams milestones { impactStart triggered acknowledged mitigated resolved } links { to relation rule } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CASES = [
  { label: 'team KPI overview (kpis + 17 weekly kpiSeries, 12 weeks)', operationName: 'Overview', query: OVERVIEW, variables: { scope: { team: TEAM }, ...WINDOW }, rate: 500, target: '≤ 20 ms' },
  { label: 'teams → services + a team’s incidents (50 of 12 weeks)', operationName: 'Nested', query: NESTED, variables: { team: TEAM, ...WINDOW }, rate: 200, target: '≤ 50 ms' },
] as const;

/** Sequential requests after the first (whose time includes assembling the read model). */
const SERIAL = 5;

interface Calm {
  first: number;
  serial: number;
}
type Measured =
  | (Calm & { offered: false })
  | (Calm & Pick<OpenLoadResult, 'p50' | 'p99' | 'requestsPerSecond'> & { offered: true; /** Closed loop, 10 connections: the driver comparison's throughput. */ max: number });

/**
 * The issue's API targets over HTTP on loopback, for each GraphQL driver, in the embedded mode on
 * a year of the 500-person benchmark organisation (~2M events, KPI read models rebuilt; built once
 * and cached, see bench/api-year-store.ts): the team KPI overview the web page sends at 500
 * requests/s and a nested teams → services → incidents read at 200 requests/s, each offered open
 * loop for 10 s (p50, p99 from each request's scheduled time, and the rate achieved), and the most
 * requests/s 10 connections get through (autocannon, closed loop). The API runs in a process of its
 * own; the load generator and it share the machine's cores.
 */
export async function benchApi(): Promise<BenchResult[]> {
  const store = await buildYearStore();
  const results: BenchResult[] = [];
  if (store.built) results.push({ name: 'api: build the year store (once, cached in the OS tmp dir)', value: store.seconds, unit: 's' });
  const best = new Map<string, Measured>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const driver of DRIVERS) {
      const api = await startApiProcess(store.dataDir, { driver });
      try {
        for (const each of CASES) {
          const body = JSON.stringify({ query: each.query, variables: each.variables, operationName: each.operationName });
          const headers = { 'content-type': 'application/json', authorization: `Bearer ${api.token}` };
          const key = `${driver}: ${each.label}`;
          const first = await expectAnswer(api.url, headers, body, each.label);
          const serial = await serialLatency(api.url, headers, body);
          const previous = best.get(key);
          const calm = { first: Math.min(previous?.first ?? Infinity, first), serial: Math.min(previous?.serial ?? Infinity, serial) };
          // One request at a time serves under a fifth of the rate (concurrency gains little on one
          // event loop): offered open loop, the backlog would take hours to drain; the sequential
          // latency is the figure then.
          if (serial * each.rate > 5_000) {
            best.set(key, { ...calm, offered: false });
            continue;
          }
          const max = await closedLoop(`${api.url}/graphql`, headers, body); // also warms JIT, caches and statement caches
          const fixed = await openLoad(api.url, Array.from({ length: each.rate * SECONDS }, () => ({ path: '/graphql', headers, body })), each.rate, graphqlAnswered);
          if (fixed.failures > 0) throw new Error(`${driver}, ${each.label}: ${fixed.failures} failed answers, e.g. ${fixed.firstFailure}`);
          const calmer = previous?.offered && previous.p99 <= fixed.p99 ? previous : fixed;
          best.set(key, { ...calm, offered: true, p50: calmer.p50, p99: calmer.p99, requestsPerSecond: calmer.requestsPerSecond, max: Math.max(previous?.offered ? previous.max : 0, max) });
        }
      } finally {
        await api.stop();
      }
    }
  }
  for (const each of CASES) {
    for (const driver of DRIVERS) {
      const key = `${driver}: ${each.label}`;
      const measured = best.get(key)!;
      results.push(
        { name: `api ${key}, first request (the first case's includes assembling the year's model)`, value: measured.first, unit: 'ms' },
        { name: `api ${key}, one request at a time (median of ${SERIAL})`, value: measured.serial, unit: 'ms' },
      );
      if (!measured.offered) {
        results.push({ name: `api ${key}, NOT offered at ${each.rate} req/s: one at a time it serves ${(1_000 / measured.serial).toFixed(1)} req/s`, value: 1_000 / measured.serial, unit: 'req/s', target: `${each.rate} req/s, p99 ${each.target}` });
        continue;
      }
      results.push(
        { name: `api ${key}, p50 @ ${each.rate} req/s open loop`, value: measured.p50, unit: 'ms' },
        { name: `api ${key}, p99 @ ${each.rate} req/s open loop`, value: measured.p99, unit: 'ms', target: each.target },
        { name: `api ${key}, achieved of ${each.rate} req/s`, value: measured.requestsPerSecond, unit: 'req/s', target: `${each.rate} req/s` },
        { name: `api ${key}, max ${CONNECTIONS} connections (closed loop)`, value: measured.max, unit: 'req/s' },
      );
    }
  }
  return results;
}

/** The cached year store, built in a child process (its ~2M generated events need a large heap). */
async function buildYearStore(): Promise<{ dataDir: string; built: boolean; seconds: number }> {
  const child = spawn(TSX, [join(__dirname, 'api-year-store.ts')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let last = '';
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith('{')) last = line;
    else console.log(line);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0 || !last) throw new Error(`building the year store failed (exit code ${code})`);
  return JSON.parse(last) as { dataDir: string; built: boolean; seconds: number };
}

/** One request first: an answer with errors or empty data would make the benchmark measure nothing. */
async function expectAnswer(url: string, headers: Record<string, string>, body: string, label: string): Promise<number> {
  const started = performance.now();
  const answer = (await (await fetch(`${url}/graphql`, { method: 'POST', headers, body })).json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  const data = answer.data ?? {};
  const empty = Object.values(data).some((value) => value === null || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && 'totalCount' in value && value.totalCount === 0));
  if (answer.errors || empty) throw new Error(`${label} answered ${JSON.stringify(answer).slice(0, 400)}: the benchmark would measure nothing`);
  return performance.now() - started;
}

/** The median of SERIAL requests one after the other. */
async function serialLatency(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const times: number[] = [];
  for (let request = 0; request < SERIAL; request += 1) {
    const started = performance.now();
    await (await fetch(`${url}/graphql`, { method: 'POST', headers, body })).text();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(SERIAL / 2)];
}

async function closedLoop(url: string, headers: Record<string, string>, body: string): Promise<number> {
  const result = await autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: SECONDS, workers: 1 });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`the API failed under load: ${result.errors} errors, ${result.non2xx} non-2xx answers of ${result.requests.total}`);
  return result.requests.average;
}

