/**
 * The log could not accept the request in time (broker unreachable, log closed). A gateway maps
 * it to 503 so the sender retries later; nothing was promised to be stored.
 */
export class EventLogUnavailableError extends Error {
  readonly code = 'EVENT_LOG_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventLogUnavailableError';
  }
}
