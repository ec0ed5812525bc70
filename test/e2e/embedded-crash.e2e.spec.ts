/**
 * Crash safety of the embedded mode: `tandem start` (the compiled Tandem, as a user runs it) is
 * killed with SIGKILL while demo webhooks are still pouring in, then started again on the same data
 * folder. Every delivery the gateway answered 202 must end up in the event store exactly once:
 * nothing the gateway acknowledged is lost, nothing the recorder had half-done is doubled. Then the
 * vendors' retries arrive (everything again, as a vendor that never heard an answer would send it,
 * and redeliveries of what was answered) and still nothing is doubled.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@tandem/contracts';
import { feedDeliveries, generateDemo, type DemoDelivery } from '@tandem/demo';
import { SqliteEventStore } from '@tandem/eventstore';
import { expectEventually } from '@tandem/testing';
import { WEBHOOK_SECRET_ENV, WEBHOOK_SOURCES, type WebhookSource } from '@tandem/webhooks';
import { builtTandem, type BuiltTandem } from './support/built-tandem';
import { cleanEnv, TandemProcess } from './support/tandem-process';

/** Deliveries sent in all; the kill comes once a third of them were answered. */
const DELIVERIES = 1_200;
const KILL_AFTER_ACCEPTED = 400;

/** Secrets in the shape each vendor uses (Teams: base64; incident.io: a Svix `whsec_` key). */
const SECRETS: Record<WebhookSource, string> = {
  github: 'crash-e2e-github',
  gitlab: 'crash-e2e-gitlab',
  slack: 'crash-e2e-slack',
  teams: Buffer.from('crash-e2e-teams-security-token').toString('base64'),
  pagerduty: 'crash-e2e-pagerduty',
  opsgenie: 'crash-e2e-opsgenie',
  incidentio: `whsec_${Buffer.from('crash-e2e-incidentio-signing-key').toString('base64')}`,
  jira: 'crash-e2e-jira',
};

describe('the embedded mode killed with SIGKILL mid-stream', () => {
  const running: TandemProcess[] = [];
  let tandem: BuiltTandem;
  let dataDir: string;
  let env: Record<string, string>;
  let deliveries: DemoDelivery[];

  beforeAll(async () => {
    tandem = await builtTandem();
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-crash-e2e-'));
    // A week of the demo organisation's real-format deliveries (pull requests, chat, pages …).
    const demo = generateDemo({ seed: 7, scale: 'small', weeks: 1, until: new Date('2026-03-02T00:00:00Z') });
    deliveries = [...demo.deliveries()].slice(0, DELIVERIES);
    writeFileSync(join(dataDir, 'tandem.yaml'), demo.organizationYaml);
    env = cleanEnv({
      ...Object.fromEntries(WEBHOOK_SOURCES.map((source) => [WEBHOOK_SECRET_ENV[source], SECRETS[source]])),
      LOG_LEVEL: 'info',
    });
  }, 300_000);

  afterAll(async () => {
    for (const process of running) process.kill();
    await Promise.all(running.map((process) => process.exited));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  function start(name: string): TandemProcess {
    const process = new TandemProcess(name, tandem.cli, ['start', '--data', dataDir, '--config', join(dataDir, 'tandem.yaml'), '--port', '0'], env);
    running.push(process);
    return process;
  }

  it('keeps every delivery answered 202 exactly once across the crash, and exactly once again after the vendors retry', async () => {
    const first = start('tandem start (killed)');
    const firstUrl = await first.readyUrl();
    const accepted = new Set<string>();
    const fed = feedDeliveries(deliveries, {
      baseUrl: firstUrl,
      secrets: SECRETS,
      // Twice the demo's concurrency: the gateway runs ahead of the recorder, as at a peak.
      concurrency: 16,
      onAnswered: (delivery, status) => {
        if (status === 202) accepted.add(delivery.deliveryId);
        if (accepted.size === KILL_AFTER_ACCEPTED) first.kill();
      },
    });
    // The requests in flight at the kill fail: the feeder stops there, as a vendor's would.
    await expect(fed).rejects.toThrow();
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(accepted.size).toBeGreaterThanOrEqual(KILL_AFTER_ACCEPTED);
    expect(accepted.size).toBeLessThan(deliveries.length);
    const expectedEvents = new Map(deliveries.map((delivery) => [delivery.deliveryId, delivery.expectedEvents.length]));
    const acceptedWithEvents = [...accepted].filter((id) => (expectedEvents.get(id) ?? 0) > 0);
    // How far the recorder had got: what it had not, only the durable log can still give it.
    const recordedAtCrash = await eventsByDelivery(dataDir);
    const pending = acceptedWithEvents.filter((id) => recordedAtCrash.get(id) !== expectedEvents.get(id)).length;
    process.stdout.write(`killed after ${accepted.size} deliveries answered 202; ${pending} of them not yet recorded at the crash\n`);

    const second = start('tandem start (after the crash)');
    const secondUrl = await second.readyUrl();

    // Nothing sent again yet: what the recorder finds is what the first process acknowledged.
    await expectEventually(
      async () => {
        const recorded = await eventsByDelivery(dataDir);
        expect(acceptedWithEvents.filter((id) => recorded.get(id) !== expectedEvents.get(id))).toEqual([]);
        expect(overcounted(recorded, expectedEvents)).toEqual([]);
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );

    // The vendors retry every delivery (unanswered ones, and redeliveries of answered ones).
    const retried = await feedDeliveries(deliveries, { baseUrl: secondUrl, secrets: SECRETS });
    expect(retried.sent).toBe(deliveries.length);
    await expectEventually(
      async () => {
        const recorded = await eventsByDelivery(dataDir);
        const missing = deliveries.filter((delivery) => (recorded.get(delivery.deliveryId) ?? 0) !== delivery.expectedEvents.length);
        expect(missing.map((delivery) => `${delivery.source} ${delivery.deliveryId}`)).toEqual([]);
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    );
    expect(await second.stop('SIGTERM')).toBe(0);
  }, 600_000);
});

/** Deliveries whose events are stored more often than the delivery means (a doubled event). */
function overcounted(recorded: Map<string, number>, expected: Map<string, number>): string[] {
  return [...recorded].filter(([id, count]) => count > (expected.get(id) ?? 0)).map(([id, count]) => `${id}: ${count}`);
}

/** Events in the store per source delivery id (the organisation's own events have none). */
async function eventsByDelivery(dataDir: string): Promise<Map<string, number>> {
  const store = new SqliteEventStore({ filename: join(dataDir, 'events.sqlite') });
  try {
    const counts = new Map<string, number>();
    for (let after = 0; ; ) {
      const page: RecordedEvent[] = await store.readAll({ after, limit: 5_000 });
      for (const event of page) {
        const id = event.metadata.sourceDeliveryId;
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      if (page.length < 5_000) return counts;
      after = page[page.length - 1].globalPosition;
    }
  } finally {
    await store.close();
  }
}
