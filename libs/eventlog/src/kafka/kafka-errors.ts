import { KafkaJSProtocolError } from 'kafkajs';
import { EventLogUnavailableError } from '../event-log-unavailable.error';

/**
 * Runs a broker operation within `boundMs`. Not getting an answer in time, or any failure but a
 * definitive refusal by the broker, means the log is unavailable: the caller may retry later.
 */
export async function withinBound<T>(operation: string, boundMs: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new EventLogUnavailableError(`${operation}: Kafka did not answer within ${boundMs} ms`)),
      boundMs,
    );
  });
  try {
    // A late failure of `run()` after the timeout is already handled by the race.
    return await Promise.race([run(), timeout]);
  } catch (error) {
    if (error instanceof EventLogUnavailableError || isRefusedByBroker(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new EventLogUnavailableError(`${operation}: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The broker answered and will not accept this request however often it is retried (e.g. a
 * message too large): retrying later would not help, so this is not "unavailable".
 * kafkajs wraps the protocol error in `cause` once its retrier gives up.
 */
export function isRefusedByBroker(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof KafkaJSProtocolError && !current.retriable) return true;
  }
  return false;
}
