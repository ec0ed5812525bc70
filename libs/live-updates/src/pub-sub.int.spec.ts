import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@tandem/observability';
import { InMemoryPubSub } from './in-memory-pub-sub';
import type { PubSub } from './pub-sub';
import { RedisPubSub } from './redis-pub-sub';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Adapter {
  /** Two handles on the same bus: two processes in the distributed mode, the same one in memory. */
  instances: [PubSub, PubSub];
  close(): Promise<void>;
}

const ADAPTERS: [string, () => Adapter][] = [
  [
    'in memory',
    () => {
      const pubSub = new InMemoryPubSub();
      return { instances: [pubSub, pubSub], close: () => pubSub.close() };
    },
  ],
  [
    'over Redis',
    () => {
      const logger = createLogger({ service: 'test', level: 'silent' });
      const connections = [0, 1, 2, 3].map(() => new Redis(REDIS_URL));
      const instances: [PubSub, PubSub] = [
        new RedisPubSub(connections[0], connections[1], logger),
        new RedisPubSub(connections[2], connections[3], logger),
      ];
      return {
        instances,
        async close() {
          await Promise.all(instances.map((instance) => instance.close()));
          await Promise.all(connections.map((redis) => redis.quit()));
        },
      };
    },
  ],
];

describe.each(ADAPTERS)('the pub/sub %s', (_name, createAdapter) => {
  let adapter: Adapter;

  beforeEach(() => {
    adapter = createAdapter();
  });

  afterEach(async () => {
    await adapter.close();
  });

  it('delivers what is published after subscribing, in order, as JSON, to every subscriber of the topic', async () => {
    const [publisher, subscriberSide] = adapter.instances;
    const topic = `test-${randomUUID()}`;
    const first = await subscriberSide.subscribe<{ n: number; at: string }>(topic);
    const second = await subscriberSide.subscribe<{ n: number; at: string }>(topic);
    const other = await subscriberSide.subscribe<unknown>(`${topic}-other`);

    await publisher.publish(topic, { n: 1, at: new Date('2026-01-01T00:00:00Z') });
    await publisher.publish(topic, { n: 2, at: new Date('2026-01-02T00:00:00Z') });

    expect(await first.next()).toEqual({ done: false, value: { n: 1, at: '2026-01-01T00:00:00.000Z' } });
    expect(await first.next()).toEqual({ done: false, value: { n: 2, at: '2026-01-02T00:00:00.000Z' } });
    expect((await second.next()).value).toEqual({ n: 1, at: '2026-01-01T00:00:00.000Z' });
    await other.return?.();
    expect(await other.next()).toEqual({ done: true, value: undefined });
  });

  it('stops delivering to a subscriber that ended, and keeps delivering to the others', async () => {
    const [publisher, subscriberSide] = adapter.instances;
    const topic = `test-${randomUUID()}`;
    const leaving = await subscriberSide.subscribe<number>(topic);
    const staying = await subscriberSide.subscribe<number>(topic);

    await leaving.return?.();
    await publisher.publish(topic, 7);

    expect(await staying.next()).toEqual({ done: false, value: 7 });
    expect(await leaving.next()).toEqual({ done: true, value: undefined });
  });

  it('ends every subscription when closed', async () => {
    const [, subscriberSide] = adapter.instances;
    const subscription = await subscriberSide.subscribe<number>(`test-${randomUUID()}`);
    const pending = subscription.next();

    await subscriberSide.close();

    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
