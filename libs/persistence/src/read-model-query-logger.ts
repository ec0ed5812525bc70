import { Counter, type Registry } from 'prom-client';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '@tandem/observability';

const STATEMENTS = ['select', 'insert', 'update', 'delete'] as const;
type Statement = (typeof STATEMENTS)[number] | 'other';

function statementOf(query: string): Statement {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toLowerCase();
  return STATEMENTS.find((statement) => statement === verb) ?? 'other';
}

/**
 * TypeORM's queries into pino (trace; slow ones warn, failures error) and a Prometheus counter per
 * kind of statement: the number to watch for N+1 regressions, in production as in the tests.
 */
export class ReadModelQueryLogger implements TypeOrmLogger {
  private readonly queries?: Counter<'statement'>;

  constructor(
    private readonly logger?: Logger,
    registry?: Registry,
  ) {
    this.queries =
      registry &&
      new Counter({
        name: 'tandem_read_model_queries_total',
        help: 'SQL statements sent to the read-model database, by kind.',
        labelNames: ['statement'],
        registers: [registry],
      });
  }

  logQuery(query: string): void {
    this.queries?.inc({ statement: statementOf(query) });
    this.logger?.trace({ query }, 'read-model query');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger?.error({ err: error, query }, 'read-model query failed');
  }

  logQuerySlow(timeMs: number, query: string): void {
    this.logger?.warn({ timeMs, query }, 'slow read-model query');
  }

  logSchemaBuild(message: string): void {
    this.logger?.debug(message);
  }

  logMigration(message: string): void {
    this.logger?.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger?.warn(String(message));
    else this.logger?.debug(String(message));
  }
}
