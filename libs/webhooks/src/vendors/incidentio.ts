import { headerValue } from '../headers';
import { identifier, identifierAt, member } from '../json-fields';
import { signStandardWebhook, verifyStandardWebhook } from '../schemes/standard-webhooks';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

/**
 * incident.io bodies are `{ event_type: T, [T]: resource }`. The incident is the resource itself for
 * `*.incident_*` events, and is referenced by follow-ups, status updates and post-mortems.
 */
function incidentOf(body: unknown): string | undefined {
  const eventType = identifierAt(body, 'event_type');
  if (eventType === undefined) return undefined;
  const resource = member(body, eventType);
  return (
    identifierAt(resource, 'incident_id') ??
    identifierAt(resource, 'incident', 'id') ??
    identifierAt(resource, 'postmortem_document', 'incident_id') ??
    (/\.incident_/.test(eventType) ? identifierAt(resource, 'id') : undefined)
  );
}

export const incidentio: VendorProfile = {
  verify: verifyStandardWebhook,
  sign: signStandardWebhook,
  deliveryId: (request) => identifier(headerValue(request.headers, 'webhook-id')),
  orderingEntity: incidentOf,
  keptHeaders: [...COMMON_KEPT_HEADERS, 'webhook-id', 'webhook-timestamp'],
};
