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
    // 'tandem': what Tandem derives itself (kudos from chat, automatic recognitions), appended by the projector as it goes.
    const { 'tandem.yaml': directoryEvents, tandem: derivedEvents, ...webhookEvents } = stored.bySource;
    expect(directoryEvents).toBeGreaterThan(1_000);
    expect(webhookEvents).toEqual(expected);
    expect(derivedEvents).toBeGreaterThan(0);
    // The count printed includes the derived events appended by then, at most all of them.
    const webhookTotal = Object.values(expected).reduce((sum, events) => sum + events, 0);
    const printed = Number((/events recorded: ([\d,]+) new/.exec(first)?.[1] ?? '').replaceAll(',', ''));
    expect(printed).toBeGreaterThanOrEqual(webhookTotal);
    expect(printed).toBeLessThanOrEqual(webhookTotal + derivedEvents);
    expect(first).toMatch(/web page +http:\/\/127\.0\.0\.1:\d+\//);
    expect(first).toMatch(/admin token for the demo: tdm_\S+/);
    expect(metricsStatus).toBe(200);

    const second = await demoOutput(options);

    expect(second).toContain('no changes: the event store already describes this organisation');
    // Every delivery was a duplicate: no webhook or directory event is added. (The recognizer may
    // still append an award the first run's last rules pass had not reached: ids are deterministic.)
    const again = (await eventsBySource(dataDir)).bySource;
    expect({ ...again, tandem: undefined }).toEqual({ ...stored.bySource, tandem: undefined });
  }, 300_000);
});
