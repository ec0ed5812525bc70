/**
 * Defensive reads of the parsed YAML before (or despite) schema validation, so the
 * cross-reference checks can run on a file that also has schema errors and report both at once.
 */
export type RawRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is RawRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The records of a list, each with its index in the list (non-records are the schema's concern). */
export function recordsOf(value: unknown): [number, RawRecord][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown, index): [number, RawRecord][] => (isRecord(item) ? [[index, item]] : []));
}

export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' ? String(value) : undefined;
}

/** The texts of a list, each with its index. */
export function textsOf(value: unknown): [number, string][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown, index): [number, string][] => {
    const text = textOf(item);
    return text === undefined ? [] : [[index, text]];
  });
}
