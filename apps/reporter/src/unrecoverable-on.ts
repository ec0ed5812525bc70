import { UnrecoverableError } from '@tandem/jobs';

/**
 * Runs a job's work and turns an error of `kind` (bad input, a vendor's permanent refusal) into
 * UnrecoverableError: straight to the dead letters, where an operator sees why, instead of spending
 * retries that cannot succeed. Any other error is thrown on as it is, for the queue to retry.
 */
export async function unrecoverableOn<Result>(kind: abstract new (...args: never[]) => Error, run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof kind) throw new UnrecoverableError(error.message, { cause: error });
    throw error;
  }
}
