import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { ArchivedDelivery } from '@tandem/archive';
import type { LogMessage } from '@tandem/eventlog';
import { expectEventually } from '@tandem/testing';
import { encodeWebhookEnvelope, envelopeLogHeaders, WEBHOOK_ENVELOPE_VERSION, WEBHOOK_SOURCES, type WebhookEnvelope, type WebhookSource } from '@tandem/webhooks';
import { webhookFixtures } from '../../../test/fixtures/webhook-fixtures';
import {
  archivedRows,
  eventsOf,
  IN_PROCESS_AND_SQLITE,
  KAFKA_AND_POSTGRES,
  readTopic,
  RecorderUnderTest,
  type Backend,
  type Delivery,
  type RecorderBackend,
} from './testing/recorder.harness.spec';
import { DEAD_LETTER_REASON_HEADER } from './webhook-recorder';

/*
 * Mutated real payloads through the running recorder: whatever a delivery holds, the recorder
 * never stops, and every delivery ends as events, ignored, or a dead letter with a known reason.
 * A property run per delivery on the embedded backend; the same kind of sample in one stream on
 * Kafka and PostgreSQL, whose jsonb refuses what SQLite takes (NUL), so refusals are met for real.
 */

const SEED = 20261130;
const RUNS = 120;
const KAFKA_SAMPLE = 60;
const REASONS = ['MALFORMED', 'UNKNOWN_EVENT_TYPE', 'SCHEMA_DRIFT', 'INVALID_ENVELOPE', 'NORMALIZER_FAILED', 'STORE_REJECTED'];
const DEPTH = 10_000;
const DEEP_MARKER = '__tandem_fuzz_deep_nesting__';
const DEEP_JSON = `${'{"a":['.repeat(DEPTH / 2)}1${']}'.repeat(DEPTH / 2)}`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** The event header GitHub and GitLab send, which their normalizers route on. */
function vendorHeaders(source: WebhookSource, name: string, body: Json): Record<string, string> {
  if (source === 'github') return { 'x-github-event': name.split('__')[0] };
  const kind = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.object_kind : undefined;
  if (source === 'gitlab' && typeof kind === 'string') {
    return { 'x-gitlab-event': `${kind.split('_').map((word) => word[0].toUpperCase() + word.slice(1)).join(' ')} Hook` };
  }
  return {};
}

const corpus = WEBHOOK_SOURCES.flatMap((source) =>
  webhookFixtures(source).map((fixture) => {
    const body = JSON.parse(fixture.body.toString('utf8')) as Json;
    return { source, body, headers: vendorHeaders(source, fixture.name, body) };
  }),
);

function memberPaths(root: Json, limit = 500): Path[] {
  const paths: Path[] = [];
  const queue: { value: Json; path: Path }[] = [{ value: root, path: [] }];
  while (queue.length > 0 && paths.length < limit) {
    const { value, path } = queue.shift() as { value: Json; path: Path };
    if (path.length > 0) paths.push(path);
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) queue.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
    }
  }
  return paths;
}

type Mutation =
  | { kind: 'drop' | 'deepNesting'; at: number }
  | { kind: 'retype'; at: number; value: Json }
  | { kind: 'hugeString'; at: number; length: number }
  | { kind: 'nul'; at: number }
  | { kind: 'loneSurrogate'; at: number }
  | { kind: 'invalidUtf8'; offset: number; bytes: readonly number[] }
  | { kind: 'envelope'; change: 'version' | 'source' | 'noBody' | 'bodyNotString' };

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'deepNesting' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as Json) }),
  fc.record({ kind: fc.constant('hugeString' as const), at: fc.nat(), length: fc.integer({ min: 10_000, max: 300_000 }) }),
  fc.record({ kind: fc.constantFrom('nul' as const, 'loneSurrogate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('invalidUtf8' as const), offset: fc.nat(), bytes: fc.constantFrom([0x80], [0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80]) }),
  fc.record({ kind: fc.constant('envelope' as const), change: fc.constantFrom('version' as const, 'source' as const, 'noBody' as const, 'bodyNotString' as const) }),
);

const deliveries: fc.Arbitrary<Delivery> = fc
  .record({ original: fc.constantFrom(...corpus), mutation: mutations })
  .map(({ original, mutation }) => mutated(original, mutation));

/** One mutated delivery as a log message; the envelope's ids stay readable from its log headers. */
function mutated(original: (typeof corpus)[number], mutation: Mutation): Delivery {
  const body = structuredClone(original.body);
  const paths = memberPaths(body);
  if ('at' in mutation && paths.length > 0) {
    const path = paths[mutation.at % paths.length];
    let parent = body as Record<string | number, Json>;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
    const key = path[path.length - 1];
    const replacement: Record<Exclude<Mutation['kind'], 'drop' | 'invalidUtf8' | 'envelope'>, () => Json> = {
      retype: () => (mutation.kind === 'retype' ? mutation.value : null),
      hugeString: () => 'x'.repeat(mutation.kind === 'hugeString' ? mutation.length : 0),
      deepNesting: () => DEEP_MARKER,
      nul: () => `${String(parent[key])}\u0000`,
      loneSurrogate: () => `${String(parent[key])}\ud800`,
    };
    if (mutation.kind === 'drop') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else parent[key] = replacement[mutation.kind]();
  }
  const text = JSON.stringify(body).replace(`"${DEEP_MARKER}"`, DEEP_JSON);
  const envelope: WebhookEnvelope = {
    version: WEBHOOK_ENVELOPE_VERSION,
    source: original.source,
    deliveryId: randomUUID(),
    receivedAt: new Date().toISOString(),
    correlationId: randomUUID(),
    headers: original.headers,
    body: text,
  };
  const headers = envelopeLogHeaders(envelope);
  const key = `${original.source}:fuzz`;
  let value = encodeWebhookEnvelope(envelope);
  if (mutation.kind === 'invalidUtf8') {
    // Raw bytes spliced inside the body, after the header line: the header stays JSON, the body is not UTF-8.
    const bodyStart = value.indexOf('\n') + 1;
    const at = bodyStart + (mutation.offset % Math.max(1, value.length - 2 - bodyStart));
    value = Buffer.concat([value.subarray(0, at), Buffer.from(mutation.bytes), value.subarray(at)]);
  }
  if (mutation.kind === 'envelope') {
    // A version 1 document (one JSON object) broken in one field.
    const broken: Record<string, unknown> = { ...envelope, version: 1 };
    if (mutation.change === 'version') broken.version = 3;
    if (mutation.change === 'source') broken.source = 'myspace';
    if (mutation.change === 'noBody') delete broken.body;
    if (mutation.change === 'bodyNotString') broken.body = original.body;
    value = Buffer.from(JSON.stringify(broken));
  }
  const message: LogMessage = { key, value, headers };
  return { envelope, message };
}

/** Every delivery ended somewhere that explains it, and the recorder kept going. */
async function expectAccountedFor(backend: Backend, recorder: RecorderUnderTest, dlq: Awaited<ReturnType<typeof readTopic>>, sample: Delivery[]) {
  let rows: ArchivedDelivery[] = [];
  await expectEventually(
    async () => {
      rows = await archivedRows(backend.archive, sample);
      expect(rows).toHaveLength(sample.length);
    },
    { timeoutMs: 60_000, intervalMs: 50 },
  );
  expect(recorder.failures).toEqual([]);
  const recorded = new Set((await eventsOf(backend.eventStore, sample)).map((event) => event.metadata.sourceDeliveryId));
  for (const row of rows) {
    if (row.outcome === 'recorded') expect(recorded.has(row.deliveryId)).toBe(true);
    else expect(recorded.has(row.deliveryId)).toBe(false);
    if (row.outcome === 'dead_lettered') expect(REASONS).toContain(row.reason);
    if (row.outcome === 'ignored') expect(row.reason).toEqual(expect.any(String));
  }
  const deadLettered = rows.filter((row) => row.outcome === 'dead_lettered');
  await expectEventually(
    () => {
      const letters = dlq.received.filter((letter) => deadLettered.some((row) => row.deliveryId === letter.headers['tandem-delivery-id']));
      expect(letters.map((letter) => letter.headers[DEAD_LETTER_REASON_HEADER]).sort()).toEqual(deadLettered.map((row) => row.reason).sort());
    },
    { timeoutMs: 30_000 },
  );
}

/** One backend, one recorder and a reader of its dead-letter topic for a whole describe block. */
function fuzzedRecorder(definition: RecorderBackend) {
  const subject = {} as { backend: Backend; recorder: RecorderUnderTest; dlq: Awaited<ReturnType<typeof readTopic>> };
  beforeAll(async () => {
    subject.backend = await definition.open();
    subject.recorder = await new RecorderUnderTest(subject.backend).start();
    subject.dlq = await readTopic(subject.backend.eventLog, subject.recorder.deadLetterTopic);
  }, 60_000);
  afterAll(async () => {
    await subject.dlq?.stop();
    await subject.recorder?.stop();
    await subject.backend?.dispose();
  });
  return subject;
}

describe(`the recorder fuzzed with mutated real payloads on ${IN_PROCESS_AND_SQLITE.name}`, () => {
  const subject = fuzzedRecorder(IN_PROCESS_AND_SQLITE);

  it('never stops, and accounts for every delivery, one at a time', async () => {
    const { backend, recorder, dlq } = subject;
    await fc.assert(
      fc.asyncProperty(deliveries, async (delivery) => {
        await recorder.publish([delivery]);
        await expectAccountedFor(backend, recorder, dlq, [delivery]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});

describe(`the recorder fuzzed with mutated real payloads on ${KAFKA_AND_POSTGRES.name}`, () => {
  const subject = fuzzedRecorder(KAFKA_AND_POSTGRES);

  it('never stops, and accounts for every delivery of a mutated stream', async () => {
    const { backend, recorder, dlq } = subject;
    const sample = fc.sample(deliveries, { seed: SEED, numRuns: KAFKA_SAMPLE });
    // One by one: a produce request is bounded by the broker's message size, and some samples are large.
    for (const delivery of sample) await recorder.publish([delivery]);
    await expectAccountedFor(backend, recorder, dlq, sample);
  }, 300_000);
});
