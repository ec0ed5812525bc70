/**
 * A chat message is a kudos when its text starts with the configured trigger word
 * (`NormalizerSettings.kudosTrigger`) or its slash form (`/kudos`), case-insensitively, and the
 * trigger is a whole word (`kudos!` and `kudos @ana` count, `kudosify` does not).
 *
 * Returns the text to keep (trimmed) for a kudos, `undefined` for any other message: chat text is
 * never stored except a kudos, which is meant to be shown.
 */
export function kudosTextOf(text: string | null | undefined, trigger: string): string | undefined {
  const word = trigger.trim();
  if (!text || word === '') return undefined;
  const trimmed = text.trim();
  const startsWithTrigger = new RegExp(`^/?${escapeRegExp(word)}(?![\\p{L}\\p{N}_])`, 'iu');
  return startsWithTrigger.test(trimmed) ? trimmed : undefined;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
