/** Where an outbound message was going. */
export type DeliveryChannel = 'slack' | 'teams' | 'email';

/**
 * A message could not be delivered. Every client throws one of the two subclasses, so a caller
 * (a job handler) decides with one `instanceof` whether to try again or give up.
 */
export abstract class DeliveryError extends Error {
  abstract readonly retryable: boolean;

  constructor(
    readonly channel: DeliveryChannel,
    /** The vendor's own code (`channel_not_found`, `http_404`, `EAUTH` …): what an operator searches for. */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Worth trying again: rate limited (429, with the delay the vendor asked for), a server error, a
 * timeout or a broken connection. The message may or may not have arrived (a timeout after the
 * vendor accepted it), which is why callers send each message under an idempotent job id.
 */
export class RetryableDeliveryError extends DeliveryError {
  readonly retryable = true;
  /** The delay the vendor asked for (`Retry-After`); undefined: the caller's own backoff. */
  readonly retryAfterMs?: number;

  constructor(
    channel: DeliveryChannel,
    code: string,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(channel, code, message, options);
    this.name = 'RetryableDeliveryError';
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Trying again cannot help until someone changes the configuration: a bad token, a channel that
 * does not exist or the bot is not in, a deleted webhook, a refused recipient, a malformed message.
 */
export class PermanentDeliveryError extends DeliveryError {
  readonly retryable = false;

  constructor(channel: DeliveryChannel, code: string, message: string, options?: { cause?: unknown }) {
    super(channel, code, message, options);
    this.name = 'PermanentDeliveryError';
  }
}
