import { getOption, type DescField, type DescMessage, type JsonObject, type JsonValue } from '@bufbuild/protobuf';
import { required, required_choice } from './gen/tandem/events/v1/options_pb';
import { isJsonObject } from './json-value';

/**
 * What the `(required)` and `(required_choice)` options of one message ask, read from its
 * descriptor once: `getOption` decodes the option afresh on every call, which made it the most
 * expensive step of validating an event.
 */
interface RequiredPlan {
  /** The JSON names of each `(required_choice)` oneof's members. */
  choices: readonly (readonly string[])[];
  fields: readonly FieldPlan[];
}

interface FieldPlan {
  jsonName: string;
  required: boolean;
  /** The message inside, single or listed, whose own fields are checked too. */
  nested?: { message: DescMessage; list: boolean };
}

const plans = new WeakMap<DescMessage, RequiredPlan>();

function planOf(schema: DescMessage): RequiredPlan {
  let plan = plans.get(schema);
  if (plan === undefined) {
    plan = {
      choices: schema.oneofs.filter((oneof) => getOption(oneof, required_choice)).map((oneof) => oneof.fields.map((field) => field.jsonName)),
      fields: schema.fields.map((field) => ({ jsonName: field.jsonName, required: getOption(field, required), nested: nestedOf(field) })),
    };
    plans.set(schema, plan);
  }
  return plan;
}

function nestedOf(field: DescField): FieldPlan['nested'] {
  if (field.fieldKind === 'message') return { message: field.message, list: false };
  if (field.fieldKind === 'list' && field.listKind === 'message') return { message: field.message, list: true };
  return undefined;
}

/**
 * Enforces the `(required)` and `(required_choice)` options of the schemas on canonical JSON.
 * Canonical proto3 JSON omits unset fields (empty strings and lists, zero numbers, UNSPECIFIED
 * enums, absent messages), so "set" is simply "the key is present".
 */
export function findMissingRequired(schema: DescMessage, json: JsonObject, path: string): string | undefined {
  const plan = planOf(schema);
  for (const choice of plan.choices) {
    if (!choice.some((jsonName) => jsonName in json)) return `${path}: one of ${choice.join(', ')} is required`;
  }
  for (const field of plan.fields) {
    const value = json[field.jsonName];
    if (value === undefined) {
      if (field.required) return `${path}.${field.jsonName} is required`;
      continue;
    }
    if (field.nested === undefined) continue;
    const missing = findMissingInside(field.nested, value, `${path}.${field.jsonName}`);
    if (missing) return missing;
  }
  return undefined;
}

function findMissingInside({ message, list }: NonNullable<FieldPlan['nested']>, value: JsonValue, fieldPath: string): string | undefined {
  if (!list) return isJsonObject(value) ? findMissingRequired(message, value, fieldPath) : undefined;
  if (!Array.isArray(value)) return undefined;
  for (const [index, item] of value.entries()) {
    const missing = isJsonObject(item) ? findMissingRequired(message, item, `${fieldPath}[${index}]`) : undefined;
    if (missing) return missing;
  }
  return undefined;
}
