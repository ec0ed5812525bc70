import { Directory } from '@tandem/directory';
import { buildMetricModel, KPI_DEFINITIONS, type KpiScope } from '@tandem/metrics';
import { KpiValueCache, type ModelView } from './kpi-value-cache';

const directory = Directory.empty();
const viewOf = (): ModelView => ({ directory, model: buildMetricModel([], directory) });
const WEEK = { from: '2026-02-02T00:00:00.000Z', to: '2026-02-09T00:00:00.000Z' };
const NEXT_WEEK = { from: '2026-02-09T00:00:00.000Z', to: '2026-02-16T00:00:00.000Z' };
const ORGANIZATION: KpiScope = { kind: 'organization' };
const SERVICE: KpiScope = { kind: 'service', service: 'checkout' };
const ask = (window: { from: string; to: string }) => ({ id: 'time_to_acknowledge' as const, version: 1, window });

describe('KpiValueCache', () => {
  const definition = KPI_DEFINITIONS.time_to_acknowledge[1];
  let collections: jest.SpyInstance;

  beforeEach(() => {
    collections = jest.spyOn(definition, 'collectScopes');
  });

  afterEach(() => {
    collections.mockRestore();
  });

  it('collects a KPI’s samples once per (model, version, window), whatever the scopes asked', () => {
    const cache = new KpiValueCache();
    const view = viewOf();

    const first = cache.values(view, ask(WEEK), [ORGANIZATION], true);
    const again = cache.values(view, ask(WEEK), [SERVICE, ORGANIZATION], true);
    expect(collections).toHaveBeenCalledTimes(1);
    expect(again[1]).toBe(first[0]);
    expect(again[0]).toEqual(definition.compute(view.model, { directory, scope: SERVICE, window: WEEK }));

    cache.values(view, ask(NEXT_WEEK), [ORGANIZATION], true);
    cache.values(viewOf(), ask(WEEK), [ORGANIZATION], true);
    expect(collections).toHaveBeenCalledTimes(3);
  });

  it('warms another model with what was asked to be remembered, so that it answers without collecting', async () => {
    const cache = new KpiValueCache();
    cache.values(viewOf(), ask(WEEK), [ORGANIZATION, SERVICE], true);
    // An as-of model's ask: not remembered, so not warmed.
    cache.values(viewOf(), ask(NEXT_WEEK), [ORGANIZATION], false);
    const next = viewOf();

    collections.mockClear();
    await cache.warm(next);
    expect(collections).toHaveBeenCalledTimes(1);
    collections.mockClear();
    cache.values(next, ask(WEEK), [SERVICE, ORGANIZATION], true);
    expect(collections).not.toHaveBeenCalled();
    cache.values(next, ask(NEXT_WEEK), [ORGANIZATION], true);
    expect(collections).toHaveBeenCalledTimes(1);
  });
});
