import { badUserInput } from '../errors/api-errors';

/**
 * Opaque cursors: base64url of `[list, key]`. The list name stops a cursor of one list being used
 * on another; clients must not read or build them (the key's shape may change with the list).
 */
export function encodeCursor(list: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
}

/** The key of a cursor made by `encodeCursor(list, …)`; BAD_USER_INPUT for anything else. */
export function decodeCursor(list: string, cursor: string): (string | number)[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const valid =
    Array.isArray(decoded) && decoded[0] === list && decoded.slice(1).every((part) => typeof part === 'string' || typeof part === 'number');
  if (!valid) throw badUserInput('after: not a cursor of this list (pass on the endCursor you were given)');
  return (decoded as (string | number)[]).slice(1);
}
