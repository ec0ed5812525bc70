import { performance } from 'node:perf_hooks';
import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import { buildMetricModel, computeKpis, foldEvents, KPI_IDS, type KpiScope } from '@tandem/metrics';
import type { BenchResult } from './bench-result';
import { metricsOrganizationYaml, metricsWorkload, METRICS_WORKLOAD, QUARTER } from './metrics-workload';

function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

/** CPU seconds of this process since `started`: on a shared machine, less noisy than wall time. */
function cpuSecondsSince(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

/**
 * The metrics core on a quarter of a 500-person organisation: folding ~500,000 events into
 * per-entity facts (what a projector rebuild does), assembling the model (people, services,
 * incident-to-deployment links, PR-to-deployment containment), then every KPI for every team
 * and the organisation over the quarter.
 */
export async function benchMetrics(): Promise<BenchResult[]> {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(metricsOrganizationYaml()), { at: '2025-01-01T00:00:00Z', by: 'bench' });
  const directory = Directory.empty().apply(planned.map(({ event }) => event));
  const events = metricsWorkload();

  // One untimed pass over a slice, so the timed pass measures optimized code.
  buildMetricModel(foldEvents(events.slice(0, 50_000)), directory);

  let started = performance.now();
  const cpuStarted = process.cpuUsage();
  const facts = foldEvents(events);
  const fold = secondsSince(started);
  const foldCpu = cpuSecondsSince(cpuStarted);

  started = performance.now();
  const model = buildMetricModel(facts, directory);
  const assemble = secondsSince(started);

  const scopes: KpiScope[] = [{ kind: 'organization' }, ...directory.teams().map((team): KpiScope => ({ kind: 'team', team: team.slug }))];
  started = performance.now();
  const values = computeKpis(model, { directory, window: QUARTER, scopes });
  const kpis = secondsSince(started);
  const withValue = values.filter((value) => value.value !== null).length;
  if (withValue === 0) throw new Error('no KPI had a value: the benchmark measured nothing');

  return [
    { name: `metrics: fold ${events.length.toLocaleString('en-US')} events into ${facts.length.toLocaleString('en-US')} entity facts`, value: events.length / fold, unit: 'events/s', target: '≥ 200,000/s' },
    { name: 'metrics: fold, per CPU second (all threads, GC included)', value: events.length / foldCpu, unit: 'events/s' },
    { name: 'metrics: fold, elapsed', value: fold, unit: 's' },
    { name: `metrics: assemble the model (${model.incidents.length} incidents, ${model.deployments.length} deployments, ${model.pullRequests.length} PRs)`, value: assemble, unit: 's' },
    { name: 'metrics: fold + assemble, end to end', value: events.length / (fold + assemble), unit: 'events/s' },
    {
      name: `metrics: ${KPI_IDS.length} KPIs × ${scopes.length} scopes (${METRICS_WORKLOAD.teams} teams + organisation), one quarter: ${values.length} values, ${withValue} with a value`,
      value: kpis,
      unit: 's',
    },
  ];
}
