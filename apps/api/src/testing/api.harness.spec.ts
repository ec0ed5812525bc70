/**
 * Harness of the API's integration tests; not a test file itself (the `.spec.ts` suffix only
 * keeps it out of the production build). Boots the API as `tandem api` does, through startApp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import { hashApiToken, type Role } from '@tandem/auth';
import { loadConfig, type TandemConfig } from '@tandem/config';
import { ApiTokenRepository, READ_MODEL_DATABASE } from '@tandem/persistence';
import { createInfrastructure, startApp, type RunningApp } from '@tandem/runtime';
import { createTestDatabase, type TestDatabase } from '@tandem/testing';
import { createClient, type Client } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { ApiModule } from '../api.module';
import { applyOrganization, ORGANIZATION_YAML } from './organization.harness.spec';

export type Driver = 'apollo' | 'mercurius';
export const DRIVERS: Driver[] = ['apollo', 'mercurius'];

export interface StartOptions {
  driver: Driver;
  /** `postgres`: the distributed mode on a fresh PostgreSQL database and the local Redis. */
  backend?: 'sqlite' | 'postgres';
  env?: Record<string, string>;
  /** Test-only resolver modules beside the API's own. */
  modules?: Type<unknown>[];
  /** The organisation in the event store before the API starts. */
  organization?: string;
}

export interface GraphqlResponse<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: Data | null; errors?: { message: string; path?: (string | number)[]; extensions: { code: string; [key: string]: unknown } }[] };
}

export interface GraphqlRequestOptions {
  token?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ApiUnderTest {
  readonly url: string;
  readonly running: RunningApp;
  readonly config: TandemConfig;
  readonly database: DataSource;
  issueToken(role: Role, teams?: string[]): Promise<string>;
  /** The id of an issued token. */
  tokenIdOf(token: string): Promise<string>;
  /** The audit log's rows of one request. */
  auditEntries(correlationId: string): Promise<Record<string, unknown>[]>;
  /** POST /graphql with a bearer token; without a query for a persisted query's hash alone. */
  graphql<Data = Record<string, unknown>>(query: string | undefined, options?: GraphqlRequestOptions): Promise<GraphqlResponse<Data>>;
  /** A graphql-ws client on the same path, authenticating in connection_init. */
  websocket(token: string): Client;
  close(): Promise<void>;
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function startApi(options: StartOptions): Promise<ApiUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-api-'));
  const postgres: TestDatabase | undefined = options.backend === 'postgres' ? await createTestDatabase('tandem_api') : undefined;
  const config = loadConfig({
    TANDEM_MODE: postgres ? 'distributed' : 'embedded',
    TANDEM_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    TANDEM_GRAPHQL_DRIVER: options.driver,
    TANDEM_API_RATE_LIMIT: '1000',
    TANDEM_API_RATE_BURST: '1000',
    // The tests read their writes: every KPI query reads the checkpoint (staleness is tested in libs/projections).
    TANDEM_KPI_MAX_STALENESS_MS: '0',
    ...(postgres ? { DATABASE_URL: postgres.url, REDIS_URL, KAFKA_BROKERS: '127.0.0.1:9092' } : {}),
    ...options.env,
  });

  const seeding = await createInfrastructure(config, 'api-test-seed');
  await applyOrganization(seeding.eventStore, options.organization ?? ORGANIZATION_YAML);
  await seeding.close();

  const running = await startApp({ service: 'api', modules: [ApiModule, ...(options.modules ?? [])] }, config);
  const tokens = running.app.get(ApiTokenRepository);
  const url = running.url;
  const sockets: Client[] = [];
  const database = running.app.get<DataSource>(READ_MODEL_DATABASE);
  return {
    url,
    running,
    config,
    database,
    async issueToken(role, teams = []) {
      return (await tokens.issue({ role, teams })).token;
    },
    async tokenIdOf(token) {
      const row = await database.createQueryBuilder().select('id').from('api_tokens', 't').where('t.token_hash = :hash', { hash: hashApiToken(token) }).getRawOne<{ id: string }>();
      if (!row) throw new Error('no such token');
      return row.id;
    },
    auditEntries(correlationId) {
      return database
        .createQueryBuilder()
        .select(['token_id', 'role', 'field', 'subject', 'correlation_id'])
        .from('audit_log', 'entry')
        .where('entry.correlation_id = :correlationId', { correlationId })
        .orderBy('subject')
        .getRawMany();
    },
    async graphql<Data>(query: string | undefined, { token, operationName, variables, extensions, headers = {} }: GraphqlRequestOptions = {}): Promise<GraphqlResponse<Data>> {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, operationName, variables, extensions }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlResponse<Data>['body'] };
    },
    websocket(token) {
      const client = websocketClient(url, token);
      sockets.push(client);
      return client;
    },
    async close() {
      await Promise.all(sockets.map((socket) => socket.dispose()));
      await running.app.close();
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A graphql-ws client of the API at `url`, authenticating in connection_init. Dispose it after use. */
export function websocketClient(url: string, token: string): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
}
