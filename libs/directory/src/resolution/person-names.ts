import { distance } from 'fastest-levenshtein';

/** A name reduced to what identifies it: no accents, case, punctuation or extra spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "Liddell, Alice" and "Alice Liddell" are the same name in another order. */
function sortedTokens(normalized: string): string {
  return normalized.split(' ').sort().join(' ');
}

export function isSameName(a: string, b: string): boolean {
  return a.length > 0 && (a === b || sortedTokens(a) === sortedTokens(b));
}

/** 1 for equal names, towards 0 as more edits are needed (normalized Levenshtein, either order). */
export function nameSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const edits = Math.min(distance(a, b), distance(sortedTokens(a), sortedTokens(b)));
  return 1 - edits / longest;
}
