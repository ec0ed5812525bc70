import { setTimeout as delay } from 'node:timers/promises';

export interface RetryOptions {
  /** When it says true, stop retrying and let the failure through (the offset stays uncommitted). */
  isStopping: () => boolean;
  onRetry: (error: unknown, attempt: number) => void;
  /** Give up after this long in total, so a dead dependency surfaces as a failed consumer. */
  maxElapsedMs?: number;
}

/** Exponential backoff (100 ms doubling to 5 s) for failures that heal by themselves: a database restart, a failover. */
export async function retryTransient<T>(operation: () => Promise<T>, { isStopping, onRetry, maxElapsedMs = 60_000 }: RetryOptions): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (isStopping() || Date.now() - started >= maxElapsedMs) throw error;
      onRetry(error, attempt);
      await delay(Math.min(100 * 2 ** (attempt - 1), 5_000));
    }
  }
}
