import { headerValue } from '../headers';
import { identifier, identifierAt, member } from '../json-fields';
import { signHexBodyHmac, verifyHexBodyHmac, type HexBodyHmacScheme } from '../schemes/hex-body-hmac';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

const SIGNATURE: HexBodyHmacScheme = { header: 'X-PagerDuty-Signature', prefix: 'v1=', separator: ',' };

/** The incident an `event.data` of any type belongs to (incident, note, responder, role, task…). */
function incidentOf(data: unknown): string | undefined {
  if (member(data, 'type') === 'incident') return identifierAt(data, 'id');
  return identifierAt(data, 'incident', 'id') ?? identifierAt(data, 'incident_role_assignments', 0, 'incident', 'id');
}

function serviceOf(data: unknown): string | undefined {
  return member(data, 'type') === 'service' ? identifierAt(data, 'id') : identifierAt(data, 'service', 'id');
}

export const pagerduty: VendorProfile = {
  verify: (request, secrets) => verifyHexBodyHmac(SIGNATURE, request, secrets),
  sign: (rawBody, secret) => signHexBodyHmac(SIGNATURE, rawBody, secret),
  deliveryId: (request, body) =>
    identifier(headerValue(request.headers, 'X-Webhook-Id')) ?? identifierAt(body, 'event', 'id'),
  // PagerDuty itself guarantees order per subscription and incident; keep it per incident.
  orderingEntity: (body) => {
    const data = member(body, 'event', 'data');
    const incident = incidentOf(data);
    if (incident !== undefined) return `incident:${incident}`;
    const service = serviceOf(data);
    return service === undefined ? undefined : `service:${service}`;
  },
  keptHeaders: [...COMMON_KEPT_HEADERS, 'x-webhook-id', 'x-webhook-subscription'],
};
