import { performance } from 'node:perf_hooks';
import { Directory, parseOrganization, planDirectoryChanges, sideOfKind } from '@tandem/directory';
import type { BenchResult } from './bench-result';
import { BENCH_TOOLS, benchIdentity, benchOrganizationYaml, ORGANIZATION_SIZE, seededRandom } from './directory-organization';

const LOOKUPS = 1_000_000;
const YEAR_START_MS = Date.parse('2026-01-01T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;

interface Lookups {
  tools: string[];
  ids: string[];
  instants: Float64Array;
}

/** The actors of a million events: a random person's identity in a random tool, at a random instant. */
function randomLookups(): Lookups {
  const random = seededRandom(7);
  const lookups: Lookups = { tools: [], ids: [], instants: new Float64Array(LOOKUPS) };
  for (let index = 0; index < LOOKUPS; index += 1) {
    const tool = BENCH_TOOLS[Math.floor(random() * BENCH_TOOLS.length)];
    lookups.tools.push(tool);
    lookups.ids.push(benchIdentity(tool, Math.floor(random() * ORGANIZATION_SIZE.people)));
    lookups.instants[index] = YEAR_START_MS + random() * YEAR_MS;
  }
  return lookups;
}

interface Load {
  directory: Directory;
  events: number;
  /** Seconds per phase. */
  parse: number;
  plan: number;
  fold: number;
  /** CPU seconds of the process over the three phases: what the load costs when other processes share the cores. */
  cpu: number;
}

function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

function cpuSecondsSince(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

/**
 * Loading = what `tandem org apply` does on an empty store, then what a projector does on
 * replay: parse and validate the file, plan the events, fold them into a directory and index it.
 */
function loadOrganization(yaml: string): Load {
  const cpuStarted = process.cpuUsage();
  let started = performance.now();
  const model = parseOrganization(yaml);
  const parse = secondsSince(started);
  started = performance.now();
  const planned = planDirectoryChanges(Directory.empty(), model, { at: '2025-01-01T00:00:00Z', by: 'bench' });
  const plan = secondsSince(started);
  started = performance.now();
  const directory = Directory.empty().apply(planned.map(({ event }) => event));
  directory.sideOf('person-0', YEAR_START_MS);
  const fold = secondsSince(started);
  return { directory, events: planned.length, parse, plan, fold, cpu: cpuSecondsSince(cpuStarted) };
}

/** What `tandem start` does with an unchanged file: parse it and find nothing to change. */
function reloadSeconds(yaml: string, directory: Directory): number {
  const started = performance.now();
  const planned = planDirectoryChanges(directory, parseOrganization(yaml), { at: '2026-06-01T00:00:00Z', by: 'bench' });
  if (planned.length > 0) throw new Error(`reloading the same file planned ${planned.length} events`);
  return secondsSince(started);
}

function sideLookupsPerSecond(directory: Directory, lookups: Lookups): number {
  let devSide = 0;
  const started = performance.now();
  for (let index = 0; index < LOOKUPS; index += 1) {
    const personId = directory.resolveIdentity(lookups.tools[index], lookups.ids[index]);
    if (personId !== undefined && directory.sideOf(personId, lookups.instants[index]) === 'dev') devSide += 1;
  }
  const elapsed = (performance.now() - started) / 1000;
  if (devSide === 0) throw new Error('the benchmark organisation has no Dev side: the look-ups measured nothing');
  return LOOKUPS / elapsed;
}

/** What a straightforward implementation does per look-up: scan the person's memberships. */
function naiveLookupsPerSecond(directory: Directory, lookups: Lookups): number {
  let devSide = 0;
  const started = performance.now();
  for (let index = 0; index < LOOKUPS; index += 1) {
    const personId = directory.resolveIdentity(lookups.tools[index], lookups.ids[index]);
    const at = lookups.instants[index];
    const memberships = personId === undefined ? [] : (directory.person(personId)?.memberships ?? []);
    const sides = memberships
      .filter((membership) => Date.parse(membership.from) <= at && (membership.to === null || at < Date.parse(membership.to)))
      .map((membership) => sideOfKind(directory.team(membership.team)?.kind ?? 'other'));
    if (sides.includes('dev')) devSide += 1;
  }
  if (devSide === 0) throw new Error('the naive look-ups measured nothing');
  return LOOKUPS / ((performance.now() - started) / 1000);
}

export async function benchDirectory(): Promise<BenchResult[]> {
  const yaml = benchOrganizationYaml();
  const load = loadOrganization(yaml);
  const reload = reloadSeconds(yaml, load.directory);
  const lookups = randomLookups();
  // One untimed pass so the timed one measures optimized code, not the JIT warming up.
  sideLookupsPerSecond(load.directory, lookups);
  const perSecond = sideLookupsPerSecond(load.directory, lookups);
  const naive = naiveLookupsPerSecond(load.directory, lookups);
  const megabytes = (Buffer.byteLength(yaml) / 1e6).toFixed(1);
  return [
    { name: `directory: parse + validate tandem.yaml (${megabytes} MB)`, value: load.parse, unit: 's' },
    { name: `directory: plan ${load.events} directory events (validated, with ids)`, value: load.plan, unit: 's' },
    { name: 'directory: fold the events into a directory, index it (= replay)', value: load.fold, unit: 's' },
    {
      name: `directory: first load of ${ORGANIZATION_SIZE.people} people / ${ORGANIZATION_SIZE.teams} teams from YAML, total`,
      value: load.parse + load.plan + load.fold,
      unit: 's',
      target: '≤ 2 s',
    },
    { name: 'directory: first load, CPU time of the process (wall time above counts waits for a shared core)', value: load.cpu, unit: 's', target: '≤ 2 s' },
    { name: 'directory: reload of the unchanged file (parse, plan 0 events)', value: reload, unit: 's', target: '≤ 2 s' },
    {
      name: 'directory: actor identity → side at an instant',
      value: perSecond,
      unit: 'look-ups/s',
      baseline: naive,
      ratio: perSecond / naive,
      target: '≥ 1,000,000/s',
    },
  ];
}
