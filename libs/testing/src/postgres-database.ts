import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, escapeIdentifier } from 'pg';
import { databaseUrl } from './postgres';

export interface TestDatabase {
  /** The connection URL of a fresh, empty database. */
  url: string;
  /** Drops the database (closing any connection left open to it). */
  drop(): Promise<void>;
}

/**
 * A whole database for one test file, for tests that start apps the way production does (their
 * tables in the default schema), so nothing another test file wrote is visible.
 */
export async function createTestDatabase(prefix = 'tandem_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin((client) => client.query(`CREATE DATABASE ${escapeIdentifier(name)}`));
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      asAdmin(async (client) => {
        // Pools close their connections asynchronously: give them a moment, so FORCE only ends
        // connections that leaked, not ones already on their way out (whose clients would see
        // an "administrator command" error with nobody listening).
        for (let attempt = 0; attempt < 40 && (await connectionsTo(client, name)) > 0; attempt++) await delay(50);
        await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}

async function connectionsTo(client: Client, database: string): Promise<number> {
  const result = await client.query<{ count: string }>('SELECT count(*) FROM pg_stat_activity WHERE datname = $1', [database]);
  return Number(result.rows[0]?.count ?? 0);
}

async function asAdmin(run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
