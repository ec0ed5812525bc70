import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '@tandem/observability';
import { isErrorCode, type ErrorCode } from './api-errors';

export const INTERNAL_ERROR_MESSAGE = 'internal server error';

/** What a client may see of an error: a code and a message, never a stack or an internal detail. */
export interface PublicError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** Fastify and Mercurius errors raised before GraphQL runs, by their `code`. */
const TRANSPORT_ERRORS: Readonly<Record<string, Omit<PublicError, 'message'> & { message?: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: { code: 'PERSISTED_QUERY_NOT_FOUND', message: 'PersistedQueryNotFound' },
  MER_ERR_GQL_PERSISTED_QUERY_NOT_SUPPORTED: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', message: 'PersistedQueryNotSupported' },
  MER_ERR_GQL_PERSISTED_QUERY_MISMATCH: { code: 'BAD_REQUEST', message: 'provided sha does not match query' },
};

/** The chain of errors a GraphQLError wraps, outermost first: what was thrown is last. */
function causes(error: GraphQLError): unknown[] {
  const chain: unknown[] = [error];
  let current: unknown = error;
  while (current instanceof GraphQLError && current.originalError) chain.push((current = current.originalError));
  return chain;
}

function codeOf(error: object): unknown {
  return 'code' in error ? error.code : undefined;
}

function statusOf(error: object): number | undefined {
  const status = 'statusCode' in error ? error.statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

/**
 * graphql-js's own work limits, whichever driver wraps them: the parser's token limit
 * (MAX_DOCUMENT_TOKENS; graphql-js writes "more that") and the budget of the overlapping-fields rule.
 */
function isWorkLimit(message: string): boolean {
  return /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/.test(message) || message === 'Validation aborted.';
}

/** graphql-js's own errors carry no code; their phase shows in the (outermost) message. */
function codeOfUncodedError(error: GraphQLError): ErrorCode {
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  // Apollo marks its own request errors (e.g. a persisted query's hash mismatch) with an HTTP status.
  if (error.extensions.http !== undefined) return 'BAD_REQUEST';
  return 'GRAPHQL_VALIDATION_FAILED';
}

/** Codes the Apollo driver sets on its own request errors, mapped onto ours. */
const APOLLO_CODES: Readonly<Record<string, ErrorCode>> = {
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'BAD_REQUEST',
};

/** Nest's HTTP exceptions, should a resolver or guard throw one (`NotFoundException` …). */
const NEST_HTTP_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

/**
 * The public face of an error, or undefined for an internal one (a bug: masked, and logged). The
 * one place that decides, for both drivers.
 */
export function publicErrorOf(error: GraphQLError): PublicError | undefined {
  const chain = causes(error);
  const thrown = chain.at(-1);
  // The outer message: graphql-js prefixes a scalar's complaint with the variable it is about.
  const message = error.message;
  if (thrown instanceof GraphQLError) {
    if (!error.path && isWorkLimit(message)) return { code: 'QUERY_LIMIT_EXCEEDED', message };
    // The innermost code wins: ours inside the drivers' wrappers (Apollo wraps a limit's error as a validation error).
    const coded = chain.filter((cause): cause is GraphQLError => cause instanceof GraphQLError && typeof cause.extensions.code === 'string').at(-1);
    // Without a code, a field's error is a bug (a scalar refusing what a resolver returned); the rest are the request's.
    if (!coded) return error.path ? undefined : { code: codeOfUncodedError(error), message };
    const { code, ...details } = coded.extensions;
    if (isErrorCode(code)) return { code, message, details: withoutHttp(details) };
    return typeof code === 'string' && code in APOLLO_CODES ? { code: APOLLO_CODES[code], message } : undefined;
  }
  if (thrown instanceof HttpException) {
    const code = NEST_HTTP_CODES[thrown.getStatus()];
    return code ? { code, message: thrown.message } : undefined;
  }
  if (!(thrown instanceof Error)) return undefined;
  const known = TRANSPORT_ERRORS[String(codeOf(thrown))];
  if (known) return { ...known, message: known.message ?? thrown.message };
  // Any other 4xx from Fastify or Mercurius: invalid JSON, a body of the wrong shape, a bad method.
  const status = statusOf(thrown);
  if (status !== undefined && status >= 400 && status < 500) return { code: 'BAD_REQUEST', message: thrown.message };
  return undefined;
}

/** Apollo's transport hints (`extensions.http`) are not for clients. */
function withoutHttp(details: Record<string, unknown>): Record<string, unknown> | undefined {
  const { http: _http, ...rest } = details;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

export interface FormattedApiError extends GraphQLFormattedError {
  readonly extensions: { code: ErrorCode; [detail: string]: unknown };
}

/** The error as sent: public ones as they are, internal ones masked. */
export function formatApiError(error: GraphQLError): FormattedApiError {
  const shown = publicErrorOf(error) ?? { code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE };
  return {
    message: shown.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...shown.details, code: shown.code },
  };
}

/** An error raised outside GraphQL (the body parser, the route), as a GraphQL response. */
export function transportErrorResponse(error: Error): { status: number; body: { errors: FormattedApiError[] } } {
  const formatted = formatApiError(new GraphQLError(error.message, { originalError: error }));
  return { status: httpStatusOf([formatted.extensions.code], false), body: { errors: [formatted] } };
}

/** Logs the internal errors of a response (the public ones are the client's business). */
export function logInternalErrors(errors: readonly GraphQLError[], logger: Logger): void {
  for (const error of errors) {
    if (publicErrorOf(error) === undefined) {
      logger.error({ err: causes(error).at(-1), path: error.path?.join('.') }, 'GraphQL request failed: internal error');
    }
  }
}

/**
 * The HTTP status of a response, the same under both drivers (Apollo's rules): request errors are
 * 4xx, a response with `data` is 200, an unknown persisted query is 200 (clients then send the query).
 */
export function httpStatusOf(codes: readonly ErrorCode[], executed: boolean): number {
  if (codes.includes('PAYLOAD_TOO_LARGE')) return 413;
  if (executed || codes.every((code) => code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'PERSISTED_QUERY_NOT_SUPPORTED')) return 200;
  if (codes.includes('INTERNAL_SERVER_ERROR')) return 500;
  return 400;
}
