import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Inject, Injectable } from '@nestjs/common';
import { GraphQLSchemaHost, type GqlModuleOptions, type GqlOptionsFactory } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { Viewer } from '@tandem/auth';
import type { ApiSettings, TandemConfig } from '@tandem/config';
import type { Logger } from '@tandem/observability';
import { CONFIG, LOGGER } from '@tandem/runtime';
import { GraphQLError, type DocumentNode } from 'graphql';
import mercurius from 'mercurius';
import { Authenticator } from '../access/authenticator';
import { RATE_LIMITER } from '../api.tokens';
import { ApiContextFactory, type ApiContext } from '../context/api-context';
import { ApiRequests, GRAPHQL_PATH } from '../http/api-requests';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { unauthenticated } from './errors/api-errors';
import { formatApiError, logInternalErrors } from './errors/format-error';
import { mercuriusErrorResponse } from './errors/mercurius-error-formatter';
import { graphqlRouteOptions } from './drivers/graphql-route';
import { MAX_DOCUMENT_TOKENS, parseWithLimits, queryLimitRules, validateWithLimits } from './limits/query-limits';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** Documents remembered for automatic persisted queries, per process (a miss costs one retry with the query). */
const PERSISTED_QUERIES = 1_000;
/**
 * Mercurius compiles a query into a function (graphql-jit) once it has run this often: a
 * dashboard's query executes ~2,000 fields per request, which the compiled form resolves in a
 * fraction of graphql-js's time (bench/api.bench.ts). Rare queries stay interpreted.
 */
const JIT_AFTER_EXECUTIONS = 5;

/**
 * The GraphQL server, configured the same way for both drivers: code-first schema, our scalars,
 * guards and interceptors on every field, the query limits, error formatting, automatic persisted
 * queries (`extensions.persistedQuery.sha256Hash`), and subscriptions over graphql-ws on /graphql.
 */
@Injectable()
export class GraphqlOptions implements GqlOptionsFactory {
  private readonly settings: ApiSettings;
  private readonly logger: Logger;

  constructor(
    @Inject(CONFIG) config: TandemConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(ApiContextFactory) private readonly contexts: ApiContextFactory,
    @Inject(ApiRequests) private readonly requests: ApiRequests,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(GraphQLSchemaHost) private readonly schemaHost: GraphQLSchemaHost,
  ) {
    this.settings = config.api;
    this.logger = logger.child({ component: 'api' });
  }

  createGqlOptions(): GqlModuleOptions {
    return this.settings.graphqlDriver === 'apollo' ? this.apolloOptions() : this.mercuriusOptions();
  }

  private commonOptions() {
    return {
      path: GRAPHQL_PATH,
      autoSchemaFile: true,
      sortSchema: true,
      // Guards and interceptors (@Roles, @TeamScoped, @AuditPersonRead) apply to field resolvers too.
      fieldResolverEnhancers: ['guards', 'interceptors'] as ('guards' | 'interceptors')[],
      buildSchemaOptions: { scalarsMap: [{ type: () => Date, scalar: DateTimeScalar }] },
    } satisfies GqlModuleOptions;
  }

  private apolloOptions(): ApolloDriverConfig {
    const logger = this.logger;
    const logInternal: ApolloServerPlugin<ApiContext> = {
      async requestDidStart() {
        return {
          async didEncounterErrors({ errors, contextValue }) {
            logInternalErrors(errors, contextValue.logger ?? logger);
          },
        };
      },
    };
    return {
      ...this.commonOptions(),
      playground: false,
      graphiql: false,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      autoTransformHttpErrors: false,
      // Credentials are bearer tokens, never cookies: a forged cross-site request carries none.
      csrfPrevention: false,
      validationRules: queryLimitRules(this.settings.limits),
      parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
      formatError: (formatted, error) => formatApiError(error instanceof GraphQLError ? error : new GraphQLError(formatted.message)),
      context: (request: unknown) => this.httpContext(request),
      plugins: [logInternal as ApolloServerPlugin],
      subscriptions: {
        'graphql-ws': {
          onConnect: async (connection) => {
            const viewer = await this.websocketViewer(connection.connectionParams);
            Object.assign(connection.extra as object, { viewer });
            return viewer !== undefined;
          },
          // Our own execution arguments: the query limits apply, and the context is ours.
          onSubscribe: (connection, _id, payload) => {
            let document: DocumentNode;
            try {
              document = parseWithLimits(payload.query);
            } catch (error) {
              return [error as GraphQLError];
            }
            const errors = validateWithLimits(this.schemaHost.schema, document, this.settings.limits);
            if (errors.length > 0) return [...errors];
            return {
              schema: this.schemaHost.schema,
              document,
              operationName: payload.operationName,
              variableValues: payload.variables,
              contextValue: this.websocketContext((connection.extra as { viewer?: Viewer }).viewer),
            };
          },
        },
      },
    };
  }

  private mercuriusOptions(): MercuriusDriverConfig {
    return {
      ...this.commonOptions(),
      graphiql: false,
      validationRules: queryLimitRules(this.settings.limits),
      jit: JIT_AFTER_EXECUTIONS,
      graphql: { parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS } },
      persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(PERSISTED_QUERIES),
      errorFormatter: (execution, context) => mercuriusErrorResponse(execution, (context as Partial<ApiContext>).logger ?? this.logger),
      additionalRouteOptions: {
        bodyLimit: graphqlRouteOptions(this.settings, this.logger).bodyLimit,
        // Mercurius's response schema types `errors[].path` as strings, turning list indices into
        // "1"; GraphQL says integers. Plain JSON.stringify keeps them.
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      context: (request) => this.httpContext(request),
      subscription: {
        onConnect: async ({ payload }) => {
          const viewer = await this.websocketViewer(payload);
          return viewer ? this.websocketContext(viewer) : false;
        },
      },
      hooks: {
        // Mercurius does not validate subscription documents itself (graphql-ws on Apollo does).
        preSubscriptionExecution: async (schema, document) => {
          const [error] = validateWithLimits(schema, document, this.settings.limits);
          if (error) throw error;
        },
      },
    };
  }

  /** Over HTTP the gate has authenticated the request (and refused it otherwise). */
  private httpContext(request: unknown): ApiContext {
    const state = typeof request === 'object' && request !== null ? this.requests.get(request) : undefined;
    if (!state?.viewer) throw unauthenticated();
    return this.contexts.create(state.viewer, state.correlationId, state);
  }

  private websocketContext(viewer: Viewer | undefined): ApiContext {
    if (!viewer) throw unauthenticated();
    return this.contexts.create(viewer, randomUUID());
  }

  /**
   * Websockets authenticate in `connection_init`, whose payload carries `{ authorization: 'Bearer
   * tdm_…' }` (browsers cannot set headers on a websocket); the connection counts against the
   * token's rate limit.
   */
  private async websocketViewer(connectionParams: unknown): Promise<Viewer | undefined> {
    const params = typeof connectionParams === 'object' && connectionParams !== null ? (connectionParams as Record<string, unknown>) : {};
    const viewer = await this.authenticator.viewerFor(params.authorization ?? params.Authorization);
    if (!viewer) return undefined;
    return (await this.rateLimiter.take(viewer.tokenId)).allowed ? viewer : undefined;
  }
}
