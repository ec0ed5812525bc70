import { createHash } from 'node:crypto';
import { ProbeModule, PROBE_FAILURE_DETAIL } from '../testing/probe.harness.spec';
import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A valid document `depth` levels deep: `__type { fields { type { ofType { … { name } } } } } }`. */
function nestedQuery(depth: number): string {
  const ofTypes = depth - 4;
  return `{ __type(name: "Team") { fields { type { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } } } }`;
}

describe.each(DRIVERS)('GraphQL errors and limits (%s)', (driver) => {
  let api: ApiUnderTest;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ driver, modules: [ProbeModule] });
    token = await api.issueToken('admin');
  });

  afterAll(async () => {
    await api.close();
  });

  const codesOf = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.map((error) => error.extensions.code);

  it('answers an unparsable document 400 GRAPHQL_PARSE_FAILED', async () => {
    const response = await api.graphql('{ teams { slug ', { token });

    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(codesOf(response.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('answers an invalid document 400 GRAPHQL_VALIDATION_FAILED, every problem at once', async () => {
    const response = await api.graphql('{ teams { slug colour } viewer { nothing } }', { token });

    expect(response.status).toBe(400);
    expect(codesOf(response.body)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
  });

  it('answers variables of the wrong type 400 BAD_USER_INPUT', async () => {
    const wrongType = await api.graphql('query Q($first: Int) { apiTokens(first: $first) { edges { cursor } } }', { token, variables: { first: 'ten' } });
    const badScalar = await api.graphql('query Q($d: Duration!) { probeDoubled(duration: $d) }', { token, variables: { d: 'P1Y' } });

    expect([wrongType.status, codesOf(wrongType.body)]).toEqual([400, ['BAD_USER_INPUT']]);
    expect([badScalar.status, codesOf(badScalar.body)]).toEqual([400, ['BAD_USER_INPUT']]);
    expect(badScalar.body.errors?.[0].message).toContain('ISO 8601');
  });

  it('answers out-of-bounds arguments BAD_USER_INPUT from the field', async () => {
    const tooMany = await api.graphql('{ apiTokens(first: 101) { edges { cursor } } }', { token });
    const badCursor = await api.graphql('{ apiTokens(after: "bm90IGEgY3Vyc29y") { edges { cursor } } }', { token });

    expect(tooMany.status).toBe(200);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: ['apiTokens'], extensions: { code: 'BAD_USER_INPUT', argument: 'first', max: 100 } })]);
    expect(codesOf(badCursor.body)).toEqual(['BAD_USER_INPUT']);
  });

  it('masks an internal error: no message, no stack, only INTERNAL_SERVER_ERROR', async () => {
    const response = await api.graphql('query Failing { probeFailure }', { token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: null, errors: [{ message: 'internal server error', path: ['probeFailure'], locations: [{ line: 1, column: 17 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(JSON.stringify(response.body)).not.toContain(PROBE_FAILURE_DETAIL);
  });

  it('reads and writes Duration in ISO 8601', async () => {
    const response = await api.graphql('{ probeDoubled(duration: "PT45M") }', { token });

    expect(response.body).toEqual({ data: { probeDoubled: 'PT1H30M' } });
  });

  it('refuses a document nested deeper than 10 levels', async () => {
    expect((await api.graphql(nestedQuery(10), { token })).status).toBe(200);

    const response = await api.graphql(nestedQuery(11), { token });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ message: 'Query depth limit of 10 exceeded, found 11.', extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', max: 10 } }),
    ]);
  });

  it('refuses more than 30 aliases', async () => {
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, n) => `a${n}: viewer { role }`).join(' ')} }`;

    expect((await api.graphql(aliases(30), { token })).status).toBe(200);
    const response = await api.graphql(aliases(31), { token });
    expect([response.status, response.body.errors?.[0].extensions]).toEqual([400, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases', max: 30 }]);
  });

  it('refuses a document costing more than 5,000, pages counted at their size', async () => {
    const page = 'apiTokens(first: 100) { edges { node { id hint role teams createdAt revokedAt } } }';
    const wide = await api.graphql(`{ a: ${page} b: ${page} }`, { token });
    const longPage = await api.graphql('{ apiTokens(first: 1000) { edges { cursor } } }', { token });

    expect([wide.status, wide.body.errors?.[0].extensions]).toEqual([400, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', max: 5000 }]);
    expect([longPage.status, longPage.body.errors?.[0].extensions]).toEqual([400, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', max: 5000 }]);
  });

  it('refuses a document of more than 2,000 tokens before parsing it', async () => {
    const response = await api.graphql(`{ teams { ${'slug '.repeat(2_000)} } }`, { token });

    expect([response.status, codesOf(response.body)]).toEqual([400, ['QUERY_LIMIT_EXCEEDED']]);
  });

  it('refuses a body over 256 KiB with 413, declared or streamed', async () => {
    const query = `{ viewer { role } } ${'#'.repeat(256 * 1024)}`;
    const declared = await api.graphql(query, { token });
    const streamed = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: new Blob([JSON.stringify({ query })]).stream(),
      duplex: 'half',
    } as RequestInit);

    expect([declared.status, codesOf(declared.body)]).toEqual([413, ['PAYLOAD_TOO_LARGE']]);
    expect(streamed.status).toBe(413);
    expect(codesOf((await streamed.json()) as { errors?: { extensions: { code: string } }[] })).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('answers a body that is not JSON 400 BAD_REQUEST', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"query": "{ viewer { role } }"',
    });

    expect(response.status).toBe(400);
    expect(codesOf((await response.json()) as { errors?: { extensions: { code: string } }[] })).toEqual(['BAD_REQUEST']);
  });

  it('accepts automatic persisted queries: the hash alone once the query is known', async () => {
    const query = `query Persisted${driver} { viewer { role } }`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };

    const unknown = await api.graphql(undefined, { token, extensions: { persistedQuery } });
    expect([unknown.status, unknown.body.errors?.[0]]).toEqual([200, { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);

    expect((await api.graphql(query, { token, extensions: { persistedQuery } })).body).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    expect((await api.graphql(undefined, { token, extensions: { persistedQuery } })).body).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    const mismatch = await api.graphql('{ teams { slug } }', { token, extensions: { persistedQuery } });
    expect([mismatch.status, codesOf(mismatch.body)]).toEqual([400, ['BAD_REQUEST']]);
  });
});
