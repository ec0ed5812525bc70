import { ScalarType, type DescEnum, type DescField, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';

/**
 * The canonical proto3 JSON of producer data, computed straight from the descriptors, for the
 * common case only: what `toJson(schema, fromJson(schema, toJsonObject(data)))` returns, without
 * building a message on the way (that round trip was most of the cost of appending an event).
 *
 * It answers `undefined` whenever the input is not the plain case: an unknown key, a mistyped or
 * out-of-range value, a number where an enum name is expected, a field given twice, a null in a
 * oneof or a list, an `undefined` list item, a class instance, a field kind it does not know. The
 * caller then takes the reference path (the library round trip), which decides and names the
 * error; so this never accepts what the reference path refuses, nor words a reason itself.
 * `canonical-json.unit.spec.ts` holds the two equal over generated data for every event type.
 *
 * Mirrors @bufbuild/protobuf 2.x `fromJson`/`toJson` with default options: keys by proto name or
 * JSON name, null clears a field, implicit-presence zero values omitted, explicit-presence values
 * kept, enums by name, Timestamps re-written in UTC with 0, 3, 6 or 9 fraction digits, keys in
 * field-number order.
 */
export function fastCanonicalJson(schema: DescMessage, data: unknown): JsonObject | undefined {
  try {
    return readMessage(planOf(schema), data, 0);
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

/** Thrown (never escapes) when the input leaves the plain case. */
const NOT_PLAIN = new Error('not the plain case: use the reference path');

function notPlain(): never {
  throw NOT_PLAIN;
}

/** Reads a field's JSON value; `undefined` means the field is omitted from the output. */
type ValueReader = (value: unknown, depth: number) => JsonValue | undefined;

interface FieldPlan {
  /** Position in field-number order, the order of toJson's output. */
  slot: number;
  jsonName: string;
  oneof?: number;
  read: ValueReader;
}

interface MessagePlan {
  byKey: Map<string, FieldPlan>;
  /** JSON names in field-number order. */
  outputKeys: string[];
}

/** Far deeper than any event schema, well within fromJson's limit (100): deeper input takes the reference path. */
const MAX_DEPTH = 32;
const TIMESTAMP = 'google.protobuf.Timestamp';
/** google.protobuf.FeatureSet.FieldPresence.IMPLICIT: proto3 fields without `optional`. */
const IMPLICIT_PRESENCE = 2;
/** protobuf-es `wkt/json`: the range a Timestamp may hold. */
const TIMESTAMP_MS_MIN = Date.parse('0001-01-01T00:00:00Z');
const TIMESTAMP_MS_MAX = Date.parse('9999-12-31T23:59:59Z');
/** protobuf-es `timestampFromJson`'s pattern. */
const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(?:Z|([+-][0-9][0-9]:[0-9][0-9]))$/;
const UINT32_MAX = 0xffffffff;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
/** Node 20 has it (the library's UTF-8 check uses it too); TypeScript's ES2022 lib does not declare it. */
const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean }).isWellFormed;

const plans = new WeakMap<DescMessage, MessagePlan>();

function planOf(schema: DescMessage): MessagePlan {
  let plan = plans.get(schema);
  if (plan === undefined) {
    const sorted = [...schema.fields].sort((a, b) => a.number - b.number);
    plan = { byKey: new Map(), outputKeys: sorted.map((field) => field.jsonName) };
    // Registered before its fields are compiled, so a recursive message type finds itself.
    plans.set(schema, plan);
    for (const field of schema.fields) {
      const fieldPlan: FieldPlan = {
        slot: sorted.indexOf(field),
        jsonName: field.jsonName,
        oneof: field.oneof === undefined ? undefined : schema.oneofs.indexOf(field.oneof),
        read: fieldReader(field),
      };
      plan.byKey.set(field.name, fieldPlan).set(field.jsonName, fieldPlan);
    }
  }
  return plan;
}

function readMessage(plan: MessagePlan, value: unknown, depth: number): JsonObject {
  if (depth >= MAX_DEPTH || !isPlainObject(value)) notPlain();
  const slots: (JsonValue | undefined)[] = new Array(plan.outputKeys.length);
  const seen: boolean[] = new Array(plan.outputKeys.length);
  let oneofsSet: number[] | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    // Absent for JSON.stringify, so for the reference path too.
    if (item === undefined) continue;
    const field = plan.byKey.get(key);
    if (field === undefined || seen[field.slot]) notPlain();
    seen[field.slot] = true;
    if (field.oneof !== undefined) {
      if (item === null || oneofsSet?.includes(field.oneof)) notPlain();
      (oneofsSet ??= []).push(field.oneof);
    }
    // null clears a field: it stays out of the output.
    if (item !== null) slots[field.slot] = field.read(item, depth + 1);
  }
  const json: JsonObject = {};
  for (let slot = 0; slot < slots.length; slot++) {
    const output = slots[slot];
    if (output !== undefined) json[plan.outputKeys[slot]] = output;
  }
  return json;
}

function fieldReader(field: DescField): ValueReader {
  // A oneof member is always written when set, as an explicit-presence field is.
  const implicit = field.presence === IMPLICIT_PRESENCE && field.oneof === undefined;
  switch (field.fieldKind) {
    case 'scalar':
      return scalarReader(field.scalar, implicit);
    case 'enum':
      return enumReader(field.enum, implicit);
    case 'message':
      return messageReader(field.message);
    case 'list': {
      const readItem =
        field.listKind === 'scalar' ? scalarReader(field.scalar, false) : field.listKind === 'enum' ? enumReader(field.enum, false) : messageReader(field.message);
      return (value, depth) => {
        if (!Array.isArray(value)) notPlain();
        if (value.length === 0) return undefined;
        return value.map((item: unknown) => (item === null || item === undefined ? notPlain() : (readItem(item, depth) as JsonValue)));
      };
    }
    default:
      return notPlain;
  }
}

function scalarReader(scalar: ScalarType, implicit: boolean): ValueReader {
  switch (scalar) {
    case ScalarType.STRING:
      return (value) => (typeof value !== 'string' || !isWellFormed.call(value) ? notPlain() : implicit && value === '' ? undefined : value);
    case ScalarType.BOOL:
      return (value) => (typeof value !== 'boolean' ? notPlain() : implicit && !value ? undefined : value);
    case ScalarType.UINT32:
      return integerReader(0, UINT32_MAX, implicit);
    case ScalarType.INT32:
      return integerReader(INT32_MIN, INT32_MAX, implicit);
    case ScalarType.DOUBLE:
      // The reference omits only +0: toJson tells -0 apart with Object.is.
      return (value) => (typeof value !== 'number' || !Number.isFinite(value) ? notPlain() : implicit && Object.is(value, 0) ? undefined : value);
    default:
      // 64-bit integers (strings in JSON), floats, bytes: the reference path.
      return notPlain;
  }
}

function integerReader(min: number, max: number, implicit: boolean): ValueReader {
  return (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) notPlain();
    // -0 == 0: the reference omits both under implicit presence.
    return implicit && value === 0 ? undefined : value;
  };
}

function enumReader(descEnum: DescEnum, implicit: boolean): ValueReader {
  if (descEnum.typeName === 'google.protobuf.NullValue') return notPlain;
  // Input by JSON name or proto name (the latter wins on a clash, as in fromJson), output by the
  // JSON name of the value's number, as toJson writes it; the zero value is omitted when implicit.
  const zero = descEnum.values[0].number;
  const numbers = new Map<string, number>();
  for (const value of descEnum.values) numbers.set(value.jsonName, value.number);
  for (const value of descEnum.values) numbers.set(value.name, value.number);
  const outputs = new Map([...numbers].map(([input, number]) => [input, implicit && number === zero ? undefined : descEnum.value[number].jsonName]));
  return (value) => (typeof value === 'string' && outputs.has(value) ? outputs.get(value) : notPlain());
}

function messageReader(message: DescMessage): ValueReader {
  if (message.typeName === TIMESTAMP) return timestampReader;
  if (message.typeName.startsWith('google.protobuf.')) return notPlain;
  return (value, depth) => readMessage(planOf(message), value, depth);
}

/** protobuf-es `timestampFromJson` then `timestampToJson`: the same instant, in UTC. */
function timestampReader(value: unknown): string {
  if (typeof value !== 'string') notPlain();
  const match = RFC3339.exec(value);
  if (match === null) notPlain();
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset ?? 'Z'}`);
  if (Number.isNaN(ms) || ms < TIMESTAMP_MS_MIN || ms > TIMESTAMP_MS_MAX) notPlain();
  const nanos = fraction === undefined ? 0 : Number.parseInt(`1${fraction.padEnd(9, '0')}`, 10) - 1_000_000_000;
  return new Date(ms).toISOString().replace('.000Z', nanosSuffix(nanos));
}

function nanosSuffix(nanos: number): string {
  if (nanos === 0) return 'Z';
  const digits = String(nanos + 1_000_000_000).slice(1);
  if (digits.endsWith('000000')) return `.${digits.slice(0, 3)}Z`;
  if (digits.endsWith('000')) return `.${digits.slice(0, 6)}Z`;
  return `.${digits}Z`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
