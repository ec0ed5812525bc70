import { createTestSchema, type TestSchema } from '@tandem/testing';
import { deliveryArchiveContract } from '../contract/delivery-archive.contract';
import { migratePostgresDeliveryArchive, PostgresDeliveryArchive } from './postgres-delivery-archive';

deliveryArchiveContract('PostgresDeliveryArchive', async () => {
  const testSchema = await createTestSchema({ prefix: 'archive', max: 2 });
  await migratePostgresDeliveryArchive(testSchema.pool, testSchema.schema);
  return {
    archive: new PostgresDeliveryArchive({ pool: testSchema.pool, schema: testSchema.schema }),
    dispose: () => testSchema.drop(),
  };
});

describe('PostgresDeliveryArchive migration', () => {
  let testSchema: TestSchema;

  beforeAll(async () => {
    testSchema = await createTestSchema({ prefix: 'archive', max: 4 });
  });

  afterAll(async () => {
    await testSchema.drop();
  });

  it('is idempotent, also when processes start at once, and creates the webhook_archive shape', async () => {
    await Promise.all([1, 2, 3].map(() => migratePostgresDeliveryArchive(testSchema.pool, testSchema.schema)));
    await migratePostgresDeliveryArchive(testSchema.pool, testSchema.schema);

    const { rows } = await testSchema.pool.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'webhook_archive' ORDER BY ordinal_position`,
      [testSchema.schema],
    );
    expect(rows.map((row) => [row.column_name, row.data_type])).toEqual([
      ['source', 'text'],
      ['delivery_id', 'text'],
      ['received_at', 'timestamp with time zone'],
      ['correlation_id', 'text'],
      ['headers', 'jsonb'],
      ['body', 'text'],
      ['outcome', 'text'],
      ['reason', 'text'],
    ]);
  });
});
