import type { BenchResult } from './bench-result';
import { benchPostgresEventStore } from './eventstore-postgres.bench';
import { benchSqliteEventStore } from './eventstore-sqlite.bench';

/** Event store throughput and latency, each beside a raw-driver baseline measured in the same run. */
export async function benchEventStore(): Promise<BenchResult[]> {
  return [...(await benchPostgresEventStore()), ...(await benchSqliteEventStore())];
}
