/**
 * Git object ids as tools send them: full or abbreviated (GitLab's deployment hook sends a
 * short sha), so two ids name the same commit when the shorter is a prefix of the longer.
 */
export const SHORT_SHA_LENGTH = 7;

export function normalizeSha(sha: string): string {
  return sha.trim().toLowerCase();
}

export function sameCommit(a: string, b: string): boolean {
  if (a.length < SHORT_SHA_LENGTH || b.length < SHORT_SHA_LENGTH) return a === b;
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/** The index key of a sha: its abbreviated form, which full and short ids share. */
export function shaIndexKey(sha: string): string {
  return sha.slice(0, SHORT_SHA_LENGTH);
}

/** Repositories are `org/repo`, case-insensitive on GitHub and GitLab; a `.git` suffix is noise. */
export function normalizeRepo(repo: string): string {
  const lower = repo.trim().toLowerCase();
  return lower.endsWith('.git') ? lower.slice(0, -'.git'.length) : lower;
}
