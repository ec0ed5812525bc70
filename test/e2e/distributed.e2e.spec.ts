/**
 * The distributed mode end to end: every app its own OS process (the compiled Tandem, as a
 * container would run it), configured by its environment alone, against the real Kafka broker,
 * PostgreSQL and Redis. `tandem migrate`, `tandem org apply` and `tandem token create` prepare a
 * fresh database; signed webhooks in the vendors' real shapes go to the gateway process: a
 * PagerDuty incident, which the API process must answer as the KPIs of the team operating the
 * service, and a Slack kudos, which must appear in the API's recognition feed. SIGTERM then stops
 * each process cleanly (exit code 0).
 *
 * The run's Kafka topics and consumer groups carry a prefix of their own (KAFKA_TOPIC_PREFIX), so
 * another test run on the same broker neither takes these deliveries nor hands over its own.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createTestDatabase, expectEventually, type TestDatabase } from '@tandem/testing';
import { deliver, FIXTURES, type Delivery } from '../pipeline/deliver';
import { builtTandem, type BuiltTandem } from './support/built-tandem';
import { cleanEnv, runTandem, TandemProcess } from './support/tandem-process';

const SECRET = 'distributed-e2e-pagerduty-secret';
const SLACK_SECRET = 'distributed-e2e-slack-signing-secret';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const FEBRUARY = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

/** Two teams of three (the minimum group size) and the service whose PagerDuty pages they answer. */
const ORGANIZATION_YAML = `organization: { name: Distributed E2E, timezone: UTC }
teams:
  - { slug: checkout-dev, name: Checkout Dev, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
people:
  - { id: dave, name: Dave, identities: { slack: UDAVE }, memberships: [ { team: checkout-dev, from: 2025-01-01 } ] }
  - { id: erin, name: Erin, identities: { slack: UERIN }, memberships: [ { team: checkout-dev, from: 2025-01-01 } ] }
  - { id: ivy, name: Ivy, identities: { slack: UIVY }, memberships: [ { team: checkout-dev, from: 2025-01-01 } ] }
  - { id: carol, name: Carol, identities: { slack: UCAROL, pagerduty: PCAROL }, memberships: [ { team: sre, from: 2025-01-01 } ] }
  - { id: frank, name: Frank, identities: { slack: UFRANK, pagerduty: PFRANK }, memberships: [ { team: sre, from: 2025-01-01 } ] }
  - { id: gina, name: Gina, identities: { slack: UGINA, pagerduty: PGINA }, memberships: [ { team: sre, from: 2025-01-01 } ] }
services:
  - slug: checkout
    ownedBy: checkout-dev
    operatedBy: sre
    paging: { pagerduty: [PE2ECHECKOUT] }
`;

const FEED = `query Feed { recognitionFeed(first: 10) { edges { node { kind from { id } to { id } message } } } }`;

const KPIS = `query Kpis($scope: KpiScope, $from: DateTime!, $to: DateTime!) {
  kpis(scope: $scope, from: $from, to: $to) { kpi version value unit sampleSize suppressed }
}`;

interface PagerdutyV3 {
  event: { id: string; occurred_at: string; agent: { id: string } | null; data: { id: string; service: { id: string } } };
}

/** PagerDuty's real V3 payload of `kind` (a Zulip capture), re-addressed to this test's incident, service and responder. */
function pagerduty(kind: 'triggered' | 'acknowledged' | 'resolved', incidentId: string, occurredAt: string): Delivery & { deliveryId: string } {
  const payload = JSON.parse(readFileSync(join(FIXTURES, 'pagerduty', `zulip__${kind}_v3.json`), 'utf8')) as PagerdutyV3;
  payload.event.id = randomUUID();
  payload.event.occurred_at = occurredAt;
  if (payload.event.agent) payload.event.agent.id = 'PCAROL';
  payload.event.data.id = incidentId;
  payload.event.data.service.id = 'PE2ECHECKOUT';
  const deliveryId = randomUUID();
  return { source: 'pagerduty', body: Buffer.from(JSON.stringify(payload)), headers: { 'x-webhook-id': deliveryId }, deliveryId };
}

/** Slack's real `message` event (a Zulip capture), written by `user` now: a kudos when the text says so. */
function slackMessage(user: string, text: string): Delivery & { deliveryId: string } {
  const payload = JSON.parse(readFileSync(join(FIXTURES, 'slack', 'zulip__message_with_normal_text.json'), 'utf8')) as {
    event_id: string;
    event_time: number;
    event: { user: string; text: string; ts: string; event_ts: string; blocks: { elements: { elements: { text: string }[] }[] }[] };
  };
  const now = Date.now() / 1000;
  const ts = `${Math.floor(now)}.${String(Math.floor((now % 1) * 1e6)).padStart(6, '0')}`;
  payload.event_id = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  payload.event_time = Math.floor(now);
  Object.assign(payload.event, { user, text, ts, event_ts: ts });
  payload.event.blocks[0].elements[0].elements[0].text = text;
  return { source: 'slack', body: Buffer.from(JSON.stringify(payload)), headers: {}, deliveryId: payload.event_id };
}

async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (response.status !== 200 || body.errors || !body.data) throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body)}`);
  return body.data;
}

describe('the distributed mode: gateway, recorder, projector, api and reporter as separate processes on Kafka, PostgreSQL and Redis', () => {
  const topicPrefix = `e2e-${randomUUID().slice(0, 8)}.`;
  const processes: TandemProcess[] = [];
  let tandem: BuiltTandem;
  let database: TestDatabase;
  let workDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    tandem = await builtTandem();
    database = await createTestDatabase('tandem_distributed_e2e');
    workDir = mkdtempSync(join(tmpdir(), 'tandem-distributed-e2e-'));
    writeFileSync(join(workDir, 'tandem.yaml'), ORGANIZATION_YAML);
    env = cleanEnv({
      TANDEM_MODE: 'distributed',
      DATABASE_URL: database.url,
      KAFKA_BROKERS,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      REDIS_URL,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      TANDEM_CONFIG: join(workDir, 'tandem.yaml'),
      TANDEM_PAGERDUTY_WEBHOOK_SECRET: SECRET,
      TANDEM_SLACK_SIGNING_SECRET: SLACK_SECRET,
    });
  }, 300_000);

  afterAll(async () => {
    for (const process of processes) process.kill();
    await Promise.all(processes.map((process) => process.exited));
    await database?.drop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await deleteTopics(topicPrefix);
  }, 120_000);

  function start(name: string, script: string, args: string[] = []): TandemProcess {
    const process = new TandemProcess(name, script, args, env);
    processes.push(process);
    return process;
  }

  it('turns signed webhooks sent to the gateway process into team KPIs and a recognition the API process answers', async () => {
    const migrated = await runTandem(tandem.cli, ['migrate'], env);
    expect(migrated).toMatchObject({ code: 0 });
    expect(migrated.stdout.at(-1)).toMatch(/^PostgreSQL event store and webhook archive migrated; read models migrated/);
    expect(await runTandem(tandem.cli, ['org', 'apply', join(workDir, 'tandem.yaml')], env)).toMatchObject({ code: 0 });
    const created = await runTandem(tandem.cli, ['token', 'create', '--role', 'lead', '--team', 'sre'], env);
    expect(created.code).toBe(0);
    const token = created.stdout.at(-1) ?? '';
    expect(token).toMatch(/^tdm_/);

    // Each app as a container runs it (its own main.js), the API through the `tandem` command.
    const gateway = start('gateway', tandem.app('gateway'));
    const recorder = start('recorder', tandem.app('recorder'));
    const projector = start('projector', tandem.app('projector'));
    const api = start('api', tandem.cli, ['api']);
    const reporter = start('reporter', tandem.app('reporter'));
    const [gatewayUrl, , , apiUrl] = await Promise.all([gateway, recorder, projector, api, reporter].map((process) => process.readyUrl()));

    const incident = `PE2E${randomUUID().slice(0, 6).toUpperCase()}`;
    const triggered = pagerduty('triggered', incident, '2026-02-02T10:00:00.000Z');
    const acknowledged = pagerduty('acknowledged', incident, '2026-02-02T10:05:00.000Z');
    const resolved = pagerduty('resolved', incident, '2026-02-02T10:45:00.000Z');
    // Out of order, and the trigger twice (a vendor retry): the numbers must not change.
    for (const delivery of [resolved, triggered, acknowledged, triggered]) {
      expect((await deliver(gatewayUrl, delivery, SECRET, delivery.deliveryId)).status).toBe(202);
    }

    await expectEventually(
      async () => {
        const { kpis } = await graphql<{ kpis: { kpi: string; value: number | null; sampleSize: number; suppressed: boolean }[] }>(apiUrl, token, KPIS, {
          scope: { team: 'sre' },
          ...FEBRUARY,
        });
        // Acknowledged by Carol (SRE) 5 minutes after the trigger; restored 45 minutes after it.
        expect(kpis.find((row) => row.kpi === 'time_to_acknowledge')).toMatchObject({ value: 300, sampleSize: 1, suppressed: false });
        expect(kpis.find((row) => row.kpi === 'time_to_restore')).toMatchObject({ value: 2_700, sampleSize: 1, suppressed: false });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const kudos = slackMessage('UCAROL', 'kudos <@UERIN> for staying on the checkout incident until it was restored');
    expect((await deliver(gatewayUrl, kudos, SLACK_SECRET, kudos.deliveryId)).status).toBe(202);
    await expectEventually(
      async () => {
        const { recognitionFeed } = await graphql<{ recognitionFeed: { edges: { node: unknown }[] } }>(apiUrl, token, FEED, {});
        expect(recognitionFeed.edges.map((edge) => edge.node)).toContainEqual({
          kind: 'KUDOS',
          from: { id: 'carol' },
          to: [{ id: 'erin' }],
          message: expect.stringContaining('staying on the checkout incident until it was restored'),
        });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    // Graceful shutdown: each process finishes its work, closes its connections and exits 0.
    for (const process of [gateway, api, reporter, projector, recorder]) {
      expect({ app: process.name, code: await process.stop('SIGTERM') }).toEqual({ app: process.name, code: 0 });
    }
  }, 300_000);
});

/** The run's topics, so that runs do not pile up on a developer's broker. */
async function deleteTopics(prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'tandem-e2e-cleanup', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
