/**
 * The vendors' own bot markers, for normalizers to set ExternalIdentity.bot: a bot never counts
 * as a person, whatever the directory says of its login.
 */

/** GitHub marks apps and bots with `type: "Bot"`; their logins end in `[bot]`. */
export function isGitHubBot(user: { type?: string; login?: string }): boolean {
  return user.type === 'Bot' || (user.login?.endsWith('[bot]') ?? false);
}

/** Slack sets `bot_id` (and subtype `bot_message`) on what apps post; bot users have `is_bot`. */
export function isSlackBot(payload: { bot_id?: string; subtype?: string; is_bot?: boolean }): boolean {
  return Boolean(payload.bot_id) || payload.subtype === 'bot_message' || payload.is_bot === true;
}
