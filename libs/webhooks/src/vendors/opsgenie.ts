import { identifierAt } from '../json-fields';
import { signSharedToken, verifySharedToken } from '../schemes/shared-token';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

/**
 * Opsgenie's outgoing webhook signs nothing. Its integration settings allow custom headers, so the
 * operator adds `X-Tandem-Token: <TANDEM_OPSGENIE_WEBHOOK_TOKEN>` there, and that is what is checked.
 */
export const OPSGENIE_TOKEN_HEADER = 'X-Tandem-Token';

/**
 * Opsgenie documents no delivery id. `alertFlowContext.requestId` is on newer payloads; otherwise an
 * alert's action at one update instant identifies the delivery. `updatedAt` is in nanoseconds and
 * JSON.parse rounds it to 256 ns: the key stays identical for every retry of the same body, and two
 * updates of one alert are never that close.
 */
function compositeId(body: unknown): string | undefined {
  const alert = identifierAt(body, 'alert', 'alertId');
  const action = identifierAt(body, 'action');
  const updatedAt = identifierAt(body, 'alert', 'updatedAt');
  return alert && action && updatedAt ? `${alert}:${action}:${updatedAt}` : undefined;
}

export const opsgenie: VendorProfile = {
  verify: (request, secrets) => verifySharedToken(OPSGENIE_TOKEN_HEADER, request, secrets),
  sign: (_rawBody, secret) => signSharedToken(OPSGENIE_TOKEN_HEADER, secret),
  deliveryId: (_request, body) => identifierAt(body, 'alertFlowContext', 'requestId') ?? compositeId(body),
  orderingEntity: (body) => identifierAt(body, 'alert', 'alertId'),
  keptHeaders: [...COMMON_KEPT_HEADERS],
};
