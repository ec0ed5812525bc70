/** Exit codes scripts can rely on (interfaces.md). */
export const EXIT = {
  ok: 0,
  /** The user asked for something that cannot be done: bad config, missing file. One sentence on stderr. */
  userError: 1,
  /** The command line itself is wrong (commander's usage errors). */
  usageError: 2,
} as const;

/** An error whose message is already the one clear sentence the user should read. */
export class UserError extends Error {
  override readonly name = 'UserError';
}
