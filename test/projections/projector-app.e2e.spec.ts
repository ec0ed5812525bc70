/**
 * The embedded app end to end: `startApp` with the gateway, the recorder and the projector on
 * SQLite, a PagerDuty incident's trigger, acknowledgement and resolution sent signed over HTTP
 * (out of order, one of them twice), and the organisation's incident KPIs read from KpiReadModel.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tandem/config';
import { KpiReadModel } from '@tandem/projections';
import { startApp, type RunningApp } from '@tandem/runtime';
import { expectEventually } from '@tandem/testing';
import { GatewayModule } from '@apps/gateway';
import { ProjectorModule } from '@apps/projector';
import { RecorderModule } from '@apps/recorder';
import { deliver, FIXTURES, type Delivery } from '../pipeline/deliver';

const SECRET = 'projector-e2e-secret';
const FEBRUARY = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

/** A real PagerDuty v3 payload of `kind`, made to be about incident PE2E at `occurredAt`. */
function pagerduty(kind: 'triggered' | 'acknowledged' | 'resolved', occurredAt: string): Delivery & { deliveryId: string } {
  const payload = JSON.parse(readFileSync(join(FIXTURES, 'pagerduty', `zulip__${kind}_v3.json`), 'utf8')) as { event: { id: string; occurred_at: string; data: { id: string } } };
  payload.event.id = randomUUID();
  payload.event.occurred_at = occurredAt;
  payload.event.data.id = 'PE2E';
  const deliveryId = randomUUID();
  return { source: 'pagerduty', body: Buffer.from(JSON.stringify(payload)), headers: { 'x-webhook-id': deliveryId }, deliveryId };
}

describe('the embedded app: gateway → recorder → projector → KpiReadModel', () => {
  let dataDir: string;
  let running: RunningApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-projector-e2e-'));
    const config = loadConfig({ TANDEM_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', TANDEM_PAGERDUTY_WEBHOOK_SECRET: SECRET });
    running = await startApp({ service: 'projector-e2e', modules: [GatewayModule, RecorderModule, ProjectorModule] }, config);
  }, 60_000);

  afterAll(async () => {
    await running?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('turns a signed PagerDuty trigger, acknowledgement and resolution into the organisation’s time to acknowledge and restore', async () => {
    const triggered = pagerduty('triggered', '2026-02-02T10:00:00.000Z');
    const acknowledged = pagerduty('acknowledged', '2026-02-02T10:05:00.000Z');
    const resolved = pagerduty('resolved', '2026-02-02T10:45:00.000Z');
    for (const delivery of [resolved, triggered, acknowledged, triggered]) {
      expect((await deliver(running.url, delivery, SECRET, delivery.deliveryId)).status).toBe(202);
    }

    const readModel = running.app.get(KpiReadModel);
    await expectEventually(
      async () => {
        const values = await readModel.kpis({ scope: { kind: 'organization' }, ...FEBRUARY });
        // Acknowledged by a person 5 minutes after the trigger; resolved 45 minutes after it.
        expect(values.find((value) => value.kpi === 'time_to_acknowledge')).toMatchObject({ value: 300, sampleSize: 1, version: 1 });
        expect(values.find((value) => value.kpi === 'time_to_restore')).toMatchObject({ value: 2_700, sampleSize: 1, version: 1 });
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const { position } = await readModel.position();
    expect(position).toBe(await running.infrastructure.eventStore.headPosition());

    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain(`tandem_projection_position{projection="kpis",service="projector-e2e"} ${position}`);
    expect(metrics).toContain('tandem_projection_lag{projection="kpis",service="projector-e2e"} 0');
  });
});
