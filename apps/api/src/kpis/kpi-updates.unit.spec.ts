import { InMemoryPubSub } from '@tandem/live-updates';
import type { KpiValue } from '@tandem/metrics';
import { KPIS_UPDATED_TOPIC, type KpisUpdated } from '@tandem/projections';
import { KpiUpdates, type KpisAt } from './kpi-updates';

const WINDOW = { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };

function restoreValue(value: number): KpiValue {
  return { kpi: 'time_to_restore', version: 1, scope: { kind: 'organization' }, window: WINDOW, value, unit: 'seconds', sampleSize: 1, suppressed: false, contributors: [] };
}

function notification(generation: number, position: number): KpisUpdated {
  return { projection: 'kpis', generation, position, entities: [], entityCount: 0, directoryChanged: false };
}

/** The projection as the subscriber reads it: each read answers the next checkpoint of a script, the last one from then on. */
class Projection {
  reads = 0;

  constructor(private readonly script: KpisAt[] = [{ generation: 1, position: 10, values: [restoreValue(600)] }]) {}

  read = async (): Promise<KpisAt> => {
    this.reads += 1;
    return this.script.length > 1 ? (this.script.shift() as KpisAt) : this.script[0];
  };
}

describe('one subscriber’s kpisUpdated', () => {
  it('answers now, skips what its last answer covered and what changed none of its values, and follows a new generation', async () => {
    const pubSub = new InMemoryPubSub();
    const projection = new Projection([
      { generation: 1, position: 10, values: [restoreValue(600)] },
      { generation: 1, position: 12, values: [restoreValue(600)] },
      { generation: 1, position: 13, values: [restoreValue(1_800)] },
      { generation: 2, position: 5, values: [restoreValue(900)] },
    ]);
    const updates = new KpiUpdates(await pubSub.subscribe<KpisUpdated>(KPIS_UPDATED_TOPIC), projection.read);

    expect((await updates.next()).value).toMatchObject({ generation: 1, position: 10, values: [{ kpi: 'time_to_restore', value: 600 }] });

    // 9 and 10: covered by the answer at 10, not read. 12: read, nothing changed, not sent. 13: read, sent.
    for (const position of [9, 10, 12, 13]) await pubSub.publish(KPIS_UPDATED_TOPIC, notification(1, position));
    expect((await updates.next()).value).toMatchObject({ generation: 1, position: 13, values: [{ value: 1_800 }] });
    expect(projection.reads).toBe(3);

    // A late notification of 12 is covered; a replay's generation 2 starts again at a lower position.
    await pubSub.publish(KPIS_UPDATED_TOPIC, notification(1, 12));
    await pubSub.publish(KPIS_UPDATED_TOPIC, notification(2, 5));
    expect((await updates.next()).value).toMatchObject({ generation: 2, position: 5, values: [{ value: 900 }] });
    expect(projection.reads).toBe(4);
  });

  it('gives each update its own loaders, for the explain asked on its values', async () => {
    const pubSub = new InMemoryPubSub();
    const projection = new Projection([
      { generation: 1, position: 10, values: [restoreValue(600)] },
      { generation: 1, position: 11, values: [restoreValue(700)] },
    ]);
    const updates = new KpiUpdates(await pubSub.subscribe<KpisUpdated>(KPIS_UPDATED_TOPIC), projection.read);

    const first = (await updates.next()).value;
    await pubSub.publish(KPIS_UPDATED_TOPIC, notification(1, 11));
    const second = (await updates.next()).value;

    expect(first.values[0].origin?.loaders).toBeInstanceOf(Map);
    expect(second.values[0].origin?.loaders).not.toBe(first.values[0].origin?.loaders);
  });

  it('ends at once when the client unsubscribes, even while waiting for a notification', async () => {
    const pubSub = new InMemoryPubSub();
    const updates = new KpiUpdates(await pubSub.subscribe<KpisUpdated>(KPIS_UPDATED_TOPIC), new Projection().read);
    await updates.next();

    const waiting = updates.next();
    await updates.return();

    expect(await waiting).toEqual({ value: undefined, done: true });
  });
});
