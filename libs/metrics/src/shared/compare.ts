/** Orders text by code unit, as deterministic ordering needs (never by locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders facts by their keys. */
export function byKey(a: { key: string }, b: { key: string }): number {
  return compareText(a.key, b.key);
}

/** Orders people's acts by time, then person. */
export function byTimeThenPerson(a: { at: number; personId: string }, b: { at: number; personId: string }): number {
  return a.at - b.at || compareText(a.personId, b.personId);
}
