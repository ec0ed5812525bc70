import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ApiSettings, TandemConfig } from '@tandem/config';
import type { Logger } from '@tandem/observability';
import { CONFIG, LOGGER } from '@tandem/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Authenticator } from '../access/authenticator';
import { RATE_LIMITER } from '../api.tokens';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import { ApiRequests, GRAPHQL_PATH } from './api-requests';
import { CORRELATION_HEADER, correlationIdOf } from './correlation-id';
import { GraphqlMetrics, outcomeOf } from './graphql-metrics';
import { refuse } from './graphql-response';

const METRICS_PATH = '/metrics';
const UNREAD = Symbol('unread');
const RETRY_WHEN_UNAVAILABLE_SECONDS = '5';

/**
 * What happens to a GraphQL request before GraphQL sees it, the same under both drivers: a
 * correlation id, the declared size checked, the bearer token authenticated (401), the token's rate
 * limit taken (429 with Retry-After). And after it: metrics and one log line. Also guards
 * `/metrics` unless TANDEM_METRICS_PUBLIC=true. Websocket upgrades authenticate in `connection_init`.
 *
 * Root Fastify hooks, filtered by route: the drivers register `/graphql` themselves.
 */
@Injectable()
export class ApiHttpGate implements OnModuleInit {
  private readonly settings: ApiSettings;
  private readonly logger: Logger;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) config: TandemConfig,
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiter,
    @Inject(ApiRequests) private readonly requests: ApiRequests,
    @Inject(GraphqlMetrics) private readonly metrics: GraphqlMetrics,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.settings = config.api;
    this.logger = logger.child({ component: 'api' });
  }

  onModuleInit(): void {
    const server: unknown = this.adapterHost.httpAdapter?.getInstance();
    if (!isFastify(server)) throw new Error('the API needs the Fastify HTTP adapter (@nestjs/platform-fastify)');
    server.addHook('onRequest', async (request, reply) => {
      const route = request.routeOptions.url;
      if (route === GRAPHQL_PATH && !isWebSocketUpgrade(request)) return this.admitGraphql(request, reply);
      if (route === METRICS_PATH && !this.settings.metricsPublic) return this.admitScrape(request, reply);
    });
    server.addHook('onResponse', async (request, reply) => {
      if (request.routeOptions.url === GRAPHQL_PATH && !isWebSocketUpgrade(request)) this.recordGraphql(request, reply);
    });
  }

  private async admitGraphql(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const correlationId = correlationIdOf(request.headers);
    this.requests.set(request, { correlationId });
    reply.header(CORRELATION_HEADER, correlationId);
    const limit = this.settings.limits.bodyLimitBytes;
    // Declared sizes are refused before a byte is read; an undeclared (chunked) body stops at the route's bodyLimit.
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      return refuse(reply, 413, 'PAYLOAD_TOO_LARGE', `request body larger than ${limit} bytes`);
    }
    try {
      const viewer = await this.authenticator.viewerFor(request.headers.authorization);
      if (!viewer) return refuse(reply, 401, 'UNAUTHENTICATED', 'a valid API token is required: Authorization: Bearer tdm_…', { 'www-authenticate': 'Bearer' });
      const decision = await this.rateLimiter.take(viewer.tokenId);
      if (!decision.allowed) {
        const { perSecond, burst } = this.settings.rateLimit;
        return refuse(reply, 429, 'RATE_LIMITED', `rate limit of ${perSecond} requests per second (bursts of ${burst}) exceeded for this token`, {
          'retry-after': String(decision.retryAfterSeconds),
        });
      }
      this.requests.set(request, { correlationId, viewer });
    } catch (error) {
      this.logger.error({ err: error, correlationId }, 'cannot admit GraphQL requests: token store or rate limiter unavailable');
      return refuse(reply, 503, 'INTERNAL_SERVER_ERROR', 'the API cannot check tokens right now; retry later', {
        'retry-after': RETRY_WHEN_UNAVAILABLE_SECONDS,
      });
    }
    return undefined;
  }

  /** Any valid token may scrape: the metrics carry organisation-level numbers only. */
  private async admitScrape(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const viewer = await this.authenticator.viewerFor(request.headers.authorization);
    if (viewer) return undefined;
    return reply.code(401).header('www-authenticate', 'Bearer').send({ error: { code: 'unauthenticated', message: 'a valid API token is required (or TANDEM_METRICS_PUBLIC=true)' } });
  }

  private recordGraphql(request: FastifyRequest, reply: FastifyReply): void {
    const state = this.requests.get(request);
    const operation = this.metrics.operationLabel(operationNameOf(request));
    const outcome = outcomeOf(reply.statusCode, state?.failed);
    const seconds = reply.elapsedTime / 1000;
    this.metrics.record(operation, outcome, seconds);
    this.logger.info(
      { correlationId: state?.correlationId, tokenId: state?.viewer?.tokenId, operation, outcome, status: reply.statusCode, durationMs: Math.round(seconds * 1000) },
      'graphql request',
    );
  }
}

/**
 * The `operationName` the client sent (clients such as Apollo Client and urql always send it), the
 * same under both drivers; `unknown` when the request was refused before its body was read.
 */
function operationNameOf(request: FastifyRequest): unknown {
  const source = request.method === 'GET' ? request.query : request.body;
  if (source === undefined) return UNREAD;
  return typeof source === 'object' && source !== null && 'operationName' in source ? source.operationName : undefined;
}

/** A websocket handshake (always a GET); any other request with an Upgrade header is gated like the rest. */
function isWebSocketUpgrade(request: FastifyRequest): boolean {
  return request.method === 'GET' && request.headers.upgrade?.toLowerCase() === 'websocket';
}

function isFastify(server: unknown): server is FastifyInstance {
  return typeof server === 'object' && server !== null && 'addHook' in server && 'register' in server;
}
