import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { DRIVERS, startApi } from '../testing/api.harness.spec';

const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');
const UPDATE_COMMAND = 'TANDEM_UPDATE_SCHEMA=1 npx jest --runInBand apps/api/src/graphql/schema.int.spec.ts';
const HEADER = `# The GraphQL schema the API serves, printed from the code (sorted). Do not edit: update with\n#   ${UPDATE_COMMAND}\n\n`;

async function printedSchema(driver: (typeof DRIVERS)[number]): Promise<string> {
  const api = await startApi({ driver });
  try {
    return `${HEADER}${printSchema(lexicographicSortSchema(api.running.app.get(GraphQLSchemaHost).schema))}\n`;
  } finally {
    await api.close();
  }
}

function expectCommittedSchema(printed: string): void {
  if (process.env.TANDEM_UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
  const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (committed !== printed) {
    throw new Error(`apps/api/schema.graphql differs from the schema the code serves. Review the change, then update it:\n  ${UPDATE_COMMAND}`);
  }
  expect(committed).toBe(printed);
}

describe('the GraphQL schema', () => {
  it('is the committed apps/api/schema.graphql, and the same under both drivers', async () => {
    const [apollo, mercurius] = [await printedSchema('apollo'), await printedSchema('mercurius')];

    expect(mercurius).toBe(apollo);
    expectCommittedSchema(apollo);
  });
});
