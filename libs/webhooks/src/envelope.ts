import { z } from 'zod';
import { WEBHOOK_SOURCES, type WebhookSource } from './webhook-source';

export const WEBHOOK_ENVELOPE_VERSION = 1;

/**
 * One verified delivery as it travels on the log (`WEBHOOKS_TOPIC` of `@tandem/eventlog`): enough to
 * re-normalize and trace it.
 *
 * `body` is the raw body as UTF-8 text rather than base64: the gateway only accepts bodies that are
 * valid UTF-8 (JSON must be, RFC 8259 §8.1), so the text converts back to the exact signed bytes,
 * while staying readable in the log, a third smaller than base64, and redactable as text.
 */
export interface WebhookEnvelope {
  readonly version: typeof WEBHOOK_ENVELOPE_VERSION;
  readonly source: WebhookSource;
  readonly deliveryId: string;
  /** ISO-8601 UTC instant at which the gateway received the delivery. */
  readonly receivedAt: string;
  readonly correlationId: string;
  /** Allow-listed delivery headers, lower-cased; no signature or token. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const envelopeSchema = z
  .object({
    version: z.literal(WEBHOOK_ENVELOPE_VERSION),
    source: z.enum(WEBHOOK_SOURCES),
    deliveryId: z.string().min(1),
    receivedAt: z.iso.datetime(),
    correlationId: z.string().min(1),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  })
  .strict();

export class InvalidWebhookEnvelopeError extends Error {
  override readonly name = 'InvalidWebhookEnvelopeError';
}

export function encodeWebhookEnvelope(envelope: WebhookEnvelope): Buffer {
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

/** Parses and validates a log message value; throws `InvalidWebhookEnvelopeError` saying what is wrong. */
export function decodeWebhookEnvelope(value: Buffer): WebhookEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (cause) {
    throw new InvalidWebhookEnvelopeError('webhook envelope is not JSON', { cause });
  }
  const result = envelopeSchema.safeParse(parsed);
  if (!result.success) {
    throw new InvalidWebhookEnvelopeError(`invalid webhook envelope: ${z.prettifyError(result.error)}`, {
      cause: result.error,
    });
  }
  return result.data;
}

/** The exact bytes the vendor signed. */
export function envelopeRawBody(envelope: WebhookEnvelope): Buffer {
  return Buffer.from(envelope.body, 'utf8');
}

/** Log message headers that let a consumer or an operator trace a delivery without decoding it. */
export const ENVELOPE_LOG_HEADERS = {
  source: 'tandem-source',
  deliveryId: 'tandem-delivery-id',
  correlationId: 'tandem-correlation-id',
} as const;

export function envelopeLogHeaders(envelope: WebhookEnvelope): Record<string, string> {
  return {
    [ENVELOPE_LOG_HEADERS.source]: envelope.source,
    [ENVELOPE_LOG_HEADERS.deliveryId]: envelope.deliveryId,
    [ENVELOPE_LOG_HEADERS.correlationId]: envelope.correlationId,
  };
}
