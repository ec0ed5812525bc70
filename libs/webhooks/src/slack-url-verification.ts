import { member } from './json-fields';

/** Slack's challenge tokens are short; anything long is not one. */
const MAX_CHALLENGE_LENGTH = 256;

/**
 * The `challenge` of Slack's one-time `url_verification` request, which must be echoed back (and
 * is not an event to record), or `undefined` for every other body.
 */
export function slackUrlVerificationChallenge(body: unknown): string | undefined {
  if (member(body, 'type') !== 'url_verification') return undefined;
  const challenge = member(body, 'challenge');
  return typeof challenge === 'string' && challenge !== '' && challenge.length <= MAX_CHALLENGE_LENGTH
    ? challenge
    : undefined;
}
