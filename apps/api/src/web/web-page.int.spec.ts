import { CONTENT_SECURITY_POLICY } from './web-page.controller';
import { DRIVERS, startApi, type ApiUnderTest } from '../testing/api.harness.spec';

/**
 * The web page's files as the API serves them, under both GraphQL drivers: without a token (the
 * page holds no data), with the security headers, revalidated by ETag, and compressed; while
 * `/graphql`, `/metrics` and `/health/*` answer as before.
 */
describe.each(DRIVERS)('the web page files (%s)', (driver) => {
  let api: ApiUnderTest;

  beforeAll(async () => {
    api = await startApi({ driver });
  });

  afterAll(async () => {
    await api.close();
  });

  it('serves the page at / without a token, with its security headers and no data', async () => {
    const response = await fetch(`${api.url}/`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(html).toContain('<script type="module" src="/web/app.js"></script>');
    // The organisation's teams are in the event store, never in the page.
    expect(html).not.toMatch(/Payments|Site Reliability/);
  });

  it('serves the modules compressed, revalidated by ETag (304), and 404 for anything else', async () => {
    const first = await fetch(`${api.url}/web/overview.js`, { headers: { 'accept-encoding': 'br' } });
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${api.url}/web/overview.js`, { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    const plain = await fetch(`${api.url}/web/overview.js`, { headers: { 'accept-encoding': 'identity' } });

    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(first.headers.get('content-encoding')).toBe('br');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('vary')).toBe('Accept-Encoding');
    expect(await first.text()).toContain('export async function renderOverview');
    expect(again.status).toBe(304);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('etag')).not.toBe(etag);
    expect(await (await fetch(`${api.url}/web/graphql-ws.min.js`)).text()).toContain('graphql-transport-ws');
    expect((await fetch(`${api.url}/web/no-such-file.js`)).status).toBe(404);
    expect((await fetch(`${api.url}/web/..%2Fsrc%2Fweb%2Fweb-assets.ts`)).status).toBe(404);
  });

  it('leaves /graphql, /metrics and /health as they were: no token, no data', async () => {
    const graphql = await api.graphql('query { teams { slug } }');
    expect(graphql.status).toBe(401);
    expect(graphql.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${api.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  });
});
