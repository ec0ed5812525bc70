// `npm run bench [-- name…]`: runs every benchmark (or the named ones) and prints its figures
// beside the raw baseline measured in the same run. Needs PostgreSQL (DATABASE_URL) and Kafka
// (KAFKA_BROKERS; `npm run bench` starts the local broker from deploy/local/kafka first).
import { BenchResult, printResults } from './bench-result';
import { benchDirectory } from './directory.bench';
import { benchEventLog } from './eventlog.bench';
import { benchEventStore } from './eventstore.bench';
import { benchGateway } from './gateway.bench';
import { benchRecorder } from './recorder.bench';
import { benchMetrics } from './metrics.bench';
import { benchRecognition } from './recognition.bench';
import { benchRecognitionFeed } from './recognition-feed.bench';
import { benchReports } from './reports.bench';
import { benchDemo } from './demo.bench';
import { benchApi } from './api.bench';
import { benchProjector } from './projector.bench';

const BENCHMARKS: Record<string, () => Promise<BenchResult[]>> = {
  eventstore: benchEventStore,
  eventlog: benchEventLog,
  directory: benchDirectory,
  gateway: benchGateway,
  recorder: benchRecorder,
  metrics: benchMetrics,
  recognition: benchRecognition,
  'recognition-feed': benchRecognitionFeed,
  reports: benchReports,
  api: benchApi,
  demo: benchDemo,
  projector: benchProjector,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  }
  for (const name of requested.length > 0 ? requested : Object.keys(BENCHMARKS)) {
    console.log(`\n## ${name}`);
    printResults(await BENCHMARKS[name]());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
