import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from '@tandem/testing';
import { BullMqJobs } from './bullmq-jobs';

/**
 * A private redis-server (never the shared one on 6379) with an append-only file in a tmp folder,
 * stopped and started again on the same port and folder while jobs wait and a worker runs.
 */
const REDIS_SERVER = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A bare RESP PING over a socket: no client library timers left behind while the server is down. */
async function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().trim());
    });
    socket.once('error', reject);
  });
}

class PrivateRedis {
  private process?: ChildProcess;

  constructor(
    readonly port: number,
    private readonly directory: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      REDIS_SERVER,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.directory, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
      { stdio: 'ignore' },
    );
    for (const deadline = Date.now() + 20_000; ; ) {
      if ((await ping(this.port).catch(() => '')) === '+PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${this.port} within 20 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGTERM: Redis flushes the append-only file and exits, as on a rolling restart. */
  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  }
}

describe('BullMqJobs across a Redis restart', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-redis-'));
  let redis: PrivateRedis;
  let jobs: BullMqJobs | undefined;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort(), directory);
    await redis.start();
  });
  afterAll(async () => {
    await jobs?.close();
    await redis.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps the jobs enqueued before the restart and runs them, with a worker that reconnects', async () => {
    jobs = new BullMqJobs({ url: redis.url, prefix: 'restart-test', shutdownTimeoutMs: 2_000 });
    const queue = jobs.queue<{ report: { period: string } }>('reports');
    const before = await queue.enqueue('report', { period: '2026-W48' }, { id: 'report-week-2026-11-23-all' });

    await redis.stop();
    await redis.start();

    const ran: string[] = [];
    await queue.work({ report: async ({ period }) => void ran.push(period) });
    await expectEventually(async () => expect((await queue.get(before))?.state).toBe('completed'), { timeoutMs: 30_000, intervalMs: 200 });

    // The worker lives through a second restart and takes new jobs afterwards.
    await redis.stop();
    await redis.start();
    const after = await queue.enqueue('report', { period: '2026-W49' }, { id: 'report-week-2026-11-30-all' });
    await expectEventually(async () => expect((await queue.get(after))?.state).toBe('completed'), { timeoutMs: 30_000, intervalMs: 200 });
    expect(ran).toEqual(['2026-W48', '2026-W49']);
  });
});
