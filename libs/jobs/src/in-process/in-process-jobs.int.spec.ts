import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from '@tandem/testing';
import { jobsContract, uniqueQueueName } from '../contract/jobs.contract';
import { InProcessJobs } from './in-process-jobs';

const directory = mkdtempSync(join(tmpdir(), 'tandem-jobs-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// One file per test: the backends a test opens share it, like two schedulers sharing a data folder.
let file = '';
beforeEach(() => {
  file = join(directory, `${uniqueQueueName('jobs')}.sqlite`);
});

jobsContract('InProcessJobs', {
  createJobs: ({ metrics, shutdownTimeoutMs }) => new InProcessJobs({ path: file, metrics, shutdownTimeoutMs, pollIntervalMs: 100 }),
});

describe('InProcessJobs across a process restart', () => {
  it('keeps waiting jobs and schedules, and runs a job a crashed process left running', async () => {
    const before = new InProcessJobs({ path: file });
    const queue = before.queue<{ echo: { text: string } }>('reports');
    const waiting = await queue.enqueue('echo', { text: 'enqueued before the restart' }, { id: 'waiting-job' });
    const running = await queue.enqueue('echo', { text: 'running at the crash' }, { id: 'running-job' });
    await queue.schedule({ id: 'daily', cron: '30 2 * * *', timezone: 'Europe/Paris' }, 'echo', { text: 'daily' });
    // A worker that never finishes stands for the process dying mid-job: it is never stopped.
    let hung = 0;
    const crashed = new InProcessJobs({ path: file, pollIntervalMs: 50, shutdownTimeoutMs: 10 });
    await crashed.queue<{ echo: { text: string } }>('reports').work({ echo: () => new Promise(() => void hung++) });
    await expectEventually(() => expect(hung).toBe(1));
    await before.close();

    const after = new InProcessJobs({ path: file, pollIntervalMs: 50 });
    try {
      const reopened = after.queue<{ echo: { text: string } }>('reports');
      expect(await reopened.schedules()).toEqual([{ id: 'daily', cron: '30 2 * * *', timezone: 'Europe/Paris' }]);
      const seen: string[] = [];
      await reopened.work({ echo: async ({ text }) => void seen.push(text) });
      await expectEventually(async () => {
        expect((await reopened.get(waiting))?.state).toBe('completed');
        expect((await reopened.get(running))?.state).toBe('completed');
      });
      expect(seen.sort()).toEqual(['enqueued before the restart', 'running at the crash']);
    } finally {
      await after.close();
      await crashed.close(); // only now: its lease on the job it hung on is long gone
    }
  });
});
