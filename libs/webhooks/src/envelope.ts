import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { WEBHOOK_SOURCES, type WebhookSource } from './webhook-source';

/**
 * Version 2 frames the log value as one line of JSON (every field but the body), a newline, then
 * the body's raw bytes. Version 1 was one JSON document with the body as a JSON string inside it:
 * the gateway escaped every body and the recorder unescaped it again, a tenth more bytes on the log
 * and two passes over each body. Values of version 1 still on the log are read as before.
 */
export const WEBHOOK_ENVELOPE_VERSION = 2;

/**
 * One verified delivery as it travels on the log (`WEBHOOKS_TOPIC` of `@tandem/eventlog`): enough to
 * re-normalize and trace it.
 *
 * `body` is the raw body as UTF-8 text: the gateway only accepts bodies that are valid UTF-8 (JSON
 * must be, RFC 8259 §8.1), so the text converts back to the exact signed bytes, and stays readable
 * in the log and redactable as text.
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

/** The envelope's first line: everything but the body. */
export type WebhookEnvelopeHeader = Omit<WebhookEnvelope, 'body'>;

const NEWLINE = 0x0a;

const headerFields = {
  source: z.enum(WEBHOOK_SOURCES),
  deliveryId: z.string().min(1),
  receivedAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  headers: z.record(z.string(), z.string()),
};
const headerSchema = z.object({ version: z.literal(WEBHOOK_ENVELOPE_VERSION), ...headerFields }).strict();
const versionOneSchema = z.object({ version: z.literal(1), ...headerFields, body: z.string() }).strict();

export class InvalidWebhookEnvelopeError extends Error {
  override readonly name = 'InvalidWebhookEnvelopeError';
}

export function encodeWebhookEnvelope(envelope: WebhookEnvelope): Buffer {
  const { body, ...header } = envelope;
  return encodeWebhookDelivery(header, Buffer.from(body, 'utf8'));
}

/**
 * The log value of a delivery whose body the caller holds as the signed bytes (the gateway): they
 * are copied as they are, never decoded and escaped. JSON.stringify writes no raw newline, so the
 * first newline of the value ends the header.
 */
export function encodeWebhookDelivery(header: WebhookEnvelopeHeader, rawBody: Buffer): Buffer {
  const { version, source, deliveryId, receivedAt, correlationId, headers } = header;
  const line = Buffer.from(`${JSON.stringify({ version, source, deliveryId, receivedAt, correlationId, headers })}\n`, 'utf8');
  return Buffer.concat([line, rawBody], line.length + rawBody.length);
}

/**
 * Parses and validates a log message value of either version; throws `InvalidWebhookEnvelopeError`
 * saying what is wrong. A value without a newline is a version 1 document (compact JSON has none).
 */
export function decodeWebhookEnvelope(value: Buffer): WebhookEnvelope {
  return decodeWebhookDelivery(value).envelope;
}

/**
 * `decodeWebhookEnvelope`, plus the body's bytes: a slice of `value` (a copy for version 1), for a
 * consumer that keeps the raw body longer than it needs the text (the recorder's archive).
 */
export function decodeWebhookDelivery(value: Buffer): { envelope: WebhookEnvelope; rawBody: Buffer } {
  const end = value.indexOf(NEWLINE);
  if (end === -1) {
    const envelope = decodeVersionOne(value);
    return { envelope, rawBody: envelopeRawBody(envelope) };
  }
  const header = validated(headerSchema, parseJson(value.subarray(0, end)));
  const rawBody = value.subarray(end + 1);
  if (!isUtf8(rawBody)) throw new InvalidWebhookEnvelopeError('webhook envelope body is not valid UTF-8');
  return { envelope: { ...header, body: rawBody.toString('utf8') }, rawBody };
}

/** An envelope the gateways wrote before version 2, read as the current version (same fields). */
function decodeVersionOne(value: Buffer): WebhookEnvelope {
  const { version: _one, ...fields } = validated(versionOneSchema, parseJson(value));
  return { version: WEBHOOK_ENVELOPE_VERSION, ...fields };
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new InvalidWebhookEnvelopeError('webhook envelope is not JSON', { cause });
  }
}

function validated<S extends z.ZodType>(schema: S, parsed: unknown): z.output<S> {
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new InvalidWebhookEnvelopeError(`invalid webhook envelope: ${z.prettifyError(result.error)}`, { cause: result.error });
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

export function envelopeLogHeaders(envelope: WebhookEnvelopeHeader): Record<string, string> {
  return {
    [ENVELOPE_LOG_HEADERS.source]: envelope.source,
    [ENVELOPE_LOG_HEADERS.deliveryId]: envelope.deliveryId,
    [ENVELOPE_LOG_HEADERS.correlationId]: envelope.correlationId,
  };
}
