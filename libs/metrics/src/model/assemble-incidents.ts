import type { Directory } from '@tandem/directory';
import { entityKey, type EntityKey } from '../facts/entity-key';
import type { IncidentFacts, ToolRef } from '../facts/incident-facts';
import { earliest, type Millis } from '../shared/millis';
import { worseSeverity, type SeverityLevel } from '../shared/severity';
import { actsOfPeople } from './assemble-pages';
import type { ImpactStartSource, Incident, IncidentLinking, Page, Participation, ParticipationKind, PersonAct } from './metric-model';
import type { People } from './people';
import { byTimeThenPerson, compareText } from '../shared/compare';

/** Messages posted in a channel by people, earliest first. */
export type ChannelMessages = (channel: ToolRef) => readonly PersonAct[];

/**
 * Where each incident counts: itself, or (merged, incidents.proto) the incident it was merged
 * into, following chains; a cycle stops at the incident that closes it.
 */
export function mergeTargets(incidents: readonly IncidentFacts[]): Map<EntityKey, EntityKey> {
  const byKey = new Map(incidents.map((incident) => [incident.key, incident]));
  const targets = new Map<EntityKey, EntityKey>();
  for (const incident of incidents) {
    let current = incident;
    const seen = new Set<EntityKey>([current.key]);
    while (current.exclusion === 'merged' && current.mergedInto) {
      const next = byKey.get(entityKey.incident(current.mergedInto.tool, current.mergedInto.id));
      if (!next || seen.has(next.key)) break;
      seen.add(next.key);
      current = next;
    }
    targets.set(incident.key, current.key);
  }
  return targets;
}

function impactStartOf(incident: IncidentFacts, firstAlert: Millis | null): { at: Millis | null; source: ImpactStartSource | null } {
  if (incident.correctedImpactStartedAt !== null) return { at: incident.correctedImpactStartedAt, source: 'correction' };
  const candidates: [Millis | null, ImpactStartSource][] = [
    [incident.declaredAt, 'declaration'],
    [incident.toolImpactStartedAt, 'tool'],
    [firstAlert, 'alert'],
  ];
  let best: { at: Millis | null; source: ImpactStartSource | null } = { at: null, source: null };
  for (const [at, source] of candidates) if (at !== null && (best.at === null || at < best.at)) best = { at, source };
  return best;
}

/** The first act of each person of each kind, inside `[triggered, resolved]`. */
function participationsOf(acts: readonly (PersonAct & { kind: ParticipationKind })[], triggered: Millis | null, resolved: Millis | null): Participation[] {
  if (triggered === null) return [];
  const end = resolved ?? Number.POSITIVE_INFINITY;
  const first = new Map<string, Participation>();
  for (const act of acts) {
    if (act.at < triggered || act.at > end) continue;
    const key = `${act.kind}\u0000${act.personId}`;
    const known = first.get(key);
    if (!known || act.at < known.at) first.set(key, { personId: act.personId, at: act.at, kind: act.kind });
  }
  return [...first.values()].sort((a, b) => byTimeThenPerson(a, b) || compareText(a.kind, b.kind));
}

function servicesOf(incident: IncidentFacts, pages: readonly Page[], directory: Directory): string[] {
  const services = new Set<string>();
  for (const id of incident.serviceIds) {
    // A PagerDuty or Opsgenie incident names its paging service: the same mapping applies.
    const service = directory.serviceForIncidentService(incident.ref.tool, id) ?? directory.serviceForPagingService(incident.ref.tool, id);
    if (service) services.add(service);
  }
  for (const page of pages) if (page.service) services.add(page.service);
  return [...services].sort();
}

const NOT_YET_LINKED: IncidentLinking = { rule: 'none', links: [], reason: 'no_candidate' };

/**
 * One incident's timeline (metrics.md): `triggered` is the first of its declaration and its
 * pages, `impactStart` the first of declaration, the tool's impact start and the first alert
 * unless a human corrected it (the correction wins), `acknowledged` the first acknowledgement by a
 * person of the incident or of one of its pages, `resolved` the resolve event's own time.
 */
export function assembleIncident(
  incident: IncidentFacts,
  absorbed: readonly IncidentFacts[],
  pages: readonly Page[],
  channelMessages: ChannelMessages,
  people: People,
  directory: Directory,
): Incident {
  const firstAlert = earliest(...pages.map((page) => page.triggeredAt));
  const triggered = earliest(incident.declaredAt, firstAlert);
  const impactStart = impactStartOf(incident, firstAlert);
  const own = [incident, ...absorbed];
  const acks = [...own.flatMap((facts) => actsOfPeople(facts.acknowledgements, people)), ...pages.flatMap((page) => page.acknowledgements)].sort(byTimeThenPerson);
  const acts: (PersonAct & { kind: ParticipationKind })[] = acks.map((act) => ({ ...act, kind: 'ack' }));
  for (const role of own.flatMap((facts) => facts.roles)) {
    const personId = people.personOf(role.assignee);
    if (personId !== null) acts.push({ personId, at: role.at, kind: 'role' });
  }
  for (const act of pages.flatMap((page) => page.responders)) acts.push({ ...act, kind: 'responder' });
  for (const channel of own.flatMap((facts) => facts.channels)) {
    for (const act of channelMessages(channel)) acts.push({ ...act, kind: 'message' });
  }
  return {
    kind: 'incident',
    key: incident.key,
    ref: incident.ref,
    title: incident.title,
    excluded: incident.exclusion,
    // The incident's own severity events decide; its pages' priorities only when it has none.
    severity: incident.severity ?? pages.reduce<SeverityLevel | null>((worst, page) => worseSeverity(worst, page.severity), null),
    services: servicesOf(incident, pages, directory),
    channels: incident.channels,
    impactStart: impactStart.at,
    impactStartSource: impactStart.source,
    triggered,
    acknowledged: acks[0]?.at ?? null,
    acknowledgedBy: acks[0]?.personId ?? null,
    mitigated: incident.mitigatedAt,
    resolved: incident.resolvedAt,
    correctedImpactEnd: incident.correctedImpactEndedAt,
    participants: participationsOf(acts, triggered, incident.resolvedAt),
    notChangeCaused: incident.notChangeCaused,
    namedCause: incident.namedCause,
    linking: NOT_YET_LINKED,
    pages: pages.map((page) => page.key).sort(),
    absorbed: absorbed.map((facts) => facts.key).sort(),
    eventIds: [...own.flatMap((facts) => facts.eventIds), ...pages.flatMap((page) => page.eventIds)].sort(),
  };
}
