import type { Normalization, NormalizerSettings } from '../normalizer';

/**
 * One `X-GitHub-Event` value. Events with an `action` list the actions they turn into events
 * (`handled`) and those they knowingly ignore, with the reason; any other action is
 * UNKNOWN_EVENT_TYPE, so a new GitHub action shows up in the dead-letter topic instead of
 * vanishing. `handled: 'any'` is for events without an action (push).
 */
export interface GithubFamily {
  handled: readonly string[] | 'any';
  ignored: Readonly<Record<string, string>>;
  normalize: (body: unknown, settings: NormalizerSettings) => Normalization;
}

export function ignored(reason: string): Normalization {
  return { outcome: 'ignored', reason };
}
