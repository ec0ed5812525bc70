import type { ExternalIdentityJson } from '@tandem/contracts';
import type { z } from 'zod';
import { parsePayload } from '../shared/payload';
import type { PagerdutyEvent } from './pagerduty-payload';

/** What every PagerDuty event shares: the event, PagerDuty's time of it, and who did it. */
export interface PagerdutyEventContext {
  event: PagerdutyEvent;
  /** `event.occurred_at` as a UTC instant. */
  occurredAt: string;
  /** `event.agent`; unset for automation. */
  by: ExternalIdentityJson | undefined;
}

/** Sets `by` only when there is an actor: canonical JSON omits unset fields. */
export function withBy<T extends object>(data: T, by: ExternalIdentityJson | undefined): T & { by?: ExternalIdentityJson } {
  return by ? { ...data, by } : data;
}

/** Reads `event.data` with the schema of the event's family; a bad field is MALFORMED, by its path. */
export function dataOf<S extends z.ZodType>(schema: S, context: PagerdutyEventContext): z.output<S> {
  return parsePayload(schema, context.event.data, `PagerDuty ${context.event.event_type} event.data`);
}
