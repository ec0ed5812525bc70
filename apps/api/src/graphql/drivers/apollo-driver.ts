import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { ModulesContainer } from '@nestjs/core';
import type { FastifyInstance, RouteOptions } from 'fastify';

/** What the GraphQL route needs beyond the driver's defaults: its own body limit and error answers. */
export type GraphqlRouteOptions = Required<Pick<RouteOptions, 'bodyLimit' | 'errorHandler'>>;

/**
 * Nest's Apollo driver, registering its Fastify route with our body limit and error handler:
 * the stock driver registers it bare, so an oversized or unparsable body would be answered by
 * Nest's generic handler, not as a GraphQL error. Everything else is the stock driver.
 */
export class TandemApolloDriver extends ApolloDriver {
  constructor(
    modulesContainer: ModulesContainer,
    private readonly route: GraphqlRouteOptions,
  ) {
    super(modulesContainer);
  }

  protected override async registerFastify(options: ApolloDriverConfig): Promise<void> {
    const app = this.httpAdapterHost.httpAdapter.getInstance<FastifyInstance>();
    const server = new ApolloServer<BaseContext>({
      ...options,
      plugins: [...(options.plugins ?? []), fastifyApolloDrainPlugin(app)],
    } as ApolloServerOptions<BaseContext>);
    await server.start();
    app.route({
      url: options.path ?? '/graphql',
      method: ['GET', 'POST', 'OPTIONS'],
      ...this.route,
      handler: fastifyApolloHandler(server, { context: options.context }),
    });
    this.apolloServer = server;
  }
}
