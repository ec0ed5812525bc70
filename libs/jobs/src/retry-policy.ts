import type { JobOptions, QueueDefaults } from './job-queue.port';
import { JOB_DEFAULTS } from './job-queue.port';

export interface ResolvedJobOptions {
  attempts: number;
  backoffMs: number;
  delayMs: number;
}

export interface ResolvedQueueDefaults {
  attempts: number;
  backoffMs: number;
  keepCompletedForMs: number;
}

export function resolveQueueDefaults(defaults: QueueDefaults = {}): ResolvedQueueDefaults {
  return {
    attempts: positiveInteger('attempts', defaults.attempts ?? JOB_DEFAULTS.attempts),
    backoffMs: nonNegative('backoffMs', defaults.backoffMs ?? JOB_DEFAULTS.backoffMs),
    keepCompletedForMs: nonNegative('keepCompletedForMs', defaults.keepCompletedForMs ?? JOB_DEFAULTS.keepCompletedForMs),
  };
}

export function resolveJobOptions(defaults: ResolvedQueueDefaults, options: JobOptions = {}): ResolvedJobOptions {
  return {
    attempts: positiveInteger('attempts', options.attempts ?? defaults.attempts),
    backoffMs: nonNegative('backoffMs', options.backoffMs ?? defaults.backoffMs),
    delayMs: nonNegative('delayMs', options.delayMs ?? 0),
  };
}

/** BullMQ's "exponential" backoff, so both adapters wait the same: retry n waits backoff × 2^(n-1). */
export function backoffDelayMs(backoffMs: number, failedAttempts: number): number {
  return Math.round(backoffMs * 2 ** (failedAttempts - 1));
}

/**
 * The wait before the next try: the backoff, or longer when the failure carries a numeric
 * `retryAfterMs` (a vendor's Retry-After, e.g. libs/notify's RetryableDeliveryError): trying
 * earlier than the vendor asked would only be refused again.
 */
export function retryDelayMs(backoffMs: number, failedAttempts: number, error: unknown): number {
  const requested = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  const backoff = backoffDelayMs(backoffMs, failedAttempts);
  return typeof requested === 'number' && Number.isFinite(requested) ? Math.max(backoff, requested) : backoff;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  return value;
}
