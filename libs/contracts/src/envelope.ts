/**
 * The metadata every canonical event carries, whatever its type.
 *
 * `occurredAt` is when it happened at the source (the vendor's event time, never our receive
 * time); `recordedAt` is set by the event store when the event is appended.
 */
export interface EventMetadata {
  /** ISO-8601 UTC instant at which the fact happened at the source. */
  occurredAt: string;
  /** Which tool the fact came from: `github`, `pagerduty`, `tandem.yaml`, `api`, `tandem` … */
  source: string;
  /** The vendor's delivery id (X-GitHub-Delivery, X-Webhook-Id …), when the fact came by webhook. */
  sourceDeliveryId?: string;
  /** Carried from the webhook request through Kafka headers into every derived event. */
  correlationId?: string;
  /** The id of the event (or delivery) that caused this one. */
  causationId?: string;
  /** Version of the event's schema (`proto/tandem/events/v<N>`); upcasters lift older ones. */
  schemaVersion: number;
}

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event about to be appended. `eventId` is deterministic (uuid v5), so appends are idempotent. */
export interface NewEvent<Type extends string = string, Data extends object = JsonObject> {
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

/** An event as stored: its stream, its place in the stream and in the global order. */
export interface RecordedEvent<Type extends string = string, Data extends object = JsonObject>
  extends NewEvent<Type, Data> {
  streamId: string;
  /** 0-based position of the event inside its stream. */
  streamVersion: number;
  /** Position in the store-wide commit order; strictly increasing, safe integer. */
  globalPosition: number;
  /** ISO-8601 UTC instant at which the store committed the event. */
  recordedAt: string;
}
