import { z } from 'zod';

/**
 * The fields of incident.io webhook bodies the normalizer reads, and only those: other fields are
 * accepted (and left out of the parsed value), so incident.io may add fields freely, while a missing or mistyped field we need is MALFORMED with
 * its path. Times stay strings (ISO-8601) and go through `vendor-time`.
 *
 * A body is `{ event_type: T, [T]: resource }` (incident.io OpenAPI, `/x-webhooks/<T>`).
 */

const isoTime = z.string();

/** An incident.io user (`UserV1`/`UserV2`): the id is what tandem.yaml lists. */
export const incidentioUser = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
  slack_user_id: z.string().nullish(),
});
export type IncidentioUser = z.infer<typeof incidentioUser>;

/** Who created something: a user, or automation (an API key, a workflow, an alert). */
const actor = z.object({ user: incidentioUser.nullish() }).nullish();

/** The status categories of incident.io's status model. */
export const STATUS_CATEGORIES = ['triage', 'live', 'paused', 'learning', 'closed', 'declined', 'merged', 'canceled'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const incidentioStatus = z.object({
  category: z.enum(STATUS_CATEGORIES),
  name: z.string().nullish(),
});
export type IncidentioStatus = z.infer<typeof incidentioStatus>;

/** `IncidentV2`, as carried by the incident_created/updated/status_updated events. */
export const incidentioIncident = z.object({
  id: z.string().min(1),
  reference: z.string().nullish(),
  name: z.string().nullish(),
  /** standard, retrospective, test, tutorial. */
  mode: z.string().nullish(),
  created_at: isoTime,
  updated_at: isoTime,
  incident_status: incidentioStatus,
  /** Unset while in triage without a severity. */
  severity: z.object({ name: z.string().nullish(), rank: z.number() }).nullish(),
  creator: actor,
  incident_role_assignments: z
    .array(
      z.object({
        assignee: incidentioUser.nullish(),
        role: z.object({ name: z.string().nullish(), role_type: z.string().nullish() }),
      }),
    )
    .nullish(),
  incident_timestamp_values: z
    .array(
      z.object({
        incident_timestamp: z.object({ name: z.string() }),
        value: z.object({ value: isoTime.nullish() }).nullish(),
      }),
    )
    .nullish(),
  slack_channel_id: z.string().nullish(),
  ms_teams_channel_url: z.string().nullish(),
  custom_field_entries: z
    .array(z.object({ values: z.array(z.object({ value_catalog_entry: z.object({ id: z.string().min(1) }).nullish() })) }))
    .nullish(),
});
export type IncidentioIncident = z.infer<typeof incidentioIncident>;

/** `public_incident.incident_status_updated_v2`: the incident and the status change. */
export const incidentioStatusUpdate = z.object({
  incident: incidentioIncident,
  previous_status: incidentioStatus.nullish(),
  new_status: incidentioStatus,
});

/** `FollowUpV1`/`FollowUpV2` (formerly actions). */
export const incidentioFollowUp = z.object({
  id: z.string().min(1),
  incident_id: z.string().min(1),
  /** outstanding, completed, not_doing, deleted. */
  status: z.string().min(1),
  assignee: incidentioUser.nullish(),
  creator: actor,
  created_at: isoTime,
  updated_at: isoTime,
  completed_at: isoTime.nullish(),
});
export type IncidentioFollowUp = z.infer<typeof incidentioFollowUp>;

/** `PostmortemDocumentWithStatusChangeV1`. */
export const incidentioPostmortemStatusChange = z.object({
  /** not_started, created, review, complete. */
  new_status: z.string().min(1),
  previous_status: z.string().nullish(),
  postmortem_document: z.object({
    id: z.string().min(1),
    incident_id: z.string().min(1),
    created_at: isoTime,
    /** "Timestamp for when the document was last updated" (no format in the spec). */
    updated_at: isoTime,
    editors: z.array(incidentioUser).nullish(),
  }),
});
export type IncidentioPostmortemStatusChange = z.infer<typeof incidentioPostmortemStatusChange>;
