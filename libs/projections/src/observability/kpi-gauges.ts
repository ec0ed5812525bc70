import { calendarBuckets, type KpiScope } from '@tandem/metrics';
import { Gauge, type Registry } from 'prom-client';
import type { KpiReadModel } from '../read-model/kpi-read-model';

export interface KpiGaugeOptions {
  /** Recompute at most this often; scrapes in between read the last values. Default 60 s. */
  refreshSeconds?: number;
  now?: () => number;
}

/**
 * Every organisation and team KPI of the current week (Monday 00:00 in the organisation's time
 * zone to the next) as `tandem_kpi_value{kpi,team}` (`team=""`: the organisation), so they sit
 * beside the system metrics in Grafana. Computed from the read model at scrape time, at most once
 * per refresh interval. A suppressed or empty value has no sample (absent, never 0).
 */
export class KpiGauges {
  private refreshedAt = Number.NEGATIVE_INFINITY;
  private refreshing?: Promise<void>;

  constructor(registry: Registry, readModel: KpiReadModel, options: KpiGaugeOptions = {}) {
    const refreshMs = (options.refreshSeconds ?? 60) * 1_000;
    const now = options.now ?? Date.now;
    const whenFresh = (gauge: Gauge<'kpi' | 'team' | 'version'>): Promise<void> => {
      if (now() - this.refreshedAt < refreshMs) return Promise.resolve();
      this.refreshing ??= this.refresh(gauge, readModel, now()).finally(() => (this.refreshing = undefined));
      return this.refreshing;
    };
    new Gauge({
      name: 'tandem_kpi_value',
      help: 'KPI value of the current week (metrics.md units: seconds, ratio or count); team="" is the organisation.',
      labelNames: ['kpi', 'team', 'version'],
      registers: [registry],
      // prom-client calls collect with the gauge as `this`.
      collect() {
        return whenFresh(this);
      },
    });
  }

  private async refresh(gauge: Gauge<'kpi' | 'team' | 'version'>, readModel: KpiReadModel, at: number): Promise<void> {
    const directory = await readModel.directory();
    const week = calendarBuckets({ from: at, to: at + 1 }, 'week', directory.settings.timezone)[0];
    const scopes: KpiScope[] = [{ kind: 'organization' }, ...directory.teams().map((team): KpiScope => ({ kind: 'team', team: team.slug }))];
    const values = await readModel.kpisOfScopes({ scopes, from: new Date(week.from).toISOString(), to: new Date(week.to).toISOString() });
    gauge.reset();
    for (const value of values) {
      if (value.value === null) continue;
      gauge.set({ kpi: value.kpi, team: value.scope.kind === 'team' ? value.scope.team : '', version: String(value.version) }, value.value);
    }
    this.refreshedAt = at;
  }
}
