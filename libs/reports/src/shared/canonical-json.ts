/**
 * The one serialisation a digest is computed over (RFC 8785 in spirit): object keys sorted by
 * code unit, no whitespace, numbers as ECMAScript prints them (the shortest form that reads back
 * to the same double), `undefined` members left out. Anything JSON has no single form for (NaN,
 * an infinity, a bigint, a Date, a function) is a bug upstream, so it throws rather than being
 * guessed at.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return canonicalNumber(value);
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  return `{${membersOf(value).map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/** A number as canonical JSON writes it: ECMAScript's shortest round-trip form, -0 as 0, never NaN or an infinity. */
export function canonicalNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`canonical JSON has no form for ${value}`);
  // -0 and 0 are the same value and must give the same bytes.
  return JSON.stringify(value === 0 ? 0 : value);
}

/**
 * A readable layout of the same content, for files people open: one top-level member per line
 * and one array element per line (a snapshot's values stay diffable row by row), each in
 * canonical form (`element` may be a faster serialiser giving the same text). Deterministic, so a
 * file's bytes follow from its content alone.
 */
export function canonicalJsonLines(value: object, element: (item: unknown) => string = canonicalJson): string {
  const lines = membersOf(value).map(([key, member]) => `  ${JSON.stringify(key)}: ${memberLines(member, element)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

function memberLines(value: unknown, element: (item: unknown) => string): string {
  if (!Array.isArray(value) || value.length === 0) return canonicalJson(value);
  return `[\n${value.map((item: unknown) => `    ${element(item)}`).join(',\n')}\n  ]`;
}

function membersOf(value: unknown): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    throw new TypeError(`canonical JSON takes plain data, got ${describe(value)}`);
  }
  return Object.entries(value)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => compareCodeUnits(a, b));
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'an object without prototype';
  return typeof value;
}

/** Code-unit order, as RFC 8785 sorts keys; `localeCompare` would depend on the machine's locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
