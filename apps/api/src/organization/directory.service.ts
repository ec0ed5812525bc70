import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { readCanonicalEvent, type RecordedEvent } from '@tandem/contracts';
import { Directory, isDirectoryEvent } from '@tandem/directory';
import type { EventStore, Subscription } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import { EVENT_STORE, LOGGER } from '@tandem/runtime';

const PAGE_SIZE = 1_000;

/**
 * The organisation as the API serves it: the fold of the directory events of the store, read
 * whole at start, then kept current by a catch-up subscription. A stand-in until the organisation
 * read model exists: reading the whole store at start is fine for a directory, not for a year of
 * events.
 */
@Injectable()
export class DirectoryService implements OnModuleInit, OnModuleDestroy {
  private directory = Directory.empty();
  private position = 0;
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

  private apply(events: readonly RecordedEvent[]): void {
    // Upcast only the directory's events: the others are not this fold's business.
    const directoryEvents = events.filter(isDirectoryEvent).flatMap((event) => {
      const canonical = readCanonicalEvent(event);
      return isDirectoryEvent(canonical) ? [canonical] : [];
    });
    this.directory = this.directory.apply(directoryEvents);
    this.position = events.at(-1)?.globalPosition ?? this.position;
  }
}
