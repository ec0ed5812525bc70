import { REJECTION, rejected, VERIFIED, type Verification } from '../verification';

/**
 * Slack and Standard Webhooks (Svix) sign a timestamp with the body; a captured request replayed
 * later than this, or dated this far ahead, is refused. Five minutes is what both vendors' SDKs use.
 */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/** Checks a signed unix-seconds timestamp header against the injected clock. */
export function checkReplayWindow(timestamp: string, header: string, now: Date): Verification {
  if (!/^\d{1,12}$/.test(timestamp)) return rejected(REJECTION.malformedTimestamp(header));
  const skewSeconds = Math.abs(now.getTime() / 1000 - Number(timestamp));
  return skewSeconds > REPLAY_WINDOW_SECONDS ? rejected(REJECTION.outsideReplayWindow) : VERIFIED;
}

export function unixSeconds(now: Date): string {
  return String(Math.floor(now.getTime() / 1000));
}
