import fc from 'fast-check';
import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';

/*
 * Hostile and malformed requests, generated: whatever arrives, the API answers with a GraphQL
 * error and a status below 500 (or with data), and keeps serving. Fixed seed, bounded runs.
 */

const SEED = 20_261_130;
const RUNS = 150;

interface HostileRequest {
  contentType?: string;
  body: string;
}

const json = (value: unknown): HostileRequest => ({ contentType: 'application/json', body: JSON.stringify(value) });
const document = (query: string, extra: Record<string, unknown> = {}): HostileRequest => json({ query, ...extra });

const deepNesting = fc.integer({ min: 1, max: 60_000 }).map((depth) => document(`${'{ teams '.repeat(depth)}{ slug }${' }'.repeat(depth)}`));
const aliasBomb = fc.integer({ min: 1, max: 20_000 }).map((count) => document(`{ ${Array.from({ length: count }, (_, n) => `a${n}: teams { slug }`).join(' ')} }`));
const hugeList = fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 53)).map((first) => document(`{ apiTokens(first: ${first}) { edges { cursor } } }`));
const fragmentCycle = fc.constant(document('fragment A on Query { ...B teams { slug } } fragment B on Query { ...A } { ...A }'));
const directiveBomb = fc.integer({ min: 1, max: 20_000 }).map((count) => document(`{ viewer { role ${'@include(if: true) '.repeat(count)} } }`));
const wrongVariables = fc
  .record({ first: fc.jsonValue({ maxDepth: 3 }), after: fc.jsonValue({ maxDepth: 3 }), duration: fc.jsonValue({ maxDepth: 2 }) })
  .map((variables) =>
    document('query Q($first: Int, $after: String, $duration: Duration!) { apiTokens(first: $first, after: $after) { edges { cursor } } }', { variables }),
  );
const randomDocument = fc.string({ unit: 'binary', maxLength: 2_000 }).map((query) => document(query));
const graphqlishDocument = fc
  .array(fc.constantFrom('{', '}', '(', ')', 'teams', 'viewer', 'role', 'members', 'apiTokens', 'first:', '$x', '...', 'on', 'query', '"', '#', '@include', '\u0000', ':', ','), { maxLength: 400 })
  .map((tokens) => document(tokens.join(' ')));
const wrongShapes = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map(json),
  fc.record({ query: fc.jsonValue({ maxDepth: 2 }), variables: fc.jsonValue({ maxDepth: 2 }), operationName: fc.jsonValue({ maxDepth: 1 }) }).map(json),
  fc.array(fc.constant({ query: '{ viewer { role } }' }), { minLength: 1, maxLength: 50 }).map(json),
  fc.record({ extensions: fc.record({ persistedQuery: fc.record({ version: fc.jsonValue(), sha256Hash: fc.jsonValue() }) }) }).map(json),
);
const invalidJson = fc.string({ maxLength: 2_000 }).map((body) => ({ contentType: 'application/json', body: `{"query": ${body}` }));
const oddContentTypes = fc
  .record({ contentType: fc.constantFrom(undefined, 'text/plain', 'application/graphql', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=latin1'), body: fc.string({ maxLength: 500 }) })
  .map(({ contentType, body }) => ({ contentType, body }));

const hostileRequests: fc.Arbitrary<HostileRequest> = fc.oneof(
  deepNesting,
  aliasBomb,
  hugeList,
  fragmentCycle,
  directiveBomb,
  wrongVariables,
  randomDocument,
  graphqlishDocument,
  wrongShapes,
  invalidJson,
  oddContentTypes,
);

describe.each(DRIVERS)('hostile requests (%s)', (driver) => {
  let api: ApiUnderTest;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ driver });
    token = await api.issueToken('admin');
  });

  afterAll(async () => {
    await api.close();
  });

  it('never get a 5xx: a GraphQL error with a 4xx (or data with a 200), and the API keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(hostileRequests, async ({ contentType, body }) => {
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
          body,
        });
        const answer = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };

        const refusals = response.status === 200 ? [] : (answer.errors ?? []);

        expect(response.status).toBeLessThan(500);
        // A refusal says why, with one of the stable codes (never a masked internal error).
        expect(response.status === 200 || refusals.length > 0).toBe(true);
        expect(refusals.filter((error) => typeof error.extensions?.code !== 'string' || error.extensions.code === 'INTERNAL_SERVER_ERROR')).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );

    expect((await api.graphql('{ viewer { role } }', { token })).body).toEqual({ data: { viewer: { role: 'ADMIN' } } });
  });
});
