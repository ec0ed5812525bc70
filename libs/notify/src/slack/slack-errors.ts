/**
 * How the Slack Web API's `error` codes are handled (docs.slack.dev, chat.postMessage "Errors" and
 * the errors every method shares). Slack answers most failures with HTTP 200 and `ok: false`, so the
 * code decides, not the status. Only the codes below are worth another attempt; every other code
 * (`channel_not_found`, `not_in_channel`, `invalid_auth`, `not_authed`, `account_inactive`,
 * `token_revoked`, `missing_scope`, `is_archived`, `invalid_blocks`, `msg_too_long`,
 * `restricted_action` …) needs a person to fix the configuration or the message first.
 */
export const RETRYABLE_SLACK_ERRORS: ReadonlySet<string> = new Set([
  // HTTP 429 carries `ratelimited`; `rate_limited` is chat.postMessage's "posted too many messages".
  'ratelimited',
  'rate_limited',
  // "likely due to a transient issue on our end".
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** What to tell an operator for the codes a misconfiguration produces. */
export const SLACK_ERROR_HINTS: Readonly<Record<string, string>> = {
  channel_not_found: 'the channel id in tandem.yaml (recognition.postTo.slack.channel) does not exist or the bot cannot see it',
  not_in_channel: 'invite the Tandem bot to the channel (/invite @Tandem)',
  invalid_auth: 'TANDEM_SLACK_BOT_TOKEN is not a valid token',
  not_authed: 'TANDEM_SLACK_BOT_TOKEN is not set',
  token_revoked: 'TANDEM_SLACK_BOT_TOKEN was revoked: install the app again',
  account_inactive: 'the bot user or workspace of TANDEM_SLACK_BOT_TOKEN was deleted',
  missing_scope: 'the Slack app needs the chat:write scope',
  is_archived: 'the channel is archived',
};
