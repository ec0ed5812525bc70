import { performance } from 'node:perf_hooks';
import type { CanonicalEventOf } from '@tandem/contracts';
import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import { foldEvents } from '@tandem/metrics';
import { awardEvent, buildRecognitionModel, decideKudos, evaluateRules, foldOnCall, KudosLedger } from '@tandem/recognition';
import type { BenchResult } from './bench-result';
import { metricsOrganizationYaml, metricsWorkload } from './metrics-workload';
import { recognitionExtras } from './recognition-workload';

function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

/**
 * The fastest of a few runs (wall clock), and the mean CPU seconds of this process per run: on
 * two shared cores the minimum is the least disturbed wall figure, and CPU time ignores waiting.
 */
function fastest(runs: number, work: () => void): { wall: number; cpu: number } {
  let wall = Number.POSITIVE_INFINITY;
  const cpuStarted = process.cpuUsage();
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    work();
    wall = Math.min(wall, secondsSince(started));
  }
  const used = process.cpuUsage(cpuStarted);
  return { wall, cpu: (used.user + used.system) / 1e6 / runs };
}

/**
 * The recognition core over the metrics benchmark's quarter (500 people, 50 teams, ~500,000
 * events) plus weekly on-call shifts and 20,000 kudos messages:
 * - rule evaluation: all seven rules over the assembled model (what a projector runs after
 *   folding), reported as history events per second;
 * - end to end: the metrics' fold and assembly, the on-call fold, then the rules;
 * - kudos decisions, each against the ledger of those given before;
 * - building the RecognitionAwarded events (validated, as appended).
 */
export async function benchRecognition(): Promise<BenchResult[]> {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(metricsOrganizationYaml()), { at: '2025-01-01T00:00:00Z', by: 'bench' });
  const directory = Directory.empty().apply(planned.map(({ event }) => event));
  const history = metricsWorkload();
  const { shifts, kudosMessages } = recognitionExtras(history.length + 1);
  const events = [...history, ...shifts];

  let started = performance.now();
  const facts = foldEvents(events);
  const onCall = foldOnCall(events);
  const model = buildRecognitionModel(facts, onCall, directory);
  const foldAndAssemble = secondsSince(started);

  evaluateRules(model, directory); // warm-up: the timed runs measure optimized code
  let awards = evaluateRules(model, directory);
  const evaluate = fastest(3, () => {
    awards = evaluateRules(model, directory);
  });
  if (awards.length === 0) throw new Error('no award: the benchmark measured nothing');
  const byRule = new Map<string, number>();
  for (const award of awards) byRule.set(award.ruleId, (byRule.get(award.ruleId) ?? 0) + 1);

  started = performance.now();
  for (const award of awards) awardEvent(award);
  const appendReady = secondsSince(started);

  let given = 0;
  const decide = fastest(3, () => {
    const ledger = new KudosLedger();
    given = 0;
    for (const message of kudosMessages) {
      const decision = decideKudos({ origin: 'message', event: message as CanonicalEventOf<'MessagePosted'> }, { directory, history: ledger });
      if (decision.outcome === 'given') {
        ledger.record(decision.data);
        given += 1;
      }
    }
  });

  const perRule = [...byRule].map(([rule, count]) => `${rule} ${count}`).join(', ');
  return [
    { name: `recognition: evaluate 7 rules over ${events.length.toLocaleString('en-US')} events (${awards.length.toLocaleString('en-US')} awards: ${perRule})`, value: events.length / evaluate.wall, unit: 'events/s', target: '≥ 100,000/s' },
    { name: 'recognition: evaluate 7 rules, per CPU second (GC included)', value: events.length / evaluate.cpu, unit: 'events/s', target: '≥ 100,000/s' },
    { name: 'recognition: evaluate 7 rules, elapsed', value: evaluate.wall, unit: 's' },
    { name: 'recognition: fold + assemble the model (metrics facts, on-call facts)', value: foldAndAssemble, unit: 's' },
    { name: 'recognition: end to end (fold, assemble, evaluate)', value: events.length / (foldAndAssemble + evaluate.wall), unit: 'events/s' },
    { name: `recognition: build ${awards.length.toLocaleString('en-US')} RecognitionAwarded events (validated)`, value: awards.length / appendReady, unit: 'awards/s' },
    { name: `recognition: decide ${kudosMessages.length.toLocaleString('en-US')} kudos messages (${given.toLocaleString('en-US')} given)`, value: kudosMessages.length / decide.wall, unit: 'decisions/s' },
  ];
}
