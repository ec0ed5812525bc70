import { randomUUID } from 'node:crypto';

/** A caller's id is kept when it is a plain token; anything else (or nothing) gets a fresh one. */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

export const CORRELATION_HEADER = 'x-correlation-id';

export function correlationIdOf(headers: Record<string, string | string[] | undefined>): string {
  const given = headers[CORRELATION_HEADER];
  return typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
}
