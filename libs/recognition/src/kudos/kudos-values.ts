import { refused, type RefusedKudos } from './kudos-types';

/**
 * The company values a kudos carries, spelled as configured (`recognition.values` in tandem.yaml).
 * With no values configured any tag is a value (the organisation model's rule: empty = any).
 */
export function resolveValues(tags: readonly string[], configured: readonly string[]): string[] | RefusedKudos {
  const wanted = [...new Set(tags.map((tag) => tag.replace(/^#/, '').trim().toLowerCase()).filter((tag) => tag !== ''))];
  if (configured.length === 0) return wanted;
  const byLowerCase = new Map(configured.map((value) => [value.toLowerCase(), value]));
  const unknown = wanted.filter((tag) => !byLowerCase.has(tag));
  if (unknown.length > 0) {
    const tagList = unknown.map((tag) => `#${tag}`).join(', ');
    const allowed = configured.map((value) => `#${value}`).join(', ');
    return refused('UNKNOWN_VALUE', `${tagList} ${unknown.length === 1 ? 'is not one of' : 'are not among'} the organisation's values (${allowed}).`);
  }
  return wanted.map((tag) => byLowerCase.get(tag) ?? tag);
}
