import { MetricsError } from '../metrics-error';
import type { MillisWindow } from '../shared/millis';
import type { KpiWindow } from './kpi-types';

export function millisWindowOf(window: KpiWindow): MillisWindow {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from >= to) {
    throw new MetricsError('METRICS_INVALID_WINDOW', `a KPI window is [from, to) with from before to, got [${window.from}, ${window.to})`);
  }
  return { from, to };
}

export function kpiWindowOf(window: MillisWindow): KpiWindow {
  return { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString() };
}
