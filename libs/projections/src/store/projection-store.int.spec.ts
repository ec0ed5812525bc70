import { storeBackends, type StoreBackend } from '../testing';
import { projectionStoreOf } from './open-projection-store';
import type { BatchWrite, ProjectionStore } from './projection-store';

/**
 * Text that JSON.stringify escapes, or that a database's JSON functions could rewrite: quotes,
 * backslashes, controls, NUL, a lone surrogate, a character outside the BMP, spacing and key order.
 */
const AWKWARD = ['say "hi"\\n', 'back\\slash \\u0041', 'tab\there\u0001', 'nul\u0000byte', 'lone \ud800 surrogate', 'emoji 🚀 é', '  spaced  '];

describe.each(storeBackends('tandem_projection_store', () => ({})))('the %s projection store', (_name, open) => {
  let backend: StoreBackend;
  let store: ProjectionStore;

  beforeAll(async () => {
    backend = await open();
    store = projectionStoreOf(backend.database);
  });

  afterAll(async () => {
    await backend?.dispose();
  });

  it('stores the JSON of each event and each entity’s facts byte for byte, whatever text it holds, in a rebuild and live', async () => {
    const { generation } = await store.createGeneration('kpis', 1);
    const jsonOf = (index: number) => JSON.stringify({ z: AWKWARD[index], a: { nested: AWKWARD, index } });
    const batch = (from: number, to: number): BatchWrite => {
      const indexes = AWKWARD.map((_text, index) => index).slice(from, to);
      return {
        generation,
        expectedPosition: from,
        position: to,
        entityEvents: indexes.map((index) => ({
          entityKey: `thread:${index}`,
          eventId: `00000000-0000-4000-8000-00000000000${index}`,
          globalPosition: index + 1,
          occurredAt: '2026-01-01T00:00:00.000Z',
          json: jsonOf(index),
        })),
        directoryEvents: indexes.map((index) => ({ eventId: `00000000-0000-4000-9000-00000000000${index}`, globalPosition: index + 1, json: jsonOf(index) })),
        keysToLoad: [],
        refold: () => indexes.map((index) => ({ entityKey: `thread:${index}`, kind: 'thread', facts: jsonOf(index), lastPosition: index + 1 })),
      };
    };

    await store.rebuilding(() => store.commitBatch('kpis', batch(0, 4)));
    await store.commitBatch('kpis', batch(4, AWKWARD.length));

    const expected = AWKWARD.map((_text, index) => jsonOf(index));
    const parameter = store.dialect === 'postgres' ? '$1' : '?';
    const events = (await backend.database.query(`SELECT event FROM projection_entity_events WHERE generation = ${parameter} ORDER BY global_position`, [generation])) as {
      event: string;
    }[];
    expect(events.map((row) => row.event)).toEqual(expected);
    const facts = await store.factsSince(generation, 0);
    expect(facts.sort((a, b) => a.lastPosition - b.lastPosition).map((row) => row.facts)).toEqual(expected);
    expect((await store.directoryEventsSince(generation, 0)).map((row) => row.json)).toEqual(expected);
  });

  it('keeps an event that comes again in a later batch once (a store may return an event twice), and commits the batch', async () => {
    const { generation } = await store.createGeneration('kpis', 1);
    const event = (index: number, globalPosition: number) => ({
      entityKey: 'incident:twice',
      eventId: `00000000-0000-4000-a000-00000000000${index}`,
      globalPosition,
      occurredAt: '2026-01-01T00:00:00.000Z',
      json: JSON.stringify({ index }),
    });
    const batch = (expectedPosition: number, position: number, entityEvents: BatchWrite['entityEvents']): BatchWrite => ({
      generation,
      expectedPosition,
      position,
      entityEvents,
      directoryEvents: [],
      keysToLoad: [],
      refold: () => [],
    });

    await store.rebuilding(() => store.commitBatch('kpis', batch(0, 2, [event(1, 1), event(2, 2)])));
    await store.rebuilding(() => store.commitBatch('kpis', batch(2, 4, [event(2, 3), event(3, 4)])));
    await store.commitBatch('kpis', batch(4, 6, [event(3, 5), event(4, 6)]));

    const parameter = store.dialect === 'postgres' ? '$1' : '?';
    const rows = (await backend.database.query(`SELECT event_id FROM projection_entity_events WHERE generation = ${parameter} ORDER BY event_id`, [generation])) as { event_id: string }[];
    expect(rows.map((row) => row.event_id)).toEqual([1, 2, 3, 4].map((index) => event(index, 0).eventId));
    expect((await store.generations('kpis')).find((info) => info.generation === generation)?.position).toBe(6);
  });
});
