import { WEBHOOK_SOURCES } from '@tandem/webhooks';

/** What became of a request: the `outcome` label of the metrics, one per kind of answer. */
export type WebhookOutcome =
  | 'accepted'
  | 'duplicate'
  | 'challenge_answered'
  | 'unknown_source'
  | 'unauthorized'
  | 'payload_too_large'
  | 'invalid_body'
  | 'log_unavailable'
  | 'internal_error';

/** An HTTP answer, independent of the transport that sends it. */
export interface WebhookReply {
  readonly outcome: WebhookOutcome;
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Errors are `{ error: { code, message } }`; the code is the outcome, the message says why. */
export function errorReply(
  outcome: Exclude<WebhookOutcome, 'accepted' | 'duplicate' | 'challenge_answered'>,
  status: number,
  message: string,
  headers?: Readonly<Record<string, string>>,
): WebhookReply {
  return { outcome, status, body: { error: { code: outcome, message } }, headers };
}

/** Vendors retry on 5xx; a broker outage is usually short, so ask them to come back soon. */
const RETRY_AFTER_SECONDS = '5';

export const REPLIES = {
  unknownSource: () => errorReply('unknown_source', 404, `unknown webhook source; expected one of ${WEBHOOK_SOURCES.join(', ')}`),
  unauthorized: (reason: string) => errorReply('unauthorized', 401, reason),
  payloadTooLarge: (limitBytes: number) => errorReply('payload_too_large', 413, `body larger than ${limitBytes} bytes`),
  invalidBody: (reason: string) => errorReply('invalid_body', 400, reason),
  logUnavailable: () =>
    errorReply('log_unavailable', 503, 'event log unavailable; retry later', { 'retry-after': RETRY_AFTER_SECONDS }),
  internalError: () => errorReply('internal_error', 500, 'internal error'),
} as const;
