/**
 * `tandem start` as a newcomer runs it (the compiled Tandem, in its own folder): it must answer an
 * authenticated GraphQL query within 10 s of being launched on this kind of machine (two cores),
 * say once, in one line, that it is ready and where, and stop cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { builtTandem, type BuiltTandem } from './support/built-tandem';
import { cleanEnv, freePort, runTandem, TandemProcess } from './support/tandem-process';

const STARTS_WITHIN_MS = 10_000;

const ORGANIZATION_YAML = `organization: { name: Start Time, timezone: UTC }
teams:
  - { slug: web, name: Web, kind: dev }
people:
  - { id: ada, name: Ada, identities: { github: ada-gh }, memberships: [ { team: web, from: 2025-01-01 } ] }
`;

describe('tandem start', () => {
  let tandem: BuiltTandem;
  let folder: string;
  let started: TandemProcess | undefined;

  beforeAll(async () => {
    tandem = await builtTandem();
    folder = mkdtempSync(join(tmpdir(), 'tandem-start-e2e-'));
    writeFileSync(join(folder, 'tandem.yaml'), ORGANIZATION_YAML);
  }, 300_000);

  afterAll(async () => {
    started?.kill();
    await started?.exited;
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('answers GraphQL within 10 s of launch, logs one ready line with its URL, and exits 0 on SIGTERM', async () => {
    // Run from the folder, on its defaults (./tandem.yaml, ./data), as the README tells a newcomer.
    const env = cleanEnv({ LOG_LEVEL: 'info' });
    const created = await runTandem(tandem.cli, ['token', 'create', '--role', 'member'], env, { cwd: folder });
    expect(created.code).toBe(0);
    const token = created.stdout.at(-1) ?? '';
    expect(token).toMatch(/^tdm_/);
    const port = await freePort();

    const launchedAt = performance.now();
    started = new TandemProcess('tandem start', tandem.cli, ['start', '--port', String(port)], env, folder);
    const answeredAt = await firstAnswer(`http://127.0.0.1:${port}/graphql`, token, started);
    const elapsed = answeredAt - launchedAt;
    process.stdout.write(`tandem start answered GraphQL ${(elapsed / 1000).toFixed(1)} s after launch\n`);

    expect(elapsed).toBeLessThanOrEqual(STARTS_WITHIN_MS);
    const ready = started.output.filter((line) => line.includes('ready at'));
    expect(ready).toHaveLength(1);
    expect(ready[0]).toContain(`http://127.0.0.1:${port}`);
    expect(await started.stop('SIGTERM')).toBe(0);
  }, 120_000);
});

/** Polls `teams` until it is answered with data; the instant it was. */
async function firstAnswer(url: string, token: string, server: TandemProcess): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ teams { slug } }' }),
      });
      const body = (await response.json()) as { data?: { teams: { slug: string }[] } };
      if (response.status === 200 && body.data) return performance.now();
    } catch {
      // Not listening yet.
    }
    if (server.hasExited) throw new Error(`tandem start exited before answering. Its output:\n${server.tail()}`);
    await delay(100);
  }
}
