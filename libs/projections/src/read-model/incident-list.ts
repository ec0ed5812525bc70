import { explainKpi, type ExplainedLink, type KpiScope, type MetricModel } from '@tandem/metrics';
import type { Directory } from '@tandem/directory';

/** An incident as a list shows it: its milestones (metrics.md's lifecycle) and its links to deployments. */
export interface IncidentSummary {
  key: string;
  tool: string;
  id: string;
  title: string | null;
  severity: string | null;
  services: readonly string[];
  /** Its services' owning and operating teams when it was triggered. */
  teams: readonly string[];
  milestones: { impactStart: string | null; triggered: string | null; acknowledged: string | null; mitigated: string | null; resolved: string | null };
  impactStartSource: string | null;
  /** `explicit`, `same_service_window` or `none`. */
  linkRule: string | null;
  /** The deployments it is linked to (`caused_by`), each with the rule and evidence. */
  links: ExplainedLink[];
  eventIds: string[];
}

export interface IncidentPage {
  items: IncidentSummary[];
  totalCount: number;
  /** The key of the last item: pass it as `after` for the next page. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * The incidents triggered in the window, attributed to teams as every incident KPI attributes
 * them, earliest first. Which incidents count and how they are attributed is the metrics core's:
 * these are the samples of `time_to_acknowledge` (every counted incident triggered in the window,
 * acknowledged or not), with the explanation's milestones and links, so the list and the KPIs
 * never disagree. A team below the minimum group size lists nothing, as its KPIs show nothing.
 */
export function incidentsOf(model: MetricModel, directory: Directory, scope: KpiScope, window: { from: string; to: string }, version: number): IncidentSummary[] {
  const explanation = explainKpi('time_to_acknowledge', model, { directory, scope, window }, version);
  const items = explanation.facts.map((fact): IncidentSummary => {
    const incident = model.byKey.get(fact.key);
    const details = fact.details;
    return {
      key: fact.key,
      tool: incident?.kind === 'incident' ? incident.ref.tool : '',
      id: incident?.kind === 'incident' ? incident.ref.id : '',
      title: incident?.kind === 'incident' ? incident.title : null,
      severity: typeof details.severity === 'string' ? details.severity : null,
      services: fact.services,
      teams: fact.teams,
      milestones: {
        impactStart: fact.times.impactStart ?? null,
        triggered: fact.times.triggered ?? null,
        acknowledged: fact.times.acknowledged ?? null,
        mitigated: fact.times.mitigated ?? null,
        resolved: fact.times.resolved ?? null,
      },
      impactStartSource: typeof details.impactStartSource === 'string' ? details.impactStartSource : null,
      linkRule: typeof details.linkRule === 'string' ? details.linkRule : null,
      links: fact.links,
      eventIds: fact.eventIds,
    };
  });
  return items.sort((a, b) => compareInstants(a.milestones.triggered, b.milestones.triggered) || compareText(a.key, b.key));
}

function compareInstants(a: string | null, b: string | null): number {
  return (a === null ? 0 : Date.parse(a)) - (b === null ? 0 : Date.parse(b));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keyset page: the items after the one whose key is `after`. */
export function pageOf(items: readonly IncidentSummary[], first: number, after?: string): IncidentPage {
  const start = after === undefined ? 0 : items.findIndex((item) => item.key === after) + 1;
  const page = start === 0 && after !== undefined ? [] : items.slice(start, start + first);
  return { items: page, totalCount: items.length, endCursor: page.at(-1)?.key ?? null, hasNextPage: start + page.length < items.length && page.length > 0 };
}
