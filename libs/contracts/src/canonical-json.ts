import { fromJson, toJson, type DescMessage } from '@bufbuild/protobuf';
import { fastCanonicalJson } from './fast-canonical-json';
import { isJsonObject, toJsonObject, type JsonConversion } from './json-value';
import { locateJsonError } from './locate-json-error';

/**
 * Producer data in canonical proto3 JSON (lowerCamelCase names, unset fields omitted, UTC times),
 * or why it does not fit the schema, naming the field path under `path`. The plain case is read
 * straight from the descriptors; anything else goes through the library (see fastCanonicalJson).
 */
export function canonicalJson(schema: DescMessage, data: unknown, path: string): JsonConversion {
  const fast = fastCanonicalJson(schema, data);
  return fast === undefined ? referenceCanonicalJson(schema, data, path) : { ok: true, value: fast };
}

/**
 * The canonical JSON by the library's round trip (`fromJson` then `toJson`), which also decides
 * what is wrong with data the fast path declines, and says where.
 */
export function referenceCanonicalJson(schema: DescMessage, data: unknown, path: string): JsonConversion {
  const json = toJsonObject(data, path);
  if (!json.ok) return json;
  let canonical;
  try {
    canonical = toJson(schema, fromJson(schema, json.value));
  } catch (error) {
    const reason = locateJsonError(schema, json.value, path) ?? `${path}: ${String(error)}`;
    return { ok: false, reason };
  }
  return isJsonObject(canonical) ? { ok: true, value: canonical } : { ok: false, reason: `${path} did not encode to a JSON object` };
}
