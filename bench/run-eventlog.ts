// Runs the event log benchmark alone: `npx tsx bench/run-eventlog.ts`
// (Kafka from KAFKA_BROKERS, default 127.0.0.1:9092: start it with deploy/local/kafka/start.sh).
import { printResults } from './bench-result';
import { benchEventLog } from './eventlog.bench';

benchEventLog().then(printResults, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
