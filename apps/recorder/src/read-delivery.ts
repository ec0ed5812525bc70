import type { NewEvent } from '@tandem/contracts';
import { carriesChatText, redactChatText, type ArchivedDelivery, type DeliveryToArchive } from '@tandem/archive';
import type { ConsumedMessage } from '@tandem/eventlog';
import {
  NormalizationError,
  parsedBodyOf,
  toCanonicalEvents,
  type DerivedEvent,
  type NormalizerRegistry,
  type NormalizerSettings,
  type ParsedBody,
} from '@tandem/sources';
import {
  decodeWebhookDelivery,
  ENVELOPE_LOG_HEADERS,
  InvalidWebhookEnvelopeError,
  isWebhookSource,
  WEBHOOK_ENVELOPE_VERSION,
  type WebhookEnvelope,
} from '@tandem/webhooks';

export interface Normalizing {
  normalizers: NormalizerRegistry;
  settings: NormalizerSettings;
}

export interface StreamEvents {
  streamId: string;
  events: NewEvent[];
}

/**
 * Why a delivery was dead-lettered: the normalizer's codes, plus
 * - INVALID_ENVELOPE: the log message is not an envelope the gateway writes;
 * - NORMALIZER_FAILED: a normalizer threw something else than a NormalizationError (a bug);
 * - STORE_REJECTED: the event store refused its events while accepting others.
 */
export type DeadLetterReason = NormalizationError['code'] | 'INVALID_ENVELOPE' | 'NORMALIZER_FAILED' | 'STORE_REJECTED';

/**
 * What one delivery comes to; `archived` is its row in the raw archive, chat text removed. A
 * reading lives until its batch is written, so it holds no text of the body it was read from.
 */
export type DeliveryReading =
  | { outcome: 'recorded'; streams: StreamEvents[]; archived: DeliveryToArchive }
  | { outcome: 'ignored'; reason: string; archived: DeliveryToArchive }
  | { outcome: 'dead_lettered'; reason: DeadLetterReason; error: Error; archived: DeliveryToArchive };

export type DeadLettered = Extract<DeliveryReading, { outcome: 'dead_lettered' }>;

/**
 * The recorder's functional core, shared by the recorder, `tandem import` and `tandem
 * renormalize`: normalizes one delivery into events grouped by stream, decides its outcome and its
 * archive row. No I/O, and it never throws: whatever the delivery holds, it ends as events,
 * ignored, or a dead letter with a reason. `rawBody`, the body's bytes when the caller has them,
 * is what the archive row keeps of a body without chat text (the same bytes as the text).
 */
export function readDelivery(delivery: WebhookEnvelope, { normalizers, settings }: Normalizing, rawBody?: Buffer): DeliveryReading {
  // A chat body is read twice, by its normalizer and by the redaction of its archive row: parsed once.
  const body: ArchivableBody = { rawBody, parsed: carriesChatText(delivery.source) ? parsedBodyOf(delivery) : undefined };
  let derived: DerivedEvent[];
  let events: ReturnType<typeof toCanonicalEvents>;
  try {
    const normalization = normalizers[delivery.source](delivery, settings, body.parsed);
    if (normalization.outcome === 'ignored') return ignored(delivery, normalization.reason, body);
    derived = normalization.events;
    events = toCanonicalEvents(delivery, derived);
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    const reason = thrown instanceof NormalizationError ? thrown.code : 'NORMALIZER_FAILED';
    return deadLettered(reason, error, archivedOf(delivery, { outcome: 'dead_lettered', reason }, false, body));
  }
  if (events.length === 0) return ignored(delivery, 'the normalizer derived no event from it', body);
  const kudos = derived.some((fact) => fact.type === 'MessagePosted' && fact.data.kudosText !== undefined);
  return { outcome: 'recorded', streams: groupByStream(events), archived: archivedOf(delivery, { outcome: 'recorded' }, kudos, body) };
}

/** `readDelivery` of a webhook topic message; one that is not an envelope is dead-lettered. */
export function readLogMessage(message: ConsumedMessage, normalizing: Normalizing): DeliveryReading {
  let decoded: ReturnType<typeof decodeWebhookDelivery>;
  try {
    decoded = decodeWebhookDelivery(message.value);
  } catch (thrown) {
    const error = thrown instanceof InvalidWebhookEnvelopeError ? thrown : new InvalidWebhookEnvelopeError(String(thrown), { cause: thrown });
    return deadLettered('INVALID_ENVELOPE', error, unreadableArchived(message));
  }
  return readDelivery(decoded.envelope, normalizing, decoded.rawBody);
}

/**
 * `readDelivery` of a row of the raw archive (`tandem renormalize`). A row archived as an
 * unreadable log message has no envelope to read: it stays a dead letter for the same reason.
 */
export function readArchivedDelivery(archived: ArchivedDelivery, normalizing: Normalizing): DeliveryReading {
  if (!isWebhookSource(archived.source)) {
    return deadLettered('INVALID_ENVELOPE', new Error('archived from a log message that was not a webhook envelope'), archived);
  }
  const { source, deliveryId, receivedAt, correlationId, headers, body } = archived;
  return readDelivery({ version: WEBHOOK_ENVELOPE_VERSION, source, deliveryId, receivedAt, correlationId, headers, body }, normalizing);
}

/** A delivery whose store refusal was found out when appending. */
export function refusedByStore(reading: DeliveryReading, error: Error): DeadLettered {
  return deadLettered('STORE_REJECTED', error, { ...reading.archived, outcome: 'dead_lettered', reason: 'STORE_REJECTED' });
}

/** What the archive row may be made of besides the text: the body's bytes, the body parsed. */
interface ArchivableBody {
  rawBody?: Buffer;
  parsed?: ParsedBody;
}

function ignored(delivery: WebhookEnvelope, reason: string, body: ArchivableBody): DeliveryReading {
  return { outcome: 'ignored', reason, archived: archivedOf(delivery, { outcome: 'ignored', reason }, false, body) };
}

function deadLettered(reason: DeadLetterReason, error: Error, archived: DeliveryToArchive): DeadLettered {
  return { outcome: 'dead_lettered', reason, error, archived };
}

function archivedOf(
  delivery: WebhookEnvelope,
  verdict: Pick<ArchivedDelivery, 'outcome' | 'reason'>,
  kudos: boolean,
  { rawBody, parsed }: ArchivableBody,
): DeliveryToArchive {
  return {
    source: delivery.source,
    deliveryId: delivery.deliveryId,
    receivedAt: delivery.receivedAt,
    correlationId: delivery.correlationId,
    headers: { ...delivery.headers },
    body: carriesChatText(delivery.source)
      ? redactChatText(delivery.source, delivery.body, { keepOwnText: kudos, parsed })
      : (rawBody ?? delivery.body),
    ...verdict,
  };
}

/**
 * An unreadable log message is archived under what its log headers say, else its log position.
 * Its value cannot be told apart from chat text, so none of it is kept: the dead-letter topic has it.
 */
function unreadableArchived(message: ConsumedMessage): ArchivedDelivery {
  const source = message.headers[ENVELOPE_LOG_HEADERS.source];
  const deliveryId = message.headers[ENVELOPE_LOG_HEADERS.deliveryId] || `log:${message.topic}/${message.partition}/${message.offset}`;
  return {
    source: source !== undefined && isWebhookSource(source) ? source : 'unknown',
    deliveryId,
    receivedAt: new Date(Number.isFinite(message.timestamp) ? message.timestamp : 0).toISOString(),
    correlationId: message.headers[ENVELOPE_LOG_HEADERS.correlationId] || deliveryId,
    headers: {},
    body: '',
    outcome: 'dead_lettered',
    reason: 'INVALID_ENVELOPE',
  };
}

/** Events of one stream stay together and in the normalizer's order. */
function groupByStream(events: { streamId: string; event: NewEvent }[]): StreamEvents[] {
  const byStream = new Map<string, NewEvent[]>();
  for (const { streamId, event } of events) {
    const list = byStream.get(streamId) ?? [];
    list.push(event);
    byStream.set(streamId, list);
  }
  return [...byStream].map(([streamId, streamEvents]) => ({ streamId, events: streamEvents }));
}
