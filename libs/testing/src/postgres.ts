import { randomBytes } from 'node:crypto';
import { Pool, escapeIdentifier } from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

export interface TestSchema {
  /** A fresh schema name, unique per call, so test files never see each other's tables. */
  schema: string;
  /** A pool whose connections have `search_path` set to the schema. */
  pool: Pool;
  /** Ends the pool and drops the schema with everything in it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty schema for one test file. Pool size 12: enough for 8 concurrent writers, a
 * LISTEN connection and readers, so concurrency tests really interleave transactions.
 */
export async function createTestSchema(options: { prefix?: string; max?: number } = {}): Promise<TestSchema> {
  const schema = `${options.prefix ?? 'test'}_${randomBytes(6).toString('hex')}`;
  const quoted = escapeIdentifier(schema);
  const admin = new Pool({ connectionString: databaseUrl(), max: 1 });
  try {
    await admin.query(`CREATE SCHEMA ${quoted}`);
  } finally {
    await admin.end();
  }
  const pool = new Pool({
    connectionString: databaseUrl(),
    max: options.max ?? 12,
    options: `-c search_path=${schema}`,
  });
  return {
    schema,
    pool,
    async drop() {
      await pool.end();
      const dropper = new Pool({ connectionString: databaseUrl(), max: 1 });
      try {
        await dropper.query(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
      } finally {
        await dropper.end();
      }
    },
  };
}
