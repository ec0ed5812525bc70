import { Inject, Injectable } from '@nestjs/common';
import type { Viewer } from '@tandem/auth';
import type { Logger } from '@tandem/observability';
import { LOGGER } from '@tandem/runtime';
import { AuditLogWriter } from '../access/audit-log-writer';
import { AuditTrail } from '../access/audit-trail';
import type { RequestLoaders } from './request-loader';

/** What the HTTP layer knows of a GraphQL request, and learns from it for metrics and logs. */
export interface RequestState {
  readonly correlationId: string;
  /** Set once the token is authenticated and within its rate limit. */
  readonly viewer?: Viewer;
  /** Whether the response carried errors (a 200 with `errors`). */
  failed?: boolean;
  /** Whether it read person-level data (written to the audit log): such an answer is never kept for another request. */
  audited?: boolean;
}

/** The GraphQL context of every operation, over HTTP or websocket: who asks, and per-request helpers. */
export interface ApiContext {
  readonly viewer: Viewer;
  readonly correlationId: string;
  /** Child logger carrying the correlation id. */
  readonly logger: Logger;
  readonly loaders: RequestLoaders;
  readonly audit: AuditTrail;
  /** Set for HTTP requests. */
  readonly state?: RequestState;
}

@Injectable()
export class ApiContextFactory {
  constructor(
    @Inject(AuditLogWriter) private readonly auditLog: AuditLogWriter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  create(viewer: Viewer, correlationId: string, state?: RequestState): ApiContext {
    return {
      viewer,
      correlationId,
      logger: this.logger.child({ component: 'api', correlationId }),
      loaders: new Map(),
      audit: new AuditTrail(this.auditLog, viewer, correlationId),
      state,
    };
  }
}
