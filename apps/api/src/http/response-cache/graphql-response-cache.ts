import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { TandemConfig } from '@tandem/config';
import type { Directory } from '@tandem/directory';
import { METRICS_REGISTRY } from '@tandem/observability';
import { KpiReadModel, type ProjectionPosition } from '@tandem/projections';
import { CONFIG } from '@tandem/runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DirectoryService } from '../../organization/directory.service';
import { ApiRequests, GRAPHQL_PATH } from '../api-requests';
import { CORRELATION_HEADER } from '../correlation-id';
import { accessClassOf } from './access-class';
import { isCacheableOperation } from './cacheable-operation';

/** Bytes of response bodies kept, least recently used out: a few hundred dashboard answers. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Documents whose number and cacheability are remembered (parsing one costs more than a look-up). */
const DOCUMENTS = 1_000;
/** Operation names remembered per document: a client sends one or a few; more are checked every time. */
const OPERATIONS_PER_DOCUMENT = 16;
/**
 * The longest an entry lives, even when the directory names no change ahead: an answer whose clock
 * dependence the directory cannot see (a resolver reading the clock itself; none does today) is
 * never older than this.
 */
const MAX_ENTRY_LIFE_MS = 60_000;
/** Headers that belong to one response, not to the answer. */
const OWN_HEADERS: ReadonlySet<string> = new Set([CORRELATION_HEADER, 'content-length']);

interface CachedResponse {
  body: Buffer;
  headers: Record<string, string>;
  /** Epoch ms after which the next request executes it again while the others are still answered from it. */
  refreshAt: number;
}

/** What a request that missed needs to keep its answer: the key, what the key was made of, and who waits for it. */
interface Missed {
  key: string;
  position: ProjectionPosition;
  directory: Directory;
  /** Epoch ms when the execution started: the clock its answer was computed at, at the latest. */
  startedAt: number;
  /** Gives the requests waiting on this key what was kept (undefined: nothing; they execute). */
  settle(kept: CachedResponse | undefined): void;
}

/** A document (query text) seen before: its number in keys, and whether each operation it was asked to run may be cached. */
interface KnownDocument {
  id: number;
  cacheable: Map<string | undefined, boolean>;
}

type CacheResult = 'hit' | 'miss' | 'uncacheable';

/**
 * Answers repeated read-model queries with the serialized body of an earlier identical answer, the
 * same under both drivers (Fastify hooks on `/graphql`, after the gate's authentication, rate limit
 * and correlation id). Correct because what those queries read is immutable between keys: the key is
 * the read model's checkpoint the request is answered from (generation, position, definitions
 * version), the directory it sees, the document, variables and operation name, and the viewer's
 * access class. Only answers executed without errors, with nothing audited, and whose checkpoint
 * and directory did not move while they ran are kept; a document is validated (depth, cost, aliases)
 * whenever it is executed, and only a valid one is ever kept, as the drivers keep validated documents.
 *
 * The checkpoint in the key is the one the read model answers from, no older than
 * TANDEM_KPI_MAX_STALENESS_MS; with 0 (read the checkpoint on every query), nothing is cached. A moved
 * checkpoint makes the old keys unreachable; they age out of the LRU. The other input that moves is
 * the clock, through the directory's "now" (memberships, service owners): an entry lives until the
 * directory's next dated change after its execution started (`Directory.nextChangeAfter`), at most
 * a minute, so an unchanged store is not executed again every few seconds for nothing (each
 * execution of a dashboard's overview holds the event loop ~10 ms).
 */
@Injectable()
export class GraphqlResponseCache implements OnModuleInit {
  private readonly responses?: LRUCache<string, CachedResponse>;
  /**
   * Query text → its number and cacheability. Keys name a document by its number, not its text: a
   * dashboard's query is kilobytes, which every request would otherwise copy into its key and hash
   * in each look-up (allocation that makes the young generation's collections, whose pauses grow
   * with the year model's old generation, come more often). Numbers are never reused.
   */
  private readonly documents = new LRUCache<string, KnownDocument>({ max: DOCUMENTS });
  private nextDocumentId = 1;
  private readonly missed = new WeakMap<object, Missed>();
  /**
   * The answers being executed, by key: a request that misses while one with its key executes waits
   * for that answer instead of executing too (after a checkpoint move or an entry's expiry, a
   * dashboard at 500 requests/s would otherwise execute every request that arrives meanwhile).
   */
  private readonly executing = new Map<string, Promise<CachedResponse | undefined>>();
  private readonly directoryIds = new WeakMap<Directory, number>();
  private nextDirectoryId = 1;
  private readonly lookups: Counter<'result'>;

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) config: TandemConfig,
    @Inject(ApiRequests) private readonly requests: ApiRequests,
    @Inject(KpiReadModel) private readonly readModel: KpiReadModel,
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    if (config.api.kpiMaxStalenessMs > 0) {
      this.responses = new LRUCache<string, CachedResponse>({
        maxSize: MAX_BODY_BYTES,
        sizeCalculation: (response, key) => response.body.length + key.length,
        ttl: MAX_ENTRY_LIFE_MS,
      });
    }
    this.lookups = new Counter({
      name: 'tandem_graphql_response_cache_requests_total',
      help: 'GraphQL requests over HTTP by how the response cache served them: hit, miss (executed, then kept if it can be), uncacheable (not a read-model query).',
      labelNames: ['result'],
      registers: [registry],
    });
    const responses = this.responses;
    new Gauge({
      name: 'tandem_graphql_response_cache_bytes',
      help: 'Bytes of response bodies (and keys) the response cache holds.',
      registers: [registry],
      collect() {
        this.set(responses?.calculatedSize ?? 0);
      },
    });
  }

  onModuleInit(): void {
    if (!this.responses) return;
    const server = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    server.addHook('preHandler', async (request, reply) => {
      if (request.routeOptions.url === GRAPHQL_PATH) return this.answer(request, reply);
    });
    server.addHook('onSend', async (request, reply, payload) => {
      const missed = this.takeMissed(request);
      if (missed) missed.settle(await this.keep(missed, request, reply, payload));
      return payload;
    });
    // An answer never sent keeps no one waiting.
    const settleUnsent = async (request: FastifyRequest) => this.takeMissed(request)?.settle(undefined);
    server.addHook('onRequestAbort', settleUnsent);
    server.addHook('onResponse', settleUnsent);
  }

  private takeMissed(request: FastifyRequest): Missed | undefined {
    const missed = this.missed.get(request);
    if (missed) this.missed.delete(request);
    return missed;
  }

  /** Replies with the kept answer, or notes the key to keep this one under. */
  private async answer(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const state = this.requests.get(request);
    const operation = operationOf(request);
    const document = operation && this.cacheableDocument(operation.query, operation.operationName);
    if (!state?.viewer || !operation || !document) {
      this.lookups.inc({ result: 'uncacheable' satisfies CacheResult });
      return undefined;
    }
    let position: ProjectionPosition;
    try {
      position = await this.readModel.answeringPosition();
    } catch {
      // The read models cannot be read: the query executes and answers that as it would uncached.
      this.lookups.inc({ result: 'uncacheable' satisfies CacheResult });
      return undefined;
    }
    const directory = this.directory.current();
    const key = JSON.stringify([
      position.generation,
      position.position,
      position.definitionsVersion,
      this.idOf(directory),
      accessClassOf(state.viewer),
      document.id,
      operation.operationName ?? null,
      operation.variables,
    ]);
    const entry = this.responses?.get(key);
    const kept = entry ? (this.isDueForRefresh(key, entry) ? undefined : entry) : await this.executing.get(key);
    if (kept) {
      this.lookups.inc({ result: 'hit' satisfies CacheResult });
      state.failed = false;
      return reply.headers(kept.headers).send(kept.body);
    }
    this.lookups.inc({ result: 'miss' satisfies CacheResult });
    if (this.executing.has(key)) return undefined; // Another waiter executes it already; this one executes too, without keeping.
    let settle!: (kept: CachedResponse | undefined) => void;
    const executed = new Promise<CachedResponse | undefined>((resolve) => (settle = resolve));
    this.executing.set(key, executed);
    this.missed.set(request, {
      key,
      position,
      directory,
      startedAt: Date.now(),
      settle: (answer) => {
        if (this.executing.get(key) === executed) this.executing.delete(key);
        settle(answer);
      },
    });
    return undefined;
  }

  /** Keeps an answer without errors or audited reads, if the checkpoint and directory it was keyed by answered it throughout. */
  private async keep(missed: Missed, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<CachedResponse | undefined> {
    const state = this.requests.get(request);
    if (reply.statusCode !== 200 || state?.failed !== false || state.audited) return undefined;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return undefined;
    // Snapshots only move forward: the same checkpoint after the execution as before means every read in between saw it.
    const position = await this.readModel.answeringPosition().catch(() => undefined);
    if (!position) return undefined;
    const unmoved =
      position.generation === missed.position.generation &&
      position.position === missed.position.position &&
      position.definitionsVersion === missed.position.definitionsVersion &&
      this.directory.current() === missed.directory;
    if (!unmoved) return undefined;
    const now = Date.now();
    const life = Math.min(MAX_ENTRY_LIFE_MS, missed.directory.nextChangeAfter(missed.startedAt) - now);
    if (life < 1) return undefined; // The directory changed its mind about "now" while this executed.
    const kept = { body: Buffer.from(payload), headers: answerHeadersOf(reply), refreshAt: now + life / 2 };
    this.responses?.set(missed.key, kept, { ttl: life });
    return kept;
  }

  /**
   * An entry past half its life is executed again by the next request while the others are still
   * answered from it (as the read model reads its checkpoint again after half the bound), so that
   * its expiry does not make a dashboard's requests wait for one execution.
   */
  private isDueForRefresh(key: string, entry: CachedResponse): boolean {
    return !this.executing.has(key) && Date.now() >= entry.refreshAt;
  }

  /** The document, if the operation asked of it may be answered from the cache. */
  private cacheableDocument(query: string, operationName: string | undefined): KnownDocument | undefined {
    let document = this.documents.get(query);
    if (document === undefined) this.documents.set(query, (document = { id: this.nextDocumentId++, cacheable: new Map() }));
    let cacheable = document.cacheable.get(operationName);
    if (cacheable === undefined) {
      cacheable = isCacheableOperation(query, operationName);
      if (document.cacheable.size < OPERATIONS_PER_DOCUMENT) document.cacheable.set(operationName, cacheable);
    }
    return cacheable ? document : undefined;
  }

  /** Directories are immutable values, replaced when a directory event arrives: each gets a number for the key. */
  private idOf(directory: Directory): number {
    let id = this.directoryIds.get(directory);
    if (id === undefined) this.directoryIds.set(directory, (id = this.nextDirectoryId++));
    return id;
  }
}

interface RequestedOperation {
  query: string;
  operationName?: string;
  /** As sent: a GET's JSON text, a POST's object. */
  variables: unknown;
}

/** The operation of a GET or a JSON POST; undefined for anything else (a batch, a persisted query's hash alone). */
function operationOf(request: FastifyRequest): RequestedOperation | undefined {
  const source: unknown = request.method === 'GET' ? request.query : request.method === 'POST' ? request.body : undefined;
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return undefined;
  const { query, operationName, variables } = source as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  return { query, operationName: operationName ?? undefined, variables: variables ?? null };
}

function answerHeadersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (!OWN_HEADERS.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}
