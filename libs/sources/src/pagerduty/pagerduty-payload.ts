import { z } from 'zod';

/**
 * The fields of PagerDuty V3 webhook bodies the normalizer reads, and only those: other fields
 * are accepted (and left out of the parsed value), so PagerDuty may add fields freely, while a missing or mistyped field we need is MALFORMED with
 * its path. Times stay strings and go through `vendor-time`.
 *
 * A V3 body is `{ event: { id, event_type, resource_type, occurred_at, agent, client, data } }`;
 * `data` depends on `event_type` (developer.pagerduty.com, Webhooks v3 overview), so it is read in
 * a second step by the schema of its event family.
 */

/** A PagerDuty resource reference (`user_reference`, `service_reference`, …). */
export const pagerdutyReference = z.object({
  id: z.string().min(1),
  type: z.string().optional(),
  summary: z.string().nullish(),
});
export type PagerdutyReference = z.infer<typeof pagerdutyReference>;

export const pagerdutyDelivery = z.object({
  event: z.object({
    id: z.string().min(1),
    event_type: z.string().min(1),
    occurred_at: z.string(),
    /** Who or what initiated the event; `null` when PagerDuty itself (automation) did. */
    agent: pagerdutyReference.nullish(),
    data: z.unknown(),
  }),
});
export type PagerdutyDelivery = z.infer<typeof pagerdutyDelivery>;
export type PagerdutyEvent = PagerdutyDelivery['event'];

/** `event.data` of `data.type` `incident`, with the fields every incident event needs. */
export const pagerdutyIncidentRef = z.object({
  id: z.string().min(1),
});

/** `event.data` of `incident.triggered`: what the page and the incident are made of. */
export const pagerdutyTriggeredIncident = z.object({
  id: z.string().min(1),
  number: z.number().int().nullish(),
  title: z.string().nullish(),
  incident_key: z.string().nullish(),
  service: pagerdutyReference,
  urgency: z.enum(['high', 'low']),
  /** `null` when the account uses no priorities or none is set. */
  priority: z.object({ summary: z.string() }).nullish(),
  escalation_policy: pagerdutyReference.nullish(),
  assignees: z.array(pagerdutyReference).nullish(),
});
export type PagerdutyTriggeredIncident = z.infer<typeof pagerdutyTriggeredIncident>;

/** `event.data` of `incident.priority_updated`: the new priority (or none) and the urgency behind it. */
export const pagerdutyPrioritizedIncident = z.object({
  id: z.string().min(1),
  urgency: z.enum(['high', 'low']),
  priority: z.object({ summary: z.string() }).nullish(),
});

/** `event.data` of `incident.escalated`, `reassigned` and `delegated`: who holds it now. */
export const pagerdutyAssignedIncident = z.object({
  id: z.string().min(1),
  assignees: z.array(pagerdutyReference),
  escalation_policy: pagerdutyReference.nullish(),
});

/** `event.data` of `incident.service_updated`: the incident's service after the move. */
export const pagerdutyIncidentService = z.object({
  id: z.string().min(1),
  service: pagerdutyReference,
});

/** `event.data` of `data.type` `incident_responder` (`incident.responder.added` / `replied`). */
export const pagerdutyResponder = z.object({
  incident: pagerdutyReference,
  /** The person asked; absent or null when the request went to an escalation policy only. */
  user: pagerdutyReference.nullish(),
  /** `pending` on added; `joined` or `declined` on replied. */
  state: z.string(),
});

/** `event.data` of `data.type` `incident_role_assignment` (`incident.role.assigned`). */
export const pagerdutyRoleAssignments = z.object({
  incident_role_assignments: z.array(
    z.object({
      incident: pagerdutyReference,
      /** Null when the role was unassigned. */
      assignee: pagerdutyReference.nullish(),
      role: pagerdutyReference,
      status: z.string().nullish(),
    }),
  ),
});
