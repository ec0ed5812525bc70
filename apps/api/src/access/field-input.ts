import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { ApiContext } from '../context/api-context';
import type { FieldInput } from './access.decorators';

/** A resolver call as the access rules see it. */
export interface ResolverCall extends FieldInput {
  context: ApiContext;
  info: GraphQLResolveInfo;
}

export function resolverCall(execution: ExecutionContext): ResolverCall {
  const graphql = GqlExecutionContext.create(execution);
  return {
    parent: graphql.getRoot<unknown>(),
    args: graphql.getArgs<Record<string, unknown>>(),
    context: graphql.getContext<ApiContext>(),
    info: graphql.getInfo<GraphQLResolveInfo>(),
  };
}
