import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiTokenRepository, type ApiTokenRecord } from '@tandem/persistence';
import { badUserInput, notFound } from '../graphql/errors/api-errors';
import { decodeCursor, encodeCursor } from '../graphql/pagination/cursor';
import { pageRequest, toConnection } from '../graphql/pagination/connection';
import { Roles } from './access.decorators';
import { ApiToken, ApiTokenConnection, ApiTokensArgs, roleOf } from './access.types';
import { Authenticator } from './authenticator';

const LIST = 'apiTokens';

function keyOf(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = decodeCursor(LIST, cursor);
  if (typeof createdAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(createdAt))) {
    throw badUserInput('after: not a cursor of this list');
  }
  return { createdAt: new Date(createdAt), id };
}

function apiTokenOf(record: ApiTokenRecord): ApiToken {
  return { id: record.id, hint: record.hint, role: roleOf(record.role), teams: record.teams, createdAt: record.createdAt, revokedAt: record.revokedAt };
}

/** Administration of the API tokens (created with `tandem token create`). */
@Resolver(() => ApiToken)
@Roles('admin')
export class ApiTokensResolver {
  constructor(
    @Inject(ApiTokenRepository) private readonly tokens: ApiTokenRepository,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
  ) {}

  @Query(() => ApiTokenConnection, { description: 'The API tokens, newest first.' })
  async apiTokens(@Args({ type: () => ApiTokensArgs }) args: ApiTokensArgs): Promise<ApiTokenConnection> {
    const request = pageRequest(args);
    const rows = await this.tokens.page({
      limit: request.limit + 1,
      includeRevoked: args.includeRevoked,
      after: request.after === undefined ? undefined : keyOf(request.after),
    });
    return toConnection(rows, request, apiTokenOf, (row) => encodeCursor(LIST, [row.createdAt.toISOString(), row.id]));
  }

  @Mutation(() => ApiToken, { description: 'Revokes a token: this API process refuses it at once, every other replica as soon as the broadcast (Redis pub/sub) reaches it. Revoking it again changes nothing.' })
  async revokeToken(@Args('id', { type: () => ID }) id: string): Promise<ApiToken> {
    const record = await this.tokens.revoke(id);
    if (!record) throw notFound(`no API token ${id}`);
    await this.authenticator.revoked(record.id);
    return apiTokenOf(record);
  }
}
