import { fromJson, toJson, type DescMessage } from '@bufbuild/protobuf';
import { ContractError } from './errors';
import { EVENT_SCHEMAS, isEventType, type EventDataMap, type EventType } from './events';
import { isJsonObject, toJsonObject } from './json-value';
import { locateJsonError } from './locate-json-error';
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
  const json = toJsonObject(data, type);
  if (!json.ok) return json;
  let canonical;
  try {
    canonical = toJson(schema, fromJson(schema, json.value));
  } catch (error) {
    const reason = locateJsonError(schema, json.value, type) ?? `${type}: ${String(error)}`;
    return { ok: false, reason };
  }
  if (!isJsonObject(canonical)) return { ok: false, reason: `${type} did not encode to a JSON object` };
  const missing = findMissingRequired(schema, canonical, type);
  if (missing) return { ok: false, reason: missing };
  // toJson of EVENT_SCHEMAS[type] produces EventDataMap[type]; TypeScript cannot follow the
  // correlation through the union, hence the assertion.
  return { ok: true, type, data: canonical } as ValidEventData;
}

/** The throwing variant, for producers: bad data is a bug in the producer. */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventDataMap[T] {
  const result = validateEventData(type, data);
  if (!result.ok) throw new ContractError('CONTRACTS_INVALID_EVENT_DATA', result.reason);
  return result.data as EventDataMap[T];
}
