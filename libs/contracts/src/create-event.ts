import { validate as isUuid } from 'uuid';
import { ContractError } from './errors';
import type { EventMetadata, NewEvent } from './envelope';
import type { EventDataMap, EventType, NewCanonicalEvent } from './events';
import { CURRENT_SCHEMA_VERSION } from './upcast';
import { parseEventData } from './validate';

/** An RFC 3339 instant in UTC, as EventMetadata promises: normalizers convert vendor formats. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * The one way to build an event to append: the data is validated and stored in its canonical
 * JSON form, the metadata checked. Throws ContractError (a producer bug) on bad input.
 */
export function newEvent<T extends EventType>(
  type: T,
  data: EventDataMap[T],
  metadata: EventMetadata,
  eventId: string,
): NewEvent<T, EventDataMap[T]> {
  if (!isUuid(eventId)) throw invalidMetadata(`${type}: event id "${eventId}" is not a uuid`);
  if (!UTC_INSTANT.test(metadata.occurredAt) || Number.isNaN(Date.parse(metadata.occurredAt))) {
    throw invalidMetadata(`${type}: occurredAt "${metadata.occurredAt}" is not a UTC instant like 2024-05-01T12:00:00Z`);
  }
  if (metadata.source.length === 0) throw invalidMetadata(`${type}: source is empty`);
  if (metadata.schemaVersion !== CURRENT_SCHEMA_VERSION) {
    throw invalidMetadata(`${type}: new events are written at schema version ${CURRENT_SCHEMA_VERSION}, not ${metadata.schemaVersion}`);
  }
  return { eventId, type, data: parseEventData(type, data), metadata: { ...metadata } };
}

/**
 * The event store port speaks plain JSON objects. Canonical data is JSON by construction (it is
 * the output of protobuf's toJson), but its generated types declare optional keys, which
 * TypeScript will not widen to JsonObject; this only changes the static type.
 */
export function toStoredEvent(event: NewCanonicalEvent): NewEvent {
  return event as unknown as NewEvent;
}

function invalidMetadata(message: string): ContractError {
  return new ContractError('CONTRACTS_INVALID_METADATA', message);
}
