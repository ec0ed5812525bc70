import type { ExecutionResult, FormattedExecutionResult, GraphQLError } from 'graphql';
import type { Logger } from '@tandem/observability';
import { formatApiError, httpStatusOf, logInternalErrors } from './format-error';

/** Mercurius puts a document's validation errors inside the one error it throws. */
function unwrapValidationErrors(error: GraphQLError): readonly GraphQLError[] {
  const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(nested) && nested.length > 0 ? (nested as GraphQLError[]) : [error];
}

/**
 * Mercurius's errorFormatter: the same bodies and statuses as the Apollo driver gives. A request
 * error (no `data`) answers 4xx without `data`; an executed operation answers 200.
 */
export function mercuriusErrorResponse(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  contextLogger: Logger,
): { statusCode: number; response: FormattedExecutionResult } {
  const errors = execution.errors.flatMap(unwrapValidationErrors);
  logInternalErrors(errors, contextLogger);
  const formatted = errors.map(formatApiError);
  const executed = execution.data !== undefined;
  return {
    statusCode: httpStatusOf(
      formatted.map((error) => error.extensions.code),
      executed,
    ),
    response: executed ? { data: execution.data, errors: formatted } : { errors: formatted },
  };
}
