import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { startApiProcess, type ApiProcess, type Driver } from './api-process';
import type { BenchResult } from './bench-result';
import { graphqlAnswered, OPEN_LOAD_WARM_UP_SECONDS, openLoad, type OpenLoadResult } from './open-load';

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

/** Incidents per service in the nested read: its first page of a dashboard's service list. */
const INCIDENTS_PER_SERVICE = 5;
/**
 * The nested read: the organisation's teams, the services each owns or runs, and each service's
 * incidents of the window (the first INCIDENTS_PER_SERVICE, with milestones and links, and their
 * count), in one request: 50 teams, 60 team–service pairs, 300 incidents.
 */
const NESTED = `query Nested($from: DateTime!, $to: DateTime!) {
  teams { slug name kind services { slug name ownedBy operatedBy
    incidents(from: $from, to: $to, first: ${INCIDENTS_PER_SERVICE}) {
      totalCount
      edges { node { key tool sourceId title severity services teams milestones { impactStart triggered acknowledged mitigated resolved } links { to relation rule } } }
      pageInfo { hasNextPage endCursor }
    }
  } }
}`;

const CASES = [
  {
    label: 'team KPI overview (kpis + 17 weekly kpiSeries, 12 weeks)',
    operationName: 'Overview',
    query: OVERVIEW,
    variables: { scope: { team: TEAM }, ...WINDOW },
    rate: 500,
    target: '≤ 20 ms',
    answers: (text: string) => text.includes('"sampleSize":') && !text.includes('"suppressed":true'),
  },
  {
    label: `teams → services → incidents (${INCIDENTS_PER_SERVICE} per service of 12 weeks)`,
    operationName: 'Nested',
    query: NESTED,
    variables: WINDOW,
    rate: 200,
    target: '≤ 50 ms',
    // Services without incidents would make the nested level measure nothing.
    answers: (text: string) => text.includes('"key":"incident:'),
  },
] as const;

/** Sequential requests after the first (whose time includes assembling the read model). */
const SERIAL = 5;
/**
 * Requests sent one at a time before the sequential ones are timed: Mercurius compiles a query
 * after its 5th run (graphql-jit) and V8 optimises the resolvers after a few dozen, so the first
 * requests say little about a server that has been up for a minute.
 */
const WARM_UP = 50;
/**
 * Requests one at a time whose server CPU time is measured (after CPU_WARM_UP untimed ones, which
 * also let Mercurius compile the executed query): repeated ones, answered from the response cache,
 * and executed ones, each made a miss by an unused variable (GraphQL ignores it; the cache key
 * includes the variables as sent), which is what a request after a checkpoint move costs.
 */
const CPU_REQUESTS = 100;
const CPU_WARM_UP = 20;
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

interface Calm {
  first: number;
  serial: number;
  /** Server CPU ms per request: answered from the response cache, and executed (a miss). */
  cachedCpu: number;
  executedCpu: number;
}
type Measured =
  | (Calm & { offered: false })
  | (Calm &
      Pick<OpenLoadResult, 'p50' | 'p99' | 'requestsPerSecond' | 'failures'> & { offered: true; /** Closed loop, 10 connections: the driver comparison's throughput. */ max: number });

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
  console.log(
    'api bench: repeated identical requests are answered from the per-checkpoint response cache (apps/api/src/http/response-cache); ' +
      "each case's first request, and the 'executed' CPU figures (every request a miss), run the query",
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const driver of DRIVERS) {
      const api = await startApiProcess(store.dataDir, { driver });
      try {
        for (const each of CASES) {
          const body = JSON.stringify({ query: each.query, variables: each.variables, operationName: each.operationName });
          const headers = { 'content-type': 'application/json', authorization: `Bearer ${api.token}` };
          const key = `${driver}: ${each.label}`;
          const { elapsed: first, text } = await expectAnswer(api.url, headers, body, each);
          const serial = await serialLatency(api.url, headers, body);
          const cachedCpu = await serverCpuPerRequest(api, headers, () => body, text);
          const executedCpu = await serverCpuPerRequest(api, headers, (request) => JSON.stringify({ query: each.query, variables: { ...each.variables, uncached: request }, operationName: each.operationName }), text);
          const previous = best.get(key);
          const calm = {
            first: Math.min(previous?.first ?? Infinity, first),
            serial: Math.min(previous?.serial ?? Infinity, serial),
            cachedCpu: Math.min(previous?.cachedCpu ?? Infinity, cachedCpu),
            executedCpu: Math.min(previous?.executedCpu ?? Infinity, executedCpu),
          };
          // One request at a time serves under a fifth of the rate (concurrency gains little on one
          // event loop): offered open loop, the backlog would take hours to drain; the sequential
          // latency is the figure then.
          if (serial * each.rate > 5_000) {
            best.set(key, { ...calm, offered: false });
            continue;
          }
          const max = await closedLoop(`${api.url}/graphql`, headers, body); // also warms JIT, caches and statement caches
          const fixed = await openLoad(api.url, Array.from({ length: each.rate * (SECONDS + OPEN_LOAD_WARM_UP_SECONDS) }, () => ({ path: '/graphql', headers, body })), each.rate, graphqlAnswered);
          // An overloaded server drops connections: counted (and shown) rather than hidden, the latencies are the answered ones'.
          if (fixed.failures > 0) console.log(`${driver}, ${each.label}: ${fixed.failures} failed answers, e.g. ${fixed.firstFailure}`);
          const calmer = previous?.offered && previous.p99 <= fixed.p99 ? previous : fixed;
          best.set(key, {
            ...calm,
            offered: true,
            p50: calmer.p50,
            p99: calmer.p99,
            requestsPerSecond: calmer.requestsPerSecond,
            failures: calmer.failures,
            max: Math.max(previous?.offered ? previous.max : 0, max),
          });
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
        { name: `api ${key}, first request, executed (the first case's includes assembling the year's model)`, value: measured.first, unit: 'ms' },
        { name: `api ${key}, server CPU per request executed (uncached: a miss; ${CPU_REQUESTS} one at a time)`, value: measured.executedCpu, unit: 'ms' },
        { name: `api ${key}, server CPU per request answered from the per-checkpoint response cache`, value: measured.cachedCpu, unit: 'ms' },
        { name: `api ${key}, cached: one request at a time (median of ${SERIAL}, after ${WARM_UP} untimed)`, value: measured.serial, unit: 'ms' },
      );
      if (!measured.offered) {
        results.push({ name: `api ${key}, NOT offered at ${each.rate} req/s: one at a time it serves ${(1_000 / measured.serial).toFixed(1)} req/s`, value: 1_000 / measured.serial, unit: 'req/s', target: `${each.rate} req/s, p99 ${each.target}` });
        continue;
      }
      results.push(
        { name: `api ${key}, cached: p50 @ ${each.rate} req/s open loop`, value: measured.p50, unit: 'ms' },
        { name: `api ${key}, cached: p99 @ ${each.rate} req/s open loop`, value: measured.p99, unit: 'ms', target: each.target },
        { name: `api ${key}, cached: achieved of ${each.rate} req/s`, value: measured.requestsPerSecond, unit: 'req/s', target: `${each.rate} req/s` },
        { name: `api ${key}, cached: failed answers of ${each.rate * (SECONDS + OPEN_LOAD_WARM_UP_SECONDS)} offered`, value: measured.failures, unit: 'answers', target: '0' },
        { name: `api ${key}, cached: max ${CONNECTIONS} connections (closed loop)`, value: measured.max, unit: 'req/s' },
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

/** One request first: an answer with errors, empty data or not what the case reads would make the benchmark measure nothing. */
async function expectAnswer(url: string, headers: Record<string, string>, body: string, each: (typeof CASES)[number]): Promise<{ elapsed: number; text: string }> {
  const started = performance.now();
  const text = await (await fetch(`${url}/graphql`, { method: 'POST', headers, body })).text();
  const elapsed = performance.now() - started;
  const answer = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
  const data = answer.data ?? {};
  const empty = Object.values(data).some((value) => value === null || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && 'totalCount' in value && value.totalCount === 0));
  if (answer.errors || empty || !each.answers(text)) throw new Error(`${each.label} answered ${text.slice(0, 400)}: the benchmark would measure nothing`);
  return { elapsed, text };
}

/**
 * The API process's CPU time (user and system, all its threads: GC included) per request, over
 * CPU_REQUESTS requests one at a time after CPU_WARM_UP untimed ones; every answer must be `expected`.
 */
async function serverCpuPerRequest(api: ApiProcess, headers: Record<string, string>, bodyOf: (request: number) => string, expected: string): Promise<number> {
  const send = async (request: number) => {
    const text = await (await fetch(`${api.url}/graphql`, { method: 'POST', headers, body: bodyOf(request) })).text();
    if (text !== expected) throw new Error(`request ${request} answered differently from the first: ${text.slice(0, 200)}`);
  };
  for (let request = 0; request < CPU_WARM_UP; request += 1) await send(request);
  const before = cpuMsOf(api.pid);
  for (let request = CPU_WARM_UP; request < CPU_WARM_UP + CPU_REQUESTS; request += 1) await send(request);
  return (cpuMsOf(api.pid) - before) / CPU_REQUESTS;
}

/** A process's CPU time in ms (Linux /proc: utime and stime, the 14th and 15th fields of stat). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000) / CLOCK_TICKS_PER_SECOND;
}

/** The median of SERIAL requests one after the other, after WARM_UP untimed ones. */
async function serialLatency(url: string, headers: Record<string, string>, body: string): Promise<number> {
  for (let request = 0; request < WARM_UP; request += 1) await (await fetch(`${url}/graphql`, { method: 'POST', headers, body })).text();
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

