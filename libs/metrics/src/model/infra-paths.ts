import { Minimatch } from 'minimatch';
import type { ChangedPaths } from '../facts/pull-request-facts';

/** Whether a change touches infrastructure, by the configured `infraPaths` globs. */
export class InfraPaths {
  private readonly matchers: readonly Minimatch[];

  constructor(globs: readonly string[]) {
    // `dot`: `**/*.tf` must match `.terraform/x.tf` and `**` must enter `.github`.
    this.matchers = globs.map((glob) => new Minimatch(glob, { dot: true }));
  }

  /** Answers per path: a year's PRs touch the same few thousand paths again and again, and a glob match is costly. */
  private readonly answers = new Map<string, boolean>();

  matches(path: string): boolean {
    let answer = this.answers.get(path);
    if (answer === undefined) this.answers.set(path, (answer = this.matchers.some((matcher) => matcher.match(path))));
    return answer;
  }

  /**
   * True when a path matches; false when none does in a complete list; null when unknown (no
   * list, or a truncated one with no match: a missing path might have matched).
   */
  classify(changed: ChangedPaths | null): boolean | null {
    if (changed === null) return null;
    if (changed.paths.some((path) => this.matches(path))) return true;
    return changed.truncated ? null : false;
  }
}
