/**
 * `tandem start` on a port another program holds: exit code 1, one sentence that says what to do
 * (no stack trace), and a data folder a second try can use.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@tandem/eventstore';
import { runCli } from '../cli';

describe('tandem start on a port in use', () => {
  let dataDir: string;
  let squatter: Server;
  let port: number;
  const environment = { ...process.env };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-start-int-'));
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    port = (squatter.address() as { port: number }).port;
    writeFileSync(join(dataDir, 'tandem.yaml'), 'organization: { name: Start, timezone: UTC }\nteams: []\npeople: []\n');
    process.env.LOG_LEVEL = 'silent';
  });

  afterAll(async () => {
    process.env = environment;
    await new Promise((resolve) => squatter.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 1 with one sentence naming the port and what to do, and leaves the data folder usable', async () => {
    const stderr: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
    try {
      await runCli(['node', 'tandem', 'start', '--data', dataDir, '--config', join(dataDir, 'tandem.yaml'), '--port', String(port)]);
    } finally {
      spy.mockRestore();
    }
    expect(process.exitCode).toBe(1);
    process.exitCode = undefined;
    expect(stderr.join('')).toBe(`tandem: Port ${port} on 127.0.0.1 is already in use: stop what is using it, or choose another port with --port N (env PORT).\n`);

    // A second try (on a free port) finds the store as it was: empty, and openable.
    const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
    try {
      expect(await store.headPosition()).toBe(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});
