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
});
