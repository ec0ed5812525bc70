import { loadConfig } from '@tandem/config';
import { openReadModelDatabase } from '@tandem/persistence';
import { createTestDatabase } from '@tandem/testing';
import { LOAD_ENTITY_EVENTS } from './postgres-projection-store';

interface PlanNode {
  'Node Type': string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function indexConditions(node: PlanNode): string[] {
  return [...(node['Index Cond'] ? [node['Index Cond']] : []), ...(node.Plans ?? []).flatMap(indexConditions)];
}

describe('the PostgreSQL projection store', () => {
  it('looks each entity up when it reads earlier events, even when the statistics describe another generation', async () => {
    const database = await createTestDatabase('tandem_projection_plans');
    const dataSource = await openReadModelDatabase(
      loadConfig({ TANDEM_MODE: 'distributed', DATABASE_URL: database.url, KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' }),
    );
    try {
      const insertGeneration = (generation: number, events: number) =>
        dataSource.query(
          `INSERT INTO projection_entity_events (generation, entity_key, event_id, global_position, occurred_at, event)
           SELECT $1, 'incident:' || n, gen_random_uuid()::text, n, now(), '{}' FROM generate_series(1, $2::int) AS n`,
          [generation, events],
        );
      // A replay's situation: the statistics were taken when generation 1 held every row; generation 2 is being written.
      await insertGeneration(1, 20_000);
      await dataSource.query('ANALYZE projection_entity_events');
      await insertGeneration(2, 5_000);

      const [{ 'QUERY PLAN': plans }] = (await dataSource.query(`EXPLAIN (FORMAT JSON) ${LOAD_ENTITY_EVENTS}`, [2, ['incident:7', 'incident:8'], 5_000])) as {
        'QUERY PLAN': { Plan: PlanNode }[];
      }[];
      // Scanning generation 2 and filtering the keys would read all of it for every batch.
      expect(indexConditions(plans[0].Plan).some((condition) => condition.includes('entity_key'))).toBe(true);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
