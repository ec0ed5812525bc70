import { z } from 'zod';

/**
 * The fields of Opsgenie outgoing-webhook bodies the normalizer reads, and only those: other
 * fields are accepted (and left out of the parsed value), so Opsgenie may add fields freely, while a missing or mistyped field we need is
 * MALFORMED with its path.
 *
 * A body is `{ action, alert: {…}, source, integrationId, integrationName, … }`. Times are epoch
 * numbers in two units: `alert.createdAt` in milliseconds, `alert.updatedAt` in nanoseconds; both
 * go through `fromEpochOfAnyUnit`, which tells the unit from the magnitude.
 */

const epoch = z.union([z.number(), z.string()]);

export const opsgenieAlert = z.object({
  alertId: z.string().min(1),
  /** The deduplication key. */
  alias: z.string().nullish(),
  /** The short number shown in Opsgenie (`#23`). */
  tinyId: z.string().nullish(),
  /** The alert's title. */
  message: z.string().nullish(),
  /** Who did the action: the Opsgenie login (an email address), or `System` for automation. */
  username: z.string().nullish(),
  userFullName: z.string().nullish(),
  createdAt: epoch.nullish(),
  updatedAt: epoch.nullish(),
  /** `P1`…`P5`; some payloads carry the bare number. */
  priority: z.union([z.number().int(), z.string()]).nullish(),
  /** Ids of the teams the alert is assigned to (on Create). */
  teams: z.array(z.string()).nullish(),
  /** The new owner's login, on AssignOwnership. */
  owner: z.string().nullish(),
});
export type OpsgenieAlert = z.infer<typeof opsgenieAlert>;

export const opsgenieDelivery = z.object({
  action: z.string().min(1),
  alert: opsgenieAlert,
  /** The outgoing Webhook integration that sent the delivery. */
  integrationId: z.string().nullish(),
  integrationName: z.string().nullish(),
  /** On Escalate: who or what the escalation notified. */
  escalationNotify: z
    .object({
      name: z.string().nullish(),
      /** `user`, `team`, `schedule`, … */
      entity: z.string().nullish(),
    })
    .nullish(),
});
export type OpsgenieDelivery = z.infer<typeof opsgenieDelivery>;
