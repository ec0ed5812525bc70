import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { badUserInput } from '../errors/api-errors';

/** Bounds of every paginated list: a client cannot ask for more in one page. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items, 0 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

/** A validated page request: `limit` items after the (still encoded) cursor. */
export interface PageRequest {
  limit: number;
  after?: string;
}

export function pageRequest(args: PageArgs): PageRequest {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first', max: MAX_PAGE_SIZE });
  }
  return { limit, after: args.after ?? undefined };
}

@ObjectType({ description: 'Where a page sits in its list (Relay).' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when the page was asked for after a cursor.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface ConnectionShape<Node> {
  edges: Edge<Node>[];
  pageInfo: PageInfo;
}

/**
 * A Relay connection type for `Node`: `@ObjectType() class FooConnection extends Connection(Foo) {}`
 * gives `FooConnection { edges: [FooEdge!]!, pageInfo: PageInfo! }`.
 */
export function Connection<Node>(nodeType: Type<Node>): Type<ConnectionShape<Node>> {
  @ObjectType(`${nodeType.name}Edge`)
  class EdgeType implements Edge<Node> {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: Node;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<Node> {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType as Type<ConnectionShape<Node>>;
}

/**
 * The connection of a page fetched with one item more than asked for (`limit + 1`): the extra one
 * only tells that there is a next page.
 */
export function toConnection<Row, Node>(
  rows: readonly Row[],
  request: PageRequest,
  toNode: (row: Row) => Node,
  cursorOf: (row: Row) => string,
): ConnectionShape<Node> {
  const page = rows.slice(0, request.limit);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > request.limit,
      hasPreviousPage: request.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
