import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@tandem/observability';
import { Counter, Histogram, type Registry } from 'prom-client';

/** How a GraphQL request ended: the `outcome` label. */
export type GraphqlOutcome =
  | 'ok'
  | 'error'
  | 'rejected'
  | 'unauthenticated'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal_error';

export function outcomeOf(status: number, failed: boolean | undefined): GraphqlOutcome {
  if (status === 401) return 'unauthenticated';
  if (status === 429) return 'rate_limited';
  if (status === 413) return 'payload_too_large';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'internal_error';
  if (status >= 400) return 'rejected';
  return failed ? 'error' : 'ok';
}

/** Operation names are chosen by clients: only so many become label values, the rest count as `other`. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

@Injectable()
export class GraphqlMetrics {
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'outcome'>;
  private readonly operations = new Set<string>();

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.requests = new Counter({
      name: 'tandem_graphql_requests_total',
      help: 'GraphQL requests over HTTP, by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'tandem_graphql_request_duration_seconds',
      help: 'Time from request start to response sent, by operation name and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  /** The label of an operation name: `anonymous` without one, `unknown` for a body never read, `other` past the first 200 names. */
  operationLabel(name: unknown): string {
    if (typeof name === 'symbol') return 'unknown';
    if (typeof name !== 'string' || name === '') return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  record(operation: string, outcome: GraphqlOutcome, seconds: number): void {
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation, outcome }, seconds);
  }
}
