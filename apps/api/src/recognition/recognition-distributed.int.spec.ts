import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@tandem/config';
import { ApiTokenRepository } from '@tandem/persistence';
import { createInfrastructure, startApp, type RunningApp } from '@tandem/runtime';
import { createTestDatabase, expectEventually, type TestDatabase } from '@tandem/testing';
import type { Client } from 'graphql-ws';
import { ProjectorModule } from '@apps/projector';
import { appendAll, RECOGNITION_ORGANIZATION_YAML, teamRecognition } from '../../../projector/src/recognition/testing/recognition.harness.spec';
import { ApiModule } from '../api.module';
import { websocketClient } from '../testing/api.harness.spec';
import { applyOrganization } from '../testing/organization.harness.spec';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIVE = 'subscription { recognitionAwarded { id sentence teams } }';

/**
 * The distributed mode: a projector and two API replicas, three Nest applications on their own
 * ports, sharing one PostgreSQL database and Redis. What the projector stores reaches the
 * subscribers of both replicas through Redis pub/sub.
 */
describe('recognitionAwarded across API replicas (distributed mode, Redis pub/sub)', () => {
  let database: TestDatabase;
  let dataDir: string;
  const apps: RunningApp[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('tandem_recognition_live');
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-recognition-live-'));
    const config = loadConfig({
      TANDEM_MODE: 'distributed',
      DATABASE_URL: database.url,
      REDIS_URL,
      KAFKA_BROKERS: '127.0.0.1:9092',
      TANDEM_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      TANDEM_API_RATE_LIMIT: '1000',
      TANDEM_API_RATE_BURST: '1000',
    });
    const seeding = await createInfrastructure(config, 'recognition-live-seed');
    await applyOrganization(seeding.eventStore, RECOGNITION_ORGANIZATION_YAML);
    await seeding.close();
    // One after the other: each migrates the read-model database at start.
    apps.push(await startApp({ service: 'projector', modules: [ProjectorModule] }, config));
    for (const service of ['api-1', 'api-2']) apps.push(await startApp({ service, modules: [ApiModule] }, config));
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    for (const running of apps.reverse()) await running.app.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers a recognition stored by the projector to the subscribers of both API instances', async () => {
    const [projector, ...replicas] = apps;
    expect(new Set(replicas.map((replica) => replica.url)).size).toBe(2);
    const { token } = await replicas[0].app.get(ApiTokenRepository).issue({ role: 'member', teams: [] });
    const received = replicas.map(() => [] as { id: string; sentence: string; teams: string[] }[]);
    replicas.forEach((replica, index) => {
      const client = websocketClient(replica.url, token);
      clients.push(client);
      client.subscribe<{ recognitionAwarded: { id: string; sentence: string; teams: string[] } }>(
        { query: LIVE },
        { next: (value) => value.data && received[index].push(value.data.recognitionAwarded), error: () => undefined, complete: () => undefined },
      );
    });

    // Subscriptions are set up asynchronously: append a new recognition until both replicas have delivered the same one.
    let n = 0;
    await expectEventually(
      async () => {
        n += 1;
        await appendAll(projector.infrastructure.eventStore, [teamRecognition(`LIVE-${n}`, ['payments', 'sre'])]);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const second = new Set(received[1].map((item) => item.id));
        expect(received[0].filter((item) => second.has(item.id)).length).toBeGreaterThan(0);
      },
      { timeoutMs: 45_000, intervalMs: 100 },
    );
    const both = received[0].find((item) => received[1].some((other) => other.id === item.id));
    expect(both).toEqual({ id: expect.any(String), sentence: expect.stringMatching(/^payments and sre restored checkout together in 18 min$/), teams: ['payments', 'sre'] });
  });
});
