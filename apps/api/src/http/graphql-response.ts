import type { FastifyReply } from 'fastify';
import type { ErrorCode } from '../graphql/errors/api-errors';

/** A refusal before GraphQL runs, in GraphQL's response shape so that clients read it like any error. */
export function refuse(reply: FastifyReply, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): FastifyReply {
  return reply
    .code(status)
    .headers({ ...headers, 'content-type': 'application/json; charset=utf-8' })
    .send({ errors: [{ message, extensions: { code } }] });
}
