// The demo generator's throughput: how fast a seeded organisation's activity is rendered as vendor
// deliveries, and how fast the normalizers read them. Runs alone with `npx tsx bench/demo.bench.ts`.
import { performance } from 'node:perf_hooks';
import { generateDemo, type DemoScale } from '@tandem/demo';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS } from '@tandem/sources';
import { WEBHOOK_ENVELOPE_VERSION, type WebhookEnvelope } from '@tandem/webhooks';
import { BenchResult, printResults } from './bench-result';

const UNTIL = new Date('2026-03-02T12:00:00.000Z');

function generation(scale: DemoScale): BenchResult[] {
  const started = performance.now();
  let deliveries = 0;
  let bytes = 0;
  let events = 0;
  for (const delivery of generateDemo({ seed: 42, scale, until: UNTIL }).deliveries()) {
    deliveries++;
    bytes += delivery.body.length;
    events += delivery.expectedEvents.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return [
    { name: `demo ${scale}: deliveries generated`, value: deliveries, unit: 'deliveries' },
    { name: `demo ${scale}: events they mean`, value: events, unit: 'events' },
    { name: `demo ${scale}: generation rate`, value: deliveries / seconds, unit: 'deliveries/s' },
    { name: `demo ${scale}: body bytes rate`, value: bytes / 1e6 / seconds, unit: 'MB/s' },
  ];
}

function normalization(): BenchResult {
  const envelopes = [...generateDemo({ seed: 42, scale: 'small', until: UNTIL, weeks: 2 }).deliveries()].map((delivery): WebhookEnvelope => ({
    version: WEBHOOK_ENVELOPE_VERSION,
    source: delivery.source,
    deliveryId: delivery.deliveryId,
    receivedAt: delivery.at,
    correlationId: delivery.deliveryId,
    headers: delivery.headers,
    body: delivery.body.toString('utf8'),
  }));
  const started = performance.now();
  for (const envelope of envelopes) NORMALIZERS[envelope.source](envelope, DEFAULT_NORMALIZER_SETTINGS);
  return { name: 'demo small: normalized by NORMALIZERS', value: envelopes.length / ((performance.now() - started) / 1000), unit: 'deliveries/s' };
}

export async function benchDemo(): Promise<BenchResult[]> {
  return [...generation('small'), normalization(), ...generation('year')];
}

if (require.main === module) {
  benchDemo()
    .then(printResults)
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
