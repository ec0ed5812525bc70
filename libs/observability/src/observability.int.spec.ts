import { Test } from '@nestjs/testing';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { createMetricsRegistry } from './metrics';
import { ObservabilityModule } from './observability.module';

describe('ObservabilityModule over HTTP', () => {
  let app: NestFastifyApplication;
  let databaseUp = true;

  beforeAll(async () => {
    const registry = createMetricsRegistry('test');
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({
          registry,
          readiness: [
            { name: 'event-log', check: async () => undefined },
            {
              name: 'database',
              check: async () => {
                if (!databaseUp) throw new Error('connection refused');
              },
            },
          ],
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers liveness without looking at dependencies', async () => {
    databaseUp = false;
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'live' });
  });

  it('reports readiness per dependency and answers 503 when one is down', async () => {
    databaseUp = true;
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.map((check: { name: string; status: string }) => [check.name, check.status])).toEqual([
      ['event-log', 'up'],
      ['database', 'up'],
    ]);

    databaseUp = false;
    const unready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(unready.statusCode).toBe(503);
    expect(unready.json().checks[1]).toMatchObject({ name: 'database', status: 'down', error: 'connection refused' });
  });

  it('exposes Prometheus metrics with the service label', async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(/tandem_process_resident_memory_bytes\{service="test"\} \d+/);
  });
});
