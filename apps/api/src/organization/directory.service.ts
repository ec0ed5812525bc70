import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { isEventType, readCanonicalEvent, type RecordedEvent } from '@tandem/contracts';
import { Directory, isDirectoryEvent, SeenIdentities, unresolvedIdentities, type PlannedDirectoryEvent, type UnresolvedIdentity } from '@tandem/directory';
import type { EventStore, Subscription } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import { appendDirectoryEvents, type DirectoryAppendSummary } from '@tandem/organization';
import { EVENT_STORE, LOGGER } from '@tandem/runtime';

const PAGE_SIZE = 1_000;
/** How long a mutation waits to see its own events folded in before it answers. */
const READ_YOUR_WRITES_TIMEOUT_MS = 10_000;

interface PositionWaiter {
  position: number;
  resolve(): void;
}

/**
 * The organisation as the API serves it: the fold of the directory events of the store, read
 * whole at start, then kept current by a catch-up subscription; and, from the same pass over
 * every other event, the vendor identities the events name (for the unresolved ones). A stand-in
 * until the organisation read model exists: reading the whole store at start is fine for a
 * directory, not for a year of events.
 */
@Injectable()
export class DirectoryService implements OnModuleInit, OnModuleDestroy {
  private directory = Directory.empty();
  private readonly seen = new SeenIdentities();
  private position = 0;
  private waiters: PositionWaiter[] = [];
  private subscription?: Subscription;
  private failure?: Error;
  private readonly logger: Logger;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'directory' });
  }

  current(): Directory {
    return this.directory;
  }

  /** Identities events named that no person is linked to, bots left out, most seen first. */
  unresolved(): UnresolvedIdentity[] {
    return unresolvedIdentities(this.directory, this.seen.all());
  }

  /**
   * Appends an admin's planned changes and answers once this directory has folded them in, so the
   * mutation's answer and the next query see the change.
   */
  async append(planned: readonly PlannedDirectoryEvent[]): Promise<DirectoryAppendSummary> {
    const summary = await appendDirectoryEvents(this.eventStore, planned);
    if (summary.lastGlobalPosition > this.position) await this.caughtUpTo(summary.lastGlobalPosition);
    return summary;
  }

  /** Throws while the directory is not following the store: a stale organisation is not ready. */
  assertFollowing(): void {
    if (this.failure) throw new Error(`directory stopped following the event store: ${this.failure.message}`);
  }

  async onModuleInit(): Promise<void> {
    for (;;) {
      const page = await this.eventStore.readAll({ after: this.position, limit: PAGE_SIZE });
      if (page.length === 0) break;
      this.apply(page);
    }
    this.logger.info({ position: this.position, teams: this.directory.teams().length }, 'directory loaded');
    this.subscription = this.eventStore.subscribeToAll({
      after: this.position,
      handler: async (event) => this.apply([event]),
      onError: (error) => {
        this.failure = error;
        this.logger.error({ err: error }, 'directory stopped following the event store');
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
  }

  private caughtUpTo(position: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(new Error(`the directory did not reach event position ${position} within ${READ_YOUR_WRITES_TIMEOUT_MS} ms`));
      }, READ_YOUR_WRITES_TIMEOUT_MS);
      const entry: PositionWaiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(entry);
    });
  }

  private apply(events: readonly RecordedEvent[]): void {
    const directoryEvents = [];
    for (const event of events) {
      // Upcast only the directory's events: the others are read as stored, for the identities they name.
      if (isDirectoryEvent(event)) {
        const canonical = readCanonicalEvent(event);
        if (isDirectoryEvent(canonical)) directoryEvents.push(canonical);
      } else if (isEventType(event.type)) {
        this.seen.record(event);
      }
    }
    this.directory = this.directory.apply(directoryEvents);
    this.position = events.at(-1)?.globalPosition ?? this.position;
    const reached = this.waiters.filter((waiter) => waiter.position <= this.position);
    if (reached.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.position > this.position);
    for (const waiter of reached) waiter.resolve();
  }
}
