import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ApiSettings } from '@tandem/config';
import { parse, specifiedRules, validate, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { apiError } from '../errors/api-errors';

type Limit = 'depth' | 'cost' | 'aliases';

/**
 * Tokens a document may have before the parser gives up. graphql-js parses recursively: a document
 * nested ~2,500 levels deep (40 KB, well inside the body limit) overflows the stack inside the
 * server before any depth rule could see it. 2,000 tokens bound nesting to 1,000 levels, and are
 * still ten times what a large real query needs.
 */
export const MAX_DOCUMENT_TOKENS = 2_000;

/**
 * graphql-armor throws its rejection out of the validation (and prefixes it "Syntax Error"); we
 * report it as an ordinary validation error instead, with our code, so that every limit is answered
 * like any invalid document, and all of a document's problems at once.
 */
function reportAs(limit: Limit, max: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(apiError('QUERY_LIMIT_EXCEEDED', error.message.replace(/^Syntax Error: /, ''), { limit, max })),
    ],
  };
}

/**
 * Depth, cost and alias limits as validation rules, so that both drivers (and their caches of
 * validated documents) apply them the same way, before anything runs. The cost is graphql-armor's
 * static estimate (objects 2, scalars 1, ×1.5 per level of depth); lists are bounded separately by
 * the `first` argument of every connection.
 */
export function queryLimitRules(limits: ApiSettings['limits']): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ...reportAs('depth', limits.maxDepth) }),
    costLimitRule({ maxCost: limits.maxCost, ...reportAs('cost', limits.maxCost) }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('aliases', limits.maxAliases) }),
  ];
}

/** Full validation with the limits: for subscriptions, which the drivers' websocket paths would not check. */
export function parseWithLimits(source: string): DocumentNode {
  return parse(source, { maxTokens: MAX_DOCUMENT_TOKENS });
}

export function validateWithLimits(schema: GraphQLSchema, document: DocumentNode, limits: ApiSettings['limits']): readonly GraphQLError[] {
  return validate(schema, document, [...specifiedRules, ...queryLimitRules(limits)]);
}
