import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { WEBHOOK_SOURCES, type WebhookSource } from '@tandem/webhooks';
import { webhookFixtures, type WebhookFixture } from '../../../test/fixtures/webhook-fixtures';
import { signedHeaders, startGateway, type GatewayUnderTest } from './testing/gateway.harness.spec';

/*
 * Property-based fuzzing of the gateway with mutated real payloads, every one correctly signed:
 * the gateway must never fail (5xx) except 503 while the log is unavailable. A body that is still
 * UTF-8 JSON within the limit is accepted (202): making sense of it is the recorder's job; the
 * rest gets a 4xx that says why. Runs against the in-memory test double of the EventLog port.
 */

const SEED = 20240501;
const RUNS = 300;
const BODY_LIMIT = 1024 * 1024;
const DEPTH = 10_000;
const HANDSHAKE = 'zulip__challenge_handshake_payload';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every member path of a JSON value, breadth first, as far as the fuzzer needs to reach. */
function memberPaths(root: Json, limit = 2_000): Path[] {
  const paths: Path[] = [];
  const queue: { value: Json; path: Path }[] = [{ value: root, path: [] }];
  while (queue.length > 0 && paths.length < limit) {
    const { value, path } = queue.shift() as { value: Json; path: Path };
    if (path.length > 0) paths.push(path);
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        queue.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
      }
    }
  }
  return paths;
}

function parentOf(root: Json, path: Path): { parent: Record<string | number, Json> | Json[]; key: string | number } {
  let parent = root as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  return { parent, key: path[path.length - 1] };
}

/** 10,000 levels of alternating objects and arrays, written as text: JSON.stringify would recurse. */
const DEEP_MARKER = '__tandem_fuzz_deep_nesting__';
const DEEP_JSON = `${'{"a":['.repeat(DEPTH / 2)}1${']}'.repeat(DEPTH / 2)}`;

type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'retype'; at: number; value: Json }
  | { kind: 'hugeString'; at: number; character: string; length: number }
  | { kind: 'deepNesting'; at: number }
  | { kind: 'invalidUtf8'; offset: number; bytes: readonly number[] }
  | { kind: 'truncate'; keep: number }
  | { kind: 'empty' };

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('retype' as const),
    at: fc.nat(),
    // Round-tripped so that the value is plain JSON (no -0, no undefined members).
    value: fc.jsonValue({ maxDepth: 2 }).map((value): Json => JSON.parse(JSON.stringify(value)) as Json),
  }),
  fc.record({
    kind: fc.constant('hugeString' as const),
    at: fc.nat(),
    character: fc.constantFrom('x', 'é', '€', '𝄞', '"', '\\', '\u0000'),
    length: fc.integer({ min: 10_000, max: 600_000 }),
  }),
  fc.record({ kind: fc.constant('deepNesting' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('invalidUtf8' as const),
    offset: fc.nat(),
    // A lone continuation byte, bytes never valid, a truncated sequence, an encoded surrogate.
    bytes: fc.constantFrom([0x80], [0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80]),
  }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
  fc.constant({ kind: 'empty' as const }),
);

function mutate(fixture: WebhookFixture, mutation: Mutation): Buffer {
  if (mutation.kind === 'empty') return Buffer.alloc(0);
  if (mutation.kind === 'truncate') return fixture.body.subarray(0, mutation.keep % fixture.body.length);
  if (mutation.kind === 'invalidUtf8') {
    const offset = mutation.offset % (fixture.body.length + 1);
    return Buffer.concat([fixture.body.subarray(0, offset), Buffer.from(mutation.bytes), fixture.body.subarray(offset)]);
  }
  const root = JSON.parse(fixture.body.toString('utf8')) as Json;
  const paths = memberPaths(root);
  if (paths.length === 0) return fixture.body;
  const { parent, key } = parentOf(root, paths[mutation.at % paths.length]);
  const set = (value: Json) => ((parent as Record<string | number, Json>)[key] = value);
  switch (mutation.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'retype':
      set(mutation.value);
      break;
    case 'hugeString':
      set(mutation.character.repeat(mutation.length));
      break;
    case 'deepNesting':
      set(DEEP_MARKER);
      return Buffer.from(JSON.stringify(root).replace(`"${DEEP_MARKER}"`, DEEP_JSON));
  }
  return Buffer.from(JSON.stringify(root));
}

/** What the gateway must answer for a signed body, judged independently of its code. */
function allowedStatuses(fixture: WebhookFixture, body: Buffer, logUnavailable: boolean): number[] {
  if (body.length > BODY_LIMIT) return [413];
  if (!isUtf8(body)) return [400];
  try {
    JSON.parse(body.toString('utf8'));
  } catch {
    return [400];
  }
  const accepted = logUnavailable ? 503 : 202;
  // The handshake may survive a mutation (200 with the challenge) or become an ordinary event.
  return fixture.name === HANDSHAKE ? [200, accepted] : [accepted];
}

interface AnswerBody {
  deliveryId?: unknown;
  challenge?: unknown;
  error?: { code?: unknown; message?: unknown };
}

/** What every answer must carry: the delivery id, the challenge, or the reason of a refusal. */
function explanationOf(answer: { status: number; body: AnswerBody }): unknown {
  if (answer.status === 202) return answer.body.deliveryId;
  return answer.status === 200 ? answer.body.challenge : answer.body.error?.message;
}

const ALL_FIXTURES = WEBHOOK_SOURCES.flatMap((source) => webhookFixtures(source));
let deliveryCounter = 0;

/** Signed as the vendor signs, with a fresh delivery id so that each case reaches the log. */
function deliveryHeaders(source: WebhookSource, body: Buffer): Record<string, string> {
  deliveryCounter += 1;
  const deliveryId = `fuzz-${deliveryCounter}`;
  const vendorIds: Partial<Record<WebhookSource, Record<string, string>>> = {
    github: { 'x-github-delivery': deliveryId },
    gitlab: { 'idempotency-key': deliveryId },
    pagerduty: { 'x-webhook-id': deliveryId },
    jira: { 'x-atlassian-webhook-identifier': deliveryId },
  };
  return { ...signedHeaders(source, body, { deliveryId }), ...vendorIds[source] };
}

describe('the gateway under mutated, correctly signed payloads', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterAll(async () => {
    await gateway.close();
  });

  async function deliver(fixture: WebhookFixture, body: Buffer) {
    const response = await gateway.app.inject({
      method: 'POST',
      url: `/webhooks/${fixture.source}`,
      headers: deliveryHeaders(fixture.source, body),
      payload: body,
    });
    return { status: response.statusCode, body: response.json<AnswerBody>() };
  }

  it('never fails: 202 for JSON, a 4xx with a reason otherwise, 503 only while the log is down', async () => {
    // Ids read from bodies (Slack's event_id, Opsgenie's alert…) repeat across mutations: duplicates.
    const publishedIds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_FIXTURES), mutations, fc.boolean(), async (fixture, mutation, logUnavailable) => {
        const body = mutate(fixture, mutation);
        gateway.eventLog.published.length = 0;
        if (logUnavailable) gateway.eventLog.makeUnavailable();
        else gateway.eventLog.makeAvailable();

        const answer = await deliver(fixture, body);

        const deliveryId = String(answer.body.deliveryId);
        const isDuplicate = answer.status === 202 && publishedIds.has(deliveryId);
        const isNew = answer.status === 202 && !isDuplicate;
        if (isNew) publishedIds.add(deliveryId);

        // A duplicate of a delivery already on the log is answered 202 even while the log is down.
        expect(allowedStatuses(fixture, body, logUnavailable && !isDuplicate)).toContain(answer.status);
        expect(typeof explanationOf(answer)).toBe('string');
        expect(gateway.eventLog.published.map(({ headers }) => headers?.['tandem-delivery-id'])).toEqual(isNew ? [deliveryId] : []);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each(WEBHOOK_SOURCES)('accepts a %s payload with a member nested 10,000 levels deep', async (source) => {
    gateway.eventLog.makeAvailable();
    const fixture = webhookFixtures(source).find(({ name }) => name !== HANDSHAKE) as WebhookFixture;
    const body = mutate(fixture, { kind: 'deepNesting', at: 0 });

    expect(body.toString('utf8')).toContain(DEEP_JSON);
    expect((await deliver(fixture, body)).status).toBe(202);
  });
});
