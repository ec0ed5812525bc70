import type { Directory } from '@tandem/directory';
import type { Incident, MetricModel } from '@tandem/metrics';
import type { MillisWindow } from '../shared/coverage';
import { formatDateLabel, formatDuration } from './format';
import type { NotableIncident } from './report-types';

/** How many incidents the report lists: the rest are in the counts. */
export const NOTABLE_INCIDENTS = 5;

const within = (window: MillisWindow, at: number | null) => at !== null && window.from <= at && at < window.to;
const day = (ms: number) => formatDateLabel(new Date(ms).toISOString().slice(0, 10));

/**
 * The period's incidents (triggered or resolved in it; merged, declined and canceled ones left
 * out), of the team's services for a team report: the worst first (highest severity, then the
 * longest restore), with where their post-mortem stands. Nothing here names a person: the report
 * says what happened, never who caused it.
 */
export function periodIncidents(model: MetricModel, directory: Directory, window: MillisWindow, asOfMs: number, team: string | null): Incident[] {
  return model.incidents.filter((incident) => {
    if (incident.excluded !== null) return false;
    if (!within(window, incident.triggered ?? incident.impactStart) && !within(window, incident.resolved)) return false;
    if (team === null) return true;
    const at = incident.triggered ?? incident.impactStart ?? incident.resolved ?? asOfMs;
    return incident.services.some((service) => directory.owningTeam(service, at) === team || directory.operatingTeam(service, at) === team);
  });
}

export function notableIncidents(incidents: readonly Incident[], model: MetricModel, directory: Directory, asOfMs: number): NotableIncident[] {
  const settings = directory.settings.kpis;
  const requiredLevel = Number(settings.postmortemSeverity.slice(3));
  const postmortems = new Map(model.postmortems.flatMap((postmortem) => (postmortem.incident === null ? [] : [[postmortem.incident, postmortem] as const])));
  const restore = (incident: Incident) => (incident.resolved !== null && incident.impactStart !== null ? (incident.resolved - incident.impactStart) / 1000 : null);

  return [...incidents]
    .sort((a, b) => (a.severity ?? 9) - (b.severity ?? 9) || (restore(b) ?? Number.POSITIVE_INFINITY) - (restore(a) ?? Number.POSITIVE_INFINITY) || (a.key < b.key ? -1 : 1))
    .slice(0, NOTABLE_INCIDENTS)
    .map((incident) => {
      const restoreSeconds = restore(incident);
      return {
        title: incident.title ?? `${incident.ref.tool} incident ${incident.ref.id}`,
        severity: incident.severity === null ? null : `SEV${incident.severity}`,
        services: [...incident.services].sort(),
        triggered: incident.triggered === null ? null : new Date(incident.triggered).toISOString(),
        resolved: incident.resolved === null ? null : new Date(incident.resolved).toISOString(),
        restoreSeconds,
        postmortem: postmortemStatus(incident, postmortems.get(incident.key)?.publishedAt, requiredLevel, settings.postmortemDueSeconds, asOfMs),
      };
    });
}

function postmortemStatus(incident: Incident, publishedAt: number | null | undefined, requiredLevel: number, dueSeconds: number, asOfMs: number): NotableIncident['postmortem'] {
  if (publishedAt !== undefined && publishedAt !== null && publishedAt <= asOfMs) return { status: 'published', text: `published ${day(publishedAt)}` };
  if (publishedAt !== undefined) return { status: 'in_progress', text: 'in progress' };
  if (incident.resolved === null) return { status: 'open_incident', text: 'incident still open' };
  if (incident.severity === null || incident.severity > requiredLevel) return { status: 'not_required', text: `not required below SEV${requiredLevel}` };
  const due = incident.resolved + dueSeconds * 1000;
  return due < asOfMs ? { status: 'overdue', text: `overdue since ${day(due)}` } : { status: 'due', text: `due by ${day(due)}` };
}

export function restoreText(seconds: number | null): string {
  return seconds === null ? 'still open' : formatDuration(seconds);
}
