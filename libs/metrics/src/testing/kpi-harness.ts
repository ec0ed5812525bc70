import type { CanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { computeKpi } from '../kpis/kpi-definitions';
import type { KpiId, KpiScope, KpiValue, KpiWindow } from '../kpis/kpi-types';
import { expectOrderIndependent } from './order-independence';
import { testDirectory } from './test-organization';

export const ORGANIZATION: KpiScope = { kind: 'organization' };

export const team = (slug: string): KpiScope => ({ kind: 'team', team: slug });

/** February 2026, [from, to). */
export const FEBRUARY: KpiWindow = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' };

/**
 * Test-only: a KPI's value over the events, after asserting that delivering every event twice in
 * a shuffled order gives the same facts, model and value.
 */
export function kpiOf(id: KpiId, events: readonly CanonicalEvent[], options: { window?: KpiWindow; scope?: KpiScope; directory?: Directory } = {}): KpiValue {
  const directory = options.directory ?? testDirectory;
  const context = { directory, scope: options.scope ?? ORGANIZATION, window: options.window ?? FEBRUARY };
  return expectOrderIndependent(events, directory, (model) => computeKpi(id, model, context));
}
