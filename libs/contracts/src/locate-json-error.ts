import { fromJson, type DescField, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { isJsonObject } from './json-value';

/**
 * `fromJson` says what is wrong but not where (a bad Timestamp deep inside names only
 * google.protobuf.Timestamp). This decodes the fields one by one to name the path of the first
 * bad one, e.g. `PageTriggered.notified[1].id: expected string, got 5`.
 */
export function locateJsonError(schema: DescMessage, json: JsonObject, path: string): string | undefined {
  for (const [key, value] of Object.entries(json)) {
    const fieldPath = `${path}.${key}`;
    const field = schema.fields.find((candidate) => candidate.jsonName === key || candidate.name === key);
    if (!field) return `${fieldPath} is not a field of ${schema.name}`;
    const problem = decodeProblem(schema, key, value);
    if (problem === undefined) continue;
    return locateInside(field, value, fieldPath) ?? `${fieldPath}: ${explain(field, value, problem)}`;
  }
  return undefined;
}

function decodeProblem(schema: DescMessage, key: string, value: JsonValue): string | undefined {
  try {
    fromJson(schema, { [key]: value });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Goes down into Tandem's own messages; well-known types (Timestamp) are leaves. */
function locateInside(field: DescField, value: JsonValue, fieldPath: string): string | undefined {
  const nested = ownMessage(field);
  if (!nested) return undefined;
  if (field.fieldKind === 'list' && Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = isJsonObject(item) ? locateJsonError(nested, item, `${fieldPath}[${index}]`) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  return isJsonObject(value) ? locateJsonError(nested, value, fieldPath) : undefined;
}

function explain(field: DescField, value: JsonValue, problem: string): string {
  // The library names neither the allowed enum values nor, for a message, what it expected.
  if (field.fieldKind === 'enum') {
    return `expected one of ${field.enum.values.map((value) => value.name).join(', ')}, got ${JSON.stringify(value)}`;
  }
  const nested = ownMessage(field);
  if (nested && field.fieldKind === 'message' && !isJsonObject(value)) {
    return `expected a JSON object (${nested.name}), got ${JSON.stringify(value)}`;
  }
  return afterPrefix(problem);
}

function ownMessage(field: DescField): DescMessage | undefined {
  const message = field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message') ? field.message : undefined;
  return message?.typeName.startsWith('tandem.') ? message : undefined;
}

/** Drops the library's "cannot decode field x.y.Z.f from JSON: " preamble, which names no path. */
function afterPrefix(problem: string): string {
  const marker = 'from JSON: ';
  const at = problem.indexOf(marker);
  return at === -1 ? problem : problem.slice(at + marker.length);
}
