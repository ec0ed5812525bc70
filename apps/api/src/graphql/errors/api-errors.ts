import { GraphQLError } from 'graphql';

/**
 * The `extensions.code` of every error the API answers with: clients branch on these, so they are
 * part of the contract. Anything else a resolver throws is a bug, answered as
 * INTERNAL_SERVER_ERROR without its message or stack (and logged with the correlation id).
 */
export const ERROR_CODES = [
  // The request: no or bad token, rate limited, too large, not GraphQL over HTTP.
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  // The document: unparsable, invalid, over a limit, or an unknown persisted query.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_LIMIT_EXCEEDED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // A field: bad arguments, not allowed, nothing there.
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

/** An error meant for the client: its message is shown as is. */
export function apiError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code } });
}

export const unauthenticated = (message = 'a valid API token is required: Authorization: Bearer tdm_…') =>
  apiError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => apiError('FORBIDDEN', message);
export const badUserInput = (message: string, details?: Record<string, unknown>) => apiError('BAD_USER_INPUT', message, details);
export const notFound = (message: string) => apiError('NOT_FOUND', message);
