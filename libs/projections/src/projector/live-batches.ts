import type { RecordedEvent } from '@tandem/contracts';
import type { EventStore, Subscription } from '@tandem/eventstore';
import type { BatchOutcome } from './batch-projector';
import type { BatchTarget } from './catch-up';

export interface LiveBatchOptions<Outcome = BatchOutcome> {
  /** A batch is written once this many events wait, or as soon as the subscription pauses. */
  maxBatch: number;
  onBatch?: (outcome: Outcome) => Promise<void> | void;
}

/**
 * Follows the store's catch-up subscription from the projector's checkpoint and writes what
 * arrives in small batches: the events delivered together (a page, a burst) are committed in one
 * transaction as soon as the subscription pauses, so one event alone is written at once and a
 * burst of a thousand costs a few transactions, not a thousand. The handler waits for the write
 * when a full batch is pending: the subscription never runs ahead of the database.
 *
 * `done` settles when `stop()` was called (after the pending events are written) or rejects on
 * the first failure; the caller starts again from the stored checkpoint.
 */
export class LiveBatches<Outcome = BatchOutcome> {
  readonly done: Promise<void>;
  private buffer: RecordedEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private failure: unknown = undefined;
  private stopped = false;
  private readonly subscription: Subscription;
  private settle!: { resolve: () => void; reject: (error: unknown) => void };

  constructor(
    eventStore: EventStore,
    private readonly projector: BatchTarget<unknown, Outcome>,
    private readonly options: LiveBatchOptions<Outcome>,
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.subscription = eventStore.subscribeToAll({
      after: projector.position,
      handler: (event) => this.receive(event),
      onError: (error) => this.fail(error),
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return this.done.catch(() => undefined);
    this.stopped = true;
    await this.subscription.stop();
    await this.flush();
    this.settle.resolve();
  }

  private async receive(event: RecordedEvent): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.buffer.push(event);
    if (this.buffer.length >= this.options.maxBatch) {
      await this.flush();
    } else if (!this.flushScheduled) {
      // setImmediate runs after the subscription has handed over everything it read in one go.
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        void this.flush();
      });
    }
  }

  /** Writes the pending events after the write in flight; never rejects (a failure ends the follower). */
  private flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const batch = this.buffer.splice(0);
      if (batch.length === 0 || this.failure !== undefined) return;
      try {
        const outcome = await this.projector.project(batch);
        await this.options.onBatch?.(outcome);
      } catch (error) {
        this.fail(error);
      }
    });
    return this.writing;
  }

  private fail(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.stopped = true;
    this.buffer = [];
    this.settle.reject(error);
    // The subscription ends on its own when the handler throws; stopping it covers a failed write between deliveries.
    this.subscription.stop().catch(() => undefined);
  }
}
