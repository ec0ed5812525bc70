import type { SloDefinition } from '@tandem/directory';
import type { Incident } from '../../model/metric-model';
import { MINUTE_MS, type MillisWindow } from '../../shared/millis';
import { isAtOrAbove, levelOfSeverityName } from '../../shared/severity';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { countedIncidents, impactEndOf } from './incident-samples';

/**
 * Minutes of the window with customer impact: each incident's `[impactStart, resolved)` (a
 * person's correction of the end wins; still open: to the window's end) cut to the window, overlapping incidents merged so that two
 * incidents at once do not burn the budget twice.
 */
function impactMinutes(incidents: readonly Incident[], window: MillisWindow): number {
  const intervals = incidents
    .flatMap((incident) => {
      if (incident.impactStart === null) return [];
      const from = Math.max(incident.impactStart, window.from);
      const to = Math.min(impactEndOf(incident) ?? window.to, window.to);
      return from < to ? [[from, to] as const] : [];
    })
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const [from, to] of intervals) {
    if (current && from <= current[1]) current[1] = Math.max(current[1], to);
    else {
      if (current) total += current[1] - current[0];
      current = [from, to];
    }
  }
  if (current) total += current[1] - current[0];
  return total / MINUTE_MS;
}

function serviceSample(slug: string, slo: SloDefinition, incidents: readonly Incident[], window: MillisWindow, attribution: Attribution): KpiSample {
  const threshold = levelOfSeverityName(slo.severityThreshold);
  const impacting = incidents.filter((incident) => incident.services.includes(slug) && isAtOrAbove(incident.severity, threshold));
  const budgetMinutes = (1 - slo.availabilityTarget) * ((window.to - window.from) / MINUTE_MS);
  return {
    subject: { kind: 'service', key: `service:${slug}`, slug },
    // The service's teams at the window's last instant: the unit is the service, not an incident.
    teams: attribution.serviceTeams([slug], window.to - 1),
    services: [slug],
    value: impactMinutes(impacting, window),
    weight: budgetMinutes,
    counted: true,
    contributors: [`service:${slug}`, ...impacting.filter((incident) => impactMinutes([incident], window) > 0).map((incident) => incident.key)],
  };
}

export const errorBudgetBurnV1 = defineKpi({
  id: 'error_budget_burn',
  version: 1,
  unit: 'ratio',
  aggregation: 'budget_ratio',
  definition:
    'Per service with an availability SLO: customer-impacting incident minutes (impactStart → resolved or the corrected impact end, severity at or above the SLO’s threshold) overlapping the window ÷ budget minutes (1 − target) × window minutes; over several services, Σ impact ÷ Σ budget. 1.0 = budget spent.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const incidents = countedIncidents(model.incidents);
    const samples: KpiSample[] = [];
    for (const service of directory.services({ includeRetired: true })) {
      const retiredBefore = service.retiredAt !== null && Date.parse(service.retiredAt) <= window.from;
      if (service.slo === null || retiredBefore) continue;
      samples.push(serviceSample(service.slug, service.slo, incidents, window, attribution));
    }
    return samples;
  },
  extras: (samples) => ({
    services: samples.map((sample) => ({ service: sample.services[0], impactMinutes: sample.value ?? 0, budgetMinutes: sample.weight ?? 0 })),
  }),
});
