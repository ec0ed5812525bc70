import { getOption, type DescField, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { required, required_choice } from './gen/tandem/events/v1/options_pb';
import { isJsonObject } from './json-value';

/**
 * Enforces the `(required)` and `(required_choice)` options of the schemas on canonical JSON.
 * Canonical proto3 JSON omits unset fields (empty strings and lists, zero numbers, UNSPECIFIED
 * enums, absent messages), so "set" is simply "the key is present".
 */
export function findMissingRequired(schema: DescMessage, json: JsonObject, path: string): string | undefined {
  for (const oneof of schema.oneofs) {
    if (getOption(oneof, required_choice) && !oneof.fields.some((field) => field.jsonName in json)) {
      return `${path}: one of ${oneof.fields.map((field) => field.jsonName).join(', ')} is required`;
    }
  }
  for (const field of schema.fields) {
    const value = json[field.jsonName];
    if (value === undefined) {
      if (getOption(field, required)) return `${path}.${field.jsonName} is required`;
      continue;
    }
    const missing = findMissingInside(field, value, `${path}.${field.jsonName}`);
    if (missing) return missing;
  }
  return undefined;
}

function findMissingInside(field: DescField, value: JsonValue, fieldPath: string): string | undefined {
  if (field.fieldKind === 'message' && isJsonObject(value)) return findMissingRequired(field.message, value, fieldPath);
  if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const missing = isJsonObject(item) ? findMissingRequired(field.message, item, `${fieldPath}[${index}]`) : undefined;
      if (missing) return missing;
    }
  }
  return undefined;
}
