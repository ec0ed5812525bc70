/**
 * `tandem demo` end to end: the embedded mode started for real, the demo organisation applied, and a
 * week of the demo sent through the real gateway over HTTP into the recorder and the SQLite event
 * store. The store must then hold the organisation and exactly the events the deliveries mean; a
 * second run on the same data folder must add none. (In-process: the command as the CLI runs it,
 * without the Ctrl-C.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '@tandem/demo';
import { SqliteEventStore } from '@tandem/eventstore';
import { runDemo, type DemoCommandOptions } from './demo';

/** Runs the demo; `whileServing` looks at the server before it is stopped (as Ctrl-C would). */
async function demoOutput(options: DemoCommandOptions, whileServing: (url: string, output: string) => Promise<void> = async () => undefined): Promise<string> {
  const lines: string[] = [];
  const running = await runDemo(options, { env: { ...process.env, LOG_LEVEL: 'warn' }, say: (line) => lines.push(line) });
  try {
    await whileServing(running.url, lines.join('\n'));
  } finally {
    await running.stop();
  }
  return lines.join('\n');
}

async function eventsBySource(dataDir: string): Promise<{ total: number; bySource: Record<string, number> }> {
  const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
  try {
    const bySource: Record<string, number> = {};
    let total = 0;
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, limit: 5_000 });
      for (const event of page) bySource[event.metadata.source] = (bySource[event.metadata.source] ?? 0) + 1;
      total += page.length;
      if (page.length < 5_000) return { total, bySource };
      after = page[page.length - 1].globalPosition;
    }
  } finally {
    await store.close();
  }
}

describe('tandem demo', () => {
  let dataDir: string;

  beforeAll(() => {
    // A RAM-backed folder where the machine has one: every delivery costs three synchronous SQLite
    // commits (log, archive, store), and this test is about what is recorded, not about disk speed.
    dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tandem-demo-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the organisation and every event of the deliveries it sends, and nothing more when run again', async () => {
    const options: DemoCommandOptions = { seed: 42, scale: 'small', weeks: 1, port: 0, data: dataDir };
    let metricsStatus = 0;
    const first = await demoOutput(options, async (url, output) => {
      const token = /admin token for the demo: (\S+)/.exec(output)?.[1] ?? '';
      metricsStatus = (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status;
    });

    // The same demo, generated here: the story's end was pinned in the data folder by the run.
    const { until } = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as { until: string };
    const expected: Record<string, number> = {};
    for (const delivery of generateDemo({ seed: 42, scale: 'small', weeks: 1, until: new Date(until) }).deliveries()) {
      if (delivery.expectedEvents.length > 0) expected[delivery.source] = (expected[delivery.source] ?? 0) + delivery.expectedEvents.length;
    }
    const stored = await eventsBySource(dataDir);
    const { 'tandem.yaml': directoryEvents, ...webhookEvents } = stored.bySource;
    expect(directoryEvents).toBeGreaterThan(1_000);
    expect(webhookEvents).toEqual(expected);
    expect(first).toContain(`events recorded: ${(stored.total - directoryEvents).toLocaleString('en-US')} new`);
    expect(first).toMatch(/web page +http:\/\/127\.0\.0\.1:\d+\//);
    expect(first).toMatch(/admin token for the demo: tdm_\S+/);
    expect(metricsStatus).toBe(200);

    const second = await demoOutput(options);

    expect(second).toContain('no changes: the event store already describes this organisation');
    expect(second).toContain('events recorded: 0 new');
    expect((await eventsBySource(dataDir)).total).toBe(stored.total);
  }, 300_000);
});
