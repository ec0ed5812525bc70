import type { ApiSettings } from '@tandem/config';
import type { Logger } from '@tandem/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { transportErrorResponse } from '../errors/format-error';
import type { GraphqlRouteOptions } from './apollo-driver';

/**
 * The GraphQL route's body limit (a chunked body declares no length for the gate to check) and the
 * answer to what fails before GraphQL runs: oversized, unparsable or ill-typed bodies get a GraphQL
 * error with a 4xx, never Nest's generic answer. (Mercurius routes such errors through its
 * errorFormatter, which gives the same answer.)
 */
export function graphqlRouteOptions(settings: ApiSettings, logger: Logger): GraphqlRouteOptions {
  return {
    bodyLimit: settings.limits.bodyLimitBytes,
    errorHandler(error: Error, request: FastifyRequest, reply: FastifyReply) {
      const { status, body } = transportErrorResponse(error);
      if (status >= 500) logger.error({ err: error, url: request.url }, 'GraphQL route failed');
      void reply.code(status).send(body);
    },
  };
}
