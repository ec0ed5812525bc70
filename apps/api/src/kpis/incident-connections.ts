import type { IncidentPage, IncidentSummary } from '@tandem/projections';
import { pageRequest, type Edge } from '../graphql/pagination/connection';
import { decodeCursor, encodeCursor } from '../graphql/pagination/cursor';
import { keptInstant } from '../graphql/scalars/date-time.scalar';
import type { Incident, IncidentConnection, IncidentWindowArgs } from './kpis.types';

const INCIDENTS_LIST = 'incidents';

/** A validated page of an incident list: how many, after which incident key (the cursor decoded). */
export interface IncidentPageRequest {
  first: number;
  after?: string;
}

export function incidentPageRequest(args: IncidentWindowArgs): IncidentPageRequest {
  const request = pageRequest(args);
  return { first: request.limit, after: request.after === undefined ? undefined : String(decodeCursor(INCIDENTS_LIST, request.after)[0]) };
}

/** The connection of an empty page (`first: 0`), without asking the read model. */
export function emptyIncidentConnection(request: IncidentPageRequest): IncidentConnection {
  return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: request.after !== undefined, startCursor: null, endCursor: null } };
}

/** The read model's page as a Relay connection. */
export function incidentConnectionOf(page: IncidentPage, request: IncidentPageRequest): IncidentConnection {
  const edges = page.items.map(edgeOf);
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: request.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * The edges of the read model's kept incidents (the same objects while it keeps the list): a
 * nested query's hundreds of incidents are converted once, not per request. Do not modify them.
 */
const edges = new WeakMap<IncidentSummary, Edge<Incident>>();

function edgeOf(item: IncidentSummary): Edge<Incident> {
  let edge = edges.get(item);
  if (edge === undefined) edges.set(item, (edge = { cursor: encodeCursor(INCIDENTS_LIST, [item.key]), node: incidentOf(item) }));
  return edge;
}

function keptInstantOf(text: string | null): Date | null {
  return text === null ? null : keptInstant(text);
}

function incidentOf(item: IncidentSummary): Incident {
  return {
    key: item.key,
    tool: item.tool,
    sourceId: item.id,
    title: item.title,
    severity: item.severity,
    services: [...item.services],
    teams: [...item.teams],
    milestones: {
      impactStart: keptInstantOf(item.milestones.impactStart),
      triggered: keptInstantOf(item.milestones.triggered),
      acknowledged: keptInstantOf(item.milestones.acknowledged),
      mitigated: keptInstantOf(item.milestones.mitigated),
      resolved: keptInstantOf(item.milestones.resolved),
    },
    impactStartSource: item.impactStartSource,
    linkRule: item.linkRule,
    links: item.links.map((link) => ({ to: link.to, relation: link.relation, rule: link.rule ?? null, evidence: link.evidence ?? null })),
  };
}
