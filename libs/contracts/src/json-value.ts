import type { JsonObject, JsonValue } from '@bufbuild/protobuf';

export type JsonConversion = { ok: true; value: JsonObject } | { ok: false; reason: string };

/**
 * Turns producer data into a plain JSON object the way JSON.stringify would see it: keys whose
 * value is `undefined` are absent (TypeScript optionals), anything JSON cannot carry (a Date, a
 * Map, NaN, a class instance) is refused with its path instead of being silently mangled.
 */
export function toJsonObject(data: unknown, path: string): JsonConversion {
  if (!isPlainObject(data)) return { ok: false, reason: `${path} must be a JSON object, got ${describe(data)}` };
  const converted = convert(data, path);
  return 'reason' in converted ? { ok: false, reason: converted.reason } : { ok: true, value: converted.value as JsonObject };
}

function convert(value: unknown, path: string): { value: JsonValue } | { reason: string } {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { value } : { reason: `${path} must be a finite number, got ${value}` };
  }
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const [index, item] of value.entries()) {
      const converted = convert(item, `${path}[${index}]`);
      if ('reason' in converted) return converted;
      items.push(converted.value);
    }
    return { value: items };
  }
  if (isPlainObject(value)) {
    const object: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const converted = convert(item, `${path}.${key}`);
      if ('reason' in converted) return converted;
      object[key] = converted.value;
    }
    return { value: object };
  }
  return { reason: `${path} is not JSON: ${describe(value)}` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'non-plain object'}`;
  return typeof value;
}

export function isJsonObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
