import { randomUUID } from 'node:crypto';

/** Letters, digits and `._@=+-`: valid in both backends (BullMQ reserves `:`, refuses integer ids). */
const JOB_ID = /^(?!\d+$)[A-Za-z0-9._@=+-]{1,200}$/;

export class InvalidJobIdError extends Error {
  constructor(readonly id: string) {
    super(`Invalid job or schedule id "${id}": use 1 to 200 letters, digits or ._@=+- (not only digits)`);
    this.name = 'InvalidJobIdError';
  }
}

export function checkJobId(id: string): string {
  if (!JOB_ID.test(id)) throw new InvalidJobIdError(id);
  return id;
}

export function randomJobId(): string {
  return `job-${randomUUID()}`;
}

/**
 * An idempotent id from the parts that make a job unique:
 * `jobId('report', 'week', '2026-11-23', 'all')` → `report-week-2026-11-23-all`. Characters the
 * backends refuse become `_`, so any team slug or ISO date can be a part.
 */
export function jobId(...parts: (string | number)[]): string {
  return checkJobId(parts.map((part) => String(part).replace(/[^A-Za-z0-9._@=+-]/g, '_')).join('-'));
}
