import type { DescMessage } from '@bufbuild/protobuf';
import { canonicalJson } from './canonical-json';
import { ContractError } from './errors';
import { EVENT_SCHEMAS, isEventType, type EventDataMap, type EventType } from './events';
import { findMissingRequired } from './required-fields';

/** Valid data, narrowed by `type`, in canonical proto3 JSON (lowerCamelCase names, unset fields omitted). */
export type ValidEventData = { [T in EventType]: { ok: true; type: T; data: EventDataMap[T] } }[EventType];

export type EventDataValidation = ValidEventData | { ok: false; reason: string };

/**
 * The boundary check for event data coming from outside the type system (normalizers, the store,
 * imports): the type must exist, every field must be known and well typed, and the fields the
 * schema marks required must be set. A failure's reason names the offending field path.
 */
export function validateEventData(type: string, data: unknown): EventDataValidation {
  if (!isEventType(type)) return { ok: false, reason: `unknown event type "${type}"` };
  const schema: DescMessage = EVENT_SCHEMAS[type];
  const canonical = canonicalJson(schema, data, type);
  if (!canonical.ok) return canonical;
  const missing = findMissingRequired(schema, canonical.value, type);
  if (missing) return { ok: false, reason: missing };
  // The canonical JSON of EVENT_SCHEMAS[type] is EventDataMap[type]; TypeScript cannot follow the
  // correlation through the union, hence the assertion.
  return { ok: true, type, data: canonical.value } as ValidEventData;
}

/** The throwing variant, for producers: bad data is a bug in the producer. */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventDataMap[T] {
  const result = validateEventData(type, data);
  if (!result.ok) throw new ContractError('CONTRACTS_INVALID_EVENT_DATA', result.reason);
  return result.data as EventDataMap[T];
}
