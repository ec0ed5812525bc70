import type { CanonicalEvent, IncidentRoleJson, IncidentStatusJson } from '@tandem/contracts';
import { actorOfIdentity, type Actor } from '../shared/actor';
import { earliest, millisOf, type Millis } from '../shared/millis';
import { severityLevel, worseSeverity, type SeverityLevel } from '../shared/severity';
import { entityKey, type EntityKey } from './entity-key';
import { eventIdsOf, inFoldOrder } from './fold-order';

export interface ToolRef {
  tool: string;
  id: string;
}

export interface TimedActor {
  at: Millis;
  /** Null: the vendor named no agent, the act was automation. */
  by: Actor | null;
}

export interface RoleAssignment {
  at: Millis;
  assignee: Actor;
  role: IncidentRoleJson;
}

/** The change a human named as the incident's cause (rule 1 of the linking). */
export type NamedCause =
  | { kind: 'deployment'; tool: string; deploymentId: string }
  | { kind: 'commit'; tool: string; repo: string; sha: string }
  | { kind: 'pull_request'; tool: string; repo: string; number: number };

/** Statuses that take an incident out of every KPI (incidents.proto). */
export type ExclusionStatus = 'declined' | 'canceled' | 'merged';

/** One incident's own events, folded. Its pages and chat join it when the model is assembled. */
export interface IncidentFacts {
  kind: 'incident';
  key: EntityKey;
  ref: ToolRef;
  title: string | null;
  declaredAt: Millis | null;
  /** The tool's own impact start, when it records one earlier than the declaration. */
  toolImpactStartedAt: Millis | null;
  /** The latest human correction of each bound; a correction wins over every other value. */
  correctedImpactStartedAt: Millis | null;
  correctedImpactEndedAt: Millis | null;
  /** The worst severity the incident events ever gave it. */
  severity: SeverityLevel | null;
  exclusion: ExclusionStatus | null;
  mergedInto: ToolRef | null;
  /** Service ids as the tool knows them (the latest full list). */
  serviceIds: string[];
  channels: ToolRef[];
  acknowledgements: TimedActor[];
  mitigatedAt: Millis | null;
  /** The resolve event's own time; null while open (a reopen clears it until the next resolve). */
  resolvedAt: Millis | null;
  roles: RoleAssignment[];
  notChangeCaused: boolean;
  /** The latest cause a human named. */
  namedCause: NamedCause | null;
  eventIds: string[];
}

const EXCLUSION_OF_STATUS: Partial<Record<IncidentStatusJson, ExclusionStatus>> = {
  INCIDENT_STATUS_DECLINED: 'declined',
  INCIDENT_STATUS_CANCELED: 'canceled',
  INCIDENT_STATUS_MERGED: 'merged',
};

function emptyIncident(ref: ToolRef): IncidentFacts {
  return {
    kind: 'incident',
    key: entityKey.incident(ref.tool, ref.id),
    ref,
    title: null,
    declaredAt: null,
    toolImpactStartedAt: null,
    correctedImpactStartedAt: null,
    correctedImpactEndedAt: null,
    severity: null,
    exclusion: null,
    mergedInto: null,
    serviceIds: [],
    channels: [],
    acknowledgements: [],
    mitigatedAt: null,
    resolvedAt: null,
    roles: [],
    notChangeCaused: false,
    namedCause: null,
    eventIds: [],
  };
}

function addChannel(incident: IncidentFacts, channel: { tool?: string; id?: string } | undefined): void {
  if (!channel?.tool || !channel.id) return;
  if (!incident.channels.some((known) => known.tool === channel.tool && known.id === channel.id)) incident.channels.push({ tool: channel.tool, id: channel.id });
}

function namedCauseOf(data: Extract<CanonicalEvent, { type: 'IncidentLinkedToDeployment' }>['data']): NamedCause | null {
  if (data.deployment?.tool && data.deployment.id) return { kind: 'deployment', tool: data.deployment.tool, deploymentId: data.deployment.id };
  if (data.commit?.tool && data.commit.repo && data.commit.sha) return { kind: 'commit', tool: data.commit.tool, repo: data.commit.repo, sha: data.commit.sha };
  if (data.pullRequest?.tool && data.pullRequest.repo && data.pullRequest.number) {
    return { kind: 'pull_request', tool: data.pullRequest.tool, repo: data.pullRequest.repo, number: data.pullRequest.number };
  }
  return null;
}

function evolve(incident: IncidentFacts, event: CanonicalEvent): void {
  switch (event.type) {
    case 'IncidentDeclared': {
      const { data } = event;
      incident.title = data.title ?? incident.title;
      // Two declarations of one incident (two tools' hooks) keep the first.
      incident.declaredAt = earliest(incident.declaredAt, millisOf(data.declaredAt));
      incident.toolImpactStartedAt = millisOf(data.impactStartedAt) ?? incident.toolImpactStartedAt;
      incident.severity = worseSeverity(incident.severity, severityLevel(data.severity));
      if (data.serviceIds && data.serviceIds.length > 0) incident.serviceIds = [...data.serviceIds];
      addChannel(incident, data.channel);
      if (data.status) incident.exclusion = EXCLUSION_OF_STATUS[data.status] ?? null;
      return;
    }
    case 'IncidentSeverityChanged':
      incident.severity = worseSeverity(incident.severity, severityLevel(event.data.severity));
      return;
    case 'IncidentStatusChanged':
      // The latest status decides: an incident moved out of triage after all counts again.
      if (event.data.status) incident.exclusion = EXCLUSION_OF_STATUS[event.data.status] ?? null;
      return;
    case 'IncidentServicesChanged':
      incident.serviceIds = [...(event.data.serviceIds ?? [])];
      return;
    case 'IncidentChannelLinked':
      addChannel(incident, event.data.channel);
      return;
    case 'IncidentAcknowledged': {
      const at = millisOf(event.data.acknowledgedAt);
      if (at !== null) incident.acknowledgements.push({ at, by: actorOfIdentity(event.data.by) });
      return;
    }
    case 'IncidentMitigated':
      incident.mitigatedAt ??= millisOf(event.data.mitigatedAt);
      return;
    case 'IncidentResolved':
      incident.resolvedAt = millisOf(event.data.resolvedAt);
      return;
    case 'IncidentReopened':
      incident.resolvedAt = null;
      return;
    case 'IncidentRoleAssigned': {
      const at = millisOf(event.data.assignedAt);
      const assignee = actorOfIdentity(event.data.assignee);
      if (at !== null && assignee) incident.roles.push({ at, assignee, role: event.data.role ?? 'INCIDENT_ROLE_UNSPECIFIED' });
      return;
    }
    case 'IncidentMerged':
      if (event.data.into?.tool && event.data.into.id) incident.mergedInto = { tool: event.data.into.tool, id: event.data.into.id };
      incident.exclusion = 'merged';
      return;
    case 'IncidentImpactCorrected':
      incident.correctedImpactStartedAt = millisOf(event.data.impactStartedAt) ?? incident.correctedImpactStartedAt;
      incident.correctedImpactEndedAt = millisOf(event.data.impactEndedAt) ?? incident.correctedImpactEndedAt;
      return;
    case 'IncidentMarkedNotChangeCaused':
      incident.notChangeCaused = true;
      return;
    case 'IncidentLinkedToDeployment':
      incident.namedCause = namedCauseOf(event.data) ?? incident.namedCause;
      return;
    default:
      return;
  }
}

/** The fold of one incident's events (any order, any repetition). */
export function foldIncident(ref: ToolRef, events: readonly CanonicalEvent[]): IncidentFacts {
  const ordered = inFoldOrder(events);
  const incident = emptyIncident(ref);
  for (const event of ordered) evolve(incident, event);
  incident.eventIds = eventIdsOf(ordered);
  return incident;
}
