import { Controller, DynamicModule, Get, Header, HttpCode, Inject, Module, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Registry } from 'prom-client';
import { checkReadiness, ReadinessCheck } from './health';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** `/health/live`, `/health/ready` and `/metrics`: the same three endpoints on every app. */
@Controller()
class OperationsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** Liveness: the process can answer. Never depends on other services, so a database outage does not restart every pod. */
  @Get('health/live')
  @HttpCode(200)
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /** Readiness: every dependency answers; 503 otherwise, so a load balancer stops sending traffic. */
  @Get('health/ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const report = await checkReadiness(this.checks);
    await reply.status(report.status === 'ready' ? 200 : 503).send(report);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.registry.contentType).send(await this.registry.metrics());
  }
}

@Module({})
export class ObservabilityModule {
  static forRoot(options: { registry: Registry; readiness: ReadinessCheck[] }): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [OperationsController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: options.registry },
        { provide: READINESS_CHECKS, useValue: options.readiness },
      ],
      exports: [METRICS_REGISTRY],
    };
  }
}
