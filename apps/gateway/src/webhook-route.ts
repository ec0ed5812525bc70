import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from '@tandem/observability';
import { LOGGER } from '@tandem/runtime';
import { isWebhookSource } from '@tandem/webhooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GATEWAY_SETTINGS, type GatewaySettings } from './tokens';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookReceiver } from './webhook-receiver';
import { REPLIES, type WebhookOutcome, type WebhookReply } from './webhook-reply';

const WEBHOOK_ROUTE = '/webhooks/:source';

/**
 * Serves `POST /webhooks/:source` as an encapsulated Fastify plugin rather than a Nest controller:
 * signatures cover the raw bytes, so this route needs its own content-type parser (keep every body
 * as a Buffer: application/json, application/x-www-form-urlencoded, anything), its own body limit
 * and its own error answers. Encapsulated, none of that leaks to the other routes of the same
 * server, such as GraphQL's JSON parsing when the gateway is embedded in the one-process mode.
 * (Nest's GraphQL modules register their Fastify plugins the same way.)
 */
@Injectable()
export class WebhookRoute implements OnModuleInit {
  private readonly bodyLimitBytes: number;
  private readonly logger: Logger;
  /** Each request's outcome, for the metrics recorded once its answer is sent. */
  private readonly outcomes = new WeakMap<FastifyRequest, WebhookOutcome>();

  // Explicit @Inject everywhere: the module also runs under transpilers without decorator metadata (tsx).
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(WebhookReceiver) private readonly receiver: WebhookReceiver,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.bodyLimitBytes = settings.bodyLimitBytes;
    this.logger = logger.child({ component: 'gateway' });
  }

  async onModuleInit(): Promise<void> {
    const server: unknown = this.adapterHost.httpAdapter?.getInstance();
    if (!isFastify(server)) throw new Error('GatewayModule needs the Fastify HTTP adapter (@nestjs/platform-fastify)');
    await server.register(async (scope) => this.routes(scope));
  }

  private routes(scope: FastifyInstance): void {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error, request, reply) => this.answerError(error, request, reply));
    scope.addHook('onResponse', async (request, reply) => {
      const source = (request.params as { source?: string }).source ?? '';
      const outcome = this.outcomes.get(request) ?? 'internal_error';
      this.metrics.record(isWebhookSource(source) ? source : 'unknown', outcome, reply.elapsedTime / 1000);
    });
    scope.post<{ Params: { source: string } }>(WEBHOOK_ROUTE, {
      bodyLimit: this.bodyLimitBytes,
      // Refuse an unknown source before reading (up to a MiB of) its body.
      onRequest: async (request, reply) => {
        const refusal = this.receiver.refuseBeforeBody(request.params.source);
        if (refusal !== undefined) return this.send(request, reply, refusal);
      },
      handler: async (request, reply) => {
        const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const answer = await this.receiver.receive(request.params.source, { headers: request.headers, rawBody });
        return this.send(request, reply, answer);
      },
    });
  }

  private send(request: FastifyRequest, reply: FastifyReply, answer: WebhookReply): FastifyReply {
    this.outcomes.set(request, answer.outcome);
    return reply
      .code(answer.status)
      .headers(answer.headers ?? {})
      .send(answer.body);
  }

  /** Errors raised before the handler: mostly the body parser (too large, truncated, aborted). */
  private answerError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const status = error instanceof Error && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (status === 413) return this.send(request, reply, REPLIES.payloadTooLarge(this.bodyLimitBytes));
    if (error instanceof Error && status >= 400 && status < 500) {
      return this.send(request, reply, REPLIES.invalidBody(error.message));
    }
    this.logger.error({ err: error, url: request.url }, 'webhook request failed');
    return this.send(request, reply, REPLIES.internalError());
  }
}

function isFastify(server: unknown): server is FastifyInstance {
  return typeof server === 'object' && server !== null && 'addContentTypeParser' in server && 'register' in server;
}
