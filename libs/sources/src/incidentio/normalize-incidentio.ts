import { z } from 'zod';
import { NormalizationError } from '../normalization-error';
import type { DerivedEvent, Normalization, Normalizer } from '../normalizer';
import { parseJsonBody, parsePayload } from '../shared/payload';
import { followUpCreated, followUpUpdated } from './follow-ups';
import { incidentCreated, incidentStatusUpdated, incidentUpdated, rehearsalMode } from './incidents';
import type { FieldPaths } from './incidentio-model';
import { incidentioFollowUp, incidentioIncident, incidentioPostmortemStatusChange, incidentioStatusUpdate } from './incidentio-payload';
import { postmortemStatusUpdated } from './postmortems';

type Result = DerivedEvent[] | { ignored: string };
type Handler = (body: unknown, type: string) => Result;

/** The resource under the key named by the event type, read with its schema (paths start with the type). */
function resourceOf<S extends z.ZodType>(body: unknown, type: string, schema: S): z.output<S> {
  const parsed = parsePayload(z.object({ [type]: schema }), body, 'incident.io delivery');
  return parsed[type] as z.output<S>;
}

const pathsUnder = (type: string): FieldPaths => ({ at: (field) => `${type}.${field}` });

function rehearsal(mode: string): { ignored: string } {
  return { ignored: `a ${mode}-mode incident is a rehearsal and would count in every KPI` };
}

const onIncident =
  (handle: typeof incidentCreated): Handler =>
  (body, type) => {
    const incident = resourceOf(body, type, incidentioIncident);
    const mode = rehearsalMode(incident);
    return mode ? rehearsal(mode) : handle(incident, pathsUnder(type));
  };

const onStatusUpdate: Handler = (body, type) => {
  const update = resourceOf(body, type, incidentioStatusUpdate);
  const mode = rehearsalMode(update.incident);
  return mode ? rehearsal(mode) : incidentStatusUpdated(update, pathsUnder(type));
};

const onFollowUp =
  (handle: typeof followUpCreated): Handler =>
  (body, type) =>
    handle(resourceOf(body, type, incidentioFollowUp), pathsUnder(type));

const onPostmortem: Handler = (body, type) => postmortemStatusUpdated(resourceOf(body, type, incidentioPostmortemStatusChange), pathsUnder(type));

/** The event types Tandem reads (incident.io OpenAPI, `/x-webhooks/*`). */
const HANDLERS: ReadonlyMap<string, Handler> = new Map(
  Object.entries({
    'public_incident.incident_created_v2': onIncident(incidentCreated),
    'public_incident.incident_updated_v2': onIncident(incidentUpdated),
    'public_incident.incident_status_updated_v2': onStatusUpdate,
    'public_incident.follow_up_created_v2': onFollowUp(followUpCreated),
    'public_incident.follow_up_created_v1': onFollowUp(followUpCreated),
    'public_incident.follow_up_updated_v2': onFollowUp(followUpUpdated),
    'public_incident.follow_up_updated_v1': onFollowUp(followUpUpdated),
    // The former names of follow_up_*_v1, same payload.
    'public_incident.action_created_v1': onFollowUp(followUpCreated),
    'public_incident.action_updated_v1': onFollowUp(followUpUpdated),
    'public_incident.postmortem_document_status_updated_v1': onPostmortem,
  }),
);

/** Documented families Tandem knowingly does not use, by prefix. */
const IGNORED_FAMILIES: readonly (readonly [prefix: string, reason: string])[] = [
  [
    'private_incident.',
    'private incident events carry only an id; the incident would have to be fetched from the incident.io API, which a pure normalizer does not call',
  ],
  ['schedule.', 'on-call schedule changes are configuration; shifts come from schedules, not webhooks'],
];

/**
 * incident.io webhooks (Svix): `{ event_type: T, [T]: resource }`. Every `occurredAt` is a time of
 * the resource itself (`created_at`, `updated_at`, `completed_at`, a recorded incident timestamp).
 */
export const normalizeIncidentio: Normalizer = (delivery, _settings, parsed): Normalization => {
  const body = parseJsonBody(delivery, parsed);
  const { event_type: type } = parsePayload(z.object({ event_type: z.string().min(1) }), body, 'incident.io delivery');
  const handler = HANDLERS.get(type);
  if (!handler) {
    const reason = IGNORED_FAMILIES.find(([prefix]) => type.startsWith(prefix))?.[1];
    if (reason) return { outcome: 'ignored', reason: `incident.io ${type}: ${reason}` };
    throw new NormalizationError('UNKNOWN_EVENT_TYPE', `incident.io event_type "${type}" is neither handled nor knowingly ignored`);
  }
  const result = handler(body, type);
  return Array.isArray(result) ? { outcome: 'events', events: result } : { outcome: 'ignored', reason: `incident.io ${type}: ${result.ignored}` };
};
