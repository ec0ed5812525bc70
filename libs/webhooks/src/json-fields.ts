/**
 * Safe reads from a parsed webhook body. Bodies come from outside and vendors change their shapes,
 * so nothing here trusts a type: a missing member, a wrong type or an absurd value reads as absent.
 */

/** Identifiers longer than this are not identifiers: they would only bloat keys and metadata. */
const MAX_IDENTIFIER_LENGTH = 256;

/** The value at `path` (object keys and array indexes), or `undefined`; never an inherited property. */
export function member(value: unknown, ...path: readonly (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, step)) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** A non-empty string or a finite number of bounded length, as a string; anything else is absent. */
export function identifier(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  return typeof text === 'string' && text !== '' && text.length <= MAX_IDENTIFIER_LENGTH ? text : undefined;
}

/** `identifier(member(value, ...path))`. */
export function identifierAt(value: unknown, ...path: readonly (string | number)[]): string | undefined {
  return identifier(member(value, ...path));
}
