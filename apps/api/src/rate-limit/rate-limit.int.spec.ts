import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';

describe.each(DRIVERS)('the per-token rate limit (%s)', (driver) => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApi({ driver, env: { TANDEM_API_RATE_LIMIT: '0.5', TANDEM_API_RATE_BURST: '3', TANDEM_METRICS_PUBLIC: 'true' } });
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers 429 RATE_LIMITED with Retry-After once a token spent its burst, other tokens unaffected', async () => {
    const [busy, calm] = [await api.issueToken('member'), await api.issueToken('member')];
    const statuses = [];
    for (let request = 0; request < 4; request += 1) statuses.push((await api.graphql('{ viewer { role } }', { token: busy })).status);
    const limited = await api.graphql('{ viewer { role } }', { token: busy });

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toEqual({ errors: [{ message: expect.stringContaining('rate limit'), extensions: { code: 'RATE_LIMITED' } }] });
    expect((await api.graphql('{ viewer { role } }', { token: calm })).status).toBe(200);
  });

  it('lets anyone scrape /metrics with TANDEM_METRICS_PUBLIC=true', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(200);
  });
});
