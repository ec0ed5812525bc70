/**
 * Thrown by a handler when retrying cannot help (bad input, unknown team): the job goes straight
 * to the dead letters. Recognised by name too, so an error class from another copy of this module
 * (or BullMQ's own) counts as well.
 */
export class UnrecoverableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnrecoverableError';
  }
}

export function isUnrecoverable(error: unknown): boolean {
  return error instanceof Error && error.name === 'UnrecoverableError';
}

export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
