import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type CanonicalEvent, type EventDataMap, type NewCanonicalEvent, type ParticipantJson } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { entityKey, impactEndOf, keyParts, type Incident, type ToolRef } from '@tandem/metrics';

/**
 * Human corrections of an incident (metrics.md: they arrive as new events and win over earlier
 * values), planned without I/O: which event to append, or none when the same correction is
 * already the latest of its kind.
 */

export type CorrectionEventType = 'IncidentImpactCorrected' | 'IncidentMarkedNotChangeCaused' | 'IncidentLinkedToDeployment';

export type Correction =
  | { type: 'IncidentImpactCorrected'; impactStartedAt: Date | null; impactEndedAt: Date | null }
  | { type: 'IncidentMarkedNotChangeCaused' }
  | { type: 'IncidentLinkedToDeployment'; deployment: ToolRef };

export interface CorrectionRequest {
  incident: ToolRef;
  correction: Correction;
  /** Why: stored as the event's note. */
  reason: string;
  by: ParticipantJson;
  at: Date;
  correlationId?: string;
}

export type CorrectionPlan =
  | { kind: 'append'; event: NewCanonicalEvent }
  /** The same correction is already the latest of its kind: a repeated submission appends nothing. */
  | { kind: 'already_recorded'; eventId: string; occurredAt: string };

/** A correction that cannot be right whatever the store holds: the caller's input error. */
export class InvalidCorrection extends Error {
  constructor(
    message: string,
    readonly argument: string,
  ) {
    super(message);
    this.name = 'InvalidCorrection';
  }
}

/** Who corrected, as the event names them: the API token (tokens name no person). */
export const TANDEM_API_TOOL = 'tandem';

export const MAX_REASON_LENGTH = 2_000;

/** `incident:tool:id` (Incident.key) → the incident's tool and id; null for anything else. */
export function incidentRefOfKey(key: string): ToolRef | null {
  const parts = keyParts(key, 'incident', 2);
  return parts && { tool: parts[0], id: parts[1] };
}

/** `deployment:tool:id` (the key explanations show) → the deployment's tool and id; null for anything else. */
export function deploymentRefOfKey(key: string): ToolRef | null {
  const parts = keyParts(key, 'deployment', 2);
  return parts && { tool: parts[0], id: parts[1] };
}

/** The teams that own or operate the incident's services now: their leads may correct it. */
export function teamsResponsibleFor(incident: Pick<Incident, 'services'>, directory: Directory, now: number): string[] {
  const teams = new Set<string>();
  for (const service of incident.services) {
    for (const team of [directory.owningTeam(service, now), directory.operatingTeam(service, now)]) if (team !== undefined) teams.add(team);
  }
  return [...teams].sort();
}

function iso(at: Date): string {
  return at.toISOString();
}

/** Impact bounds must make a timeline with what the incident already has, and not lie in the future. */
function checkImpact(correction: Extract<Correction, { type: 'IncidentImpactCorrected' }>, incident: Incident, now: number): void {
  const { impactStartedAt: start, impactEndedAt: end } = correction;
  if (start === null && end === null) throw new InvalidCorrection('give impactStartedAt, impactEndedAt or both', 'impactStartedAt');
  for (const [argument, at] of [['impactStartedAt', start], ['impactEndedAt', end]] as const) {
    if (at !== null && at.getTime() > now) throw new InvalidCorrection(`${argument} (${iso(at)}) is in the future`, argument);
  }
  if (start !== null && end !== null) {
    if (end.getTime() <= start.getTime()) throw new InvalidCorrection(`impactEndedAt (${iso(end)}) must be after impactStartedAt (${iso(start)})`, 'impactEndedAt');
    return;
  }
  if (end !== null && incident.impactStart !== null && end.getTime() <= incident.impactStart) {
    throw new InvalidCorrection(`impactEndedAt (${iso(end)}) must be after the incident's impact start (${new Date(incident.impactStart).toISOString()})`, 'impactEndedAt');
  }
  const knownEnd = impactEndOf(incident);
  if (start !== null && knownEnd !== null && start.getTime() >= knownEnd) {
    throw new InvalidCorrection(`impactStartedAt (${iso(start)}) must be before the incident's impact end (${new Date(knownEnd).toISOString()})`, 'impactStartedAt');
  }
}

type CorrectionData = { [T in CorrectionEventType]: EventDataMap[T] };

function dataOf(request: CorrectionRequest): { type: CorrectionEventType; data: CorrectionData[CorrectionEventType] } {
  const { incident, correction, reason, by } = request;
  const base = { tool: incident.tool, incidentId: incident.id, correctedBy: by, note: reason };
  switch (correction.type) {
    case 'IncidentImpactCorrected':
      return {
        type: correction.type,
        data: {
          ...base,
          ...(correction.impactStartedAt ? { impactStartedAt: iso(correction.impactStartedAt) } : {}),
          ...(correction.impactEndedAt ? { impactEndedAt: iso(correction.impactEndedAt) } : {}),
        },
      };
    case 'IncidentMarkedNotChangeCaused':
      return { type: correction.type, data: base };
    case 'IncidentLinkedToDeployment':
      return { type: correction.type, data: { ...base, deployment: { tool: correction.deployment.tool, id: correction.deployment.id } } };
  }
}

const instantOrNull = (text: string | undefined): number | null => (text === undefined ? null : Date.parse(text));

/** What a correction says, whoever said it and however its times are written: equal content, same correction. */
function contentOf(type: CorrectionEventType, data: CorrectionData[CorrectionEventType]): string {
  const note = data.note ?? null;
  switch (type) {
    case 'IncidentImpactCorrected': {
      const impact = data as CorrectionData['IncidentImpactCorrected'];
      return JSON.stringify([instantOrNull(impact.impactStartedAt), instantOrNull(impact.impactEndedAt), note]);
    }
    case 'IncidentMarkedNotChangeCaused':
      return JSON.stringify([note]);
    case 'IncidentLinkedToDeployment': {
      const link = data as CorrectionData['IncidentLinkedToDeployment'];
      return JSON.stringify([link.deployment?.tool ?? null, link.deployment?.id ?? null, link.commit ?? null, link.pullRequest ?? null, note]);
    }
  }
}

/**
 * The event a correction appends to the incident's stream. Its id is derived from the incident,
 * the correction and the latest earlier correction of the same kind, so two submissions of one
 * correction racing each other record it once (the store skips a known id), and submitting it
 * again once recorded appends nothing; correcting back to an earlier value after another
 * correction is a new event, which then wins as the latest.
 *
 * `incident` is the incident as its own stream folds; `history` is that stream's events.
 */
export function planCorrection(request: CorrectionRequest, incident: Incident, history: readonly CanonicalEvent[]): CorrectionPlan {
  const reason = request.reason.trim();
  if (reason.length === 0) throw new InvalidCorrection('reason must not be empty', 'reason');
  if (reason.length > MAX_REASON_LENGTH) throw new InvalidCorrection(`reason must be at most ${MAX_REASON_LENGTH} characters`, 'reason');
  if (request.correction.type === 'IncidentImpactCorrected') checkImpact(request.correction, incident, request.at.getTime());

  const { type, data } = dataOf({ ...request, reason });
  const content = contentOf(type, data);
  const latest = history.findLast((event) => event.type === type);
  if (latest && contentOf(type, latest.data as CorrectionData[CorrectionEventType]) === content) {
    return { kind: 'already_recorded', eventId: latest.eventId, occurredAt: latest.metadata.occurredAt };
  }
  const eventId = derivedEventId('api-correction', type, entityKey.incident(request.incident.tool, request.incident.id), latest?.eventId ?? 'first', content);
  const metadata = {
    occurredAt: iso(request.at),
    source: 'api',
    schemaVersion: CURRENT_SCHEMA_VERSION,
    ...(request.correlationId ? { correlationId: request.correlationId } : {}),
  };
  // One call per type: newEvent validates the data against that type's schema.
  switch (type) {
    case 'IncidentImpactCorrected':
      return { kind: 'append', event: newEvent(type, data as CorrectionData[typeof type], metadata, eventId) };
    case 'IncidentMarkedNotChangeCaused':
      return { kind: 'append', event: newEvent(type, data as CorrectionData[typeof type], metadata, eventId) };
    case 'IncidentLinkedToDeployment':
      return { kind: 'append', event: newEvent(type, data as CorrectionData[typeof type], metadata, eventId) };
  }
}
