import type { RecordedEvent } from '@tandem/contracts';
import type { AppendSignal } from './append-signal';
import type { ReadAllOptions, SubscribeToAllOptions, Subscription } from './event-store.port';

export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  appended: AppendSignal;
  /** Upper bound on how long a live subscription waits without a signal (appends by other processes, lost notifications). */
  pollIntervalMs: number;
  pageSize: number;
}

/**
 * A catch-up subscription over any store whose `readAll` never skips a late commit: it pages
 * from the checkpoint, and once it reads a short page it waits for an append signal or the poll
 * interval, whichever comes first. Handlers run one at a time, in globalPosition order.
 *
 * A failure (handler or read) ends the subscription: it is reported to `onError`, or, when no
 * `onError` was given, by `stop()` rejecting, so it is never lost.
 */
export class CatchUpSubscription implements Subscription {
  private stopped = false;
  /** Set by the signal, cleared before each read: an append during a read is never missed. */
  private appendedSinceRead = true;
  private wakeUp?: () => void;
  private failure?: Error;
  private readonly finished: Promise<void>;
  private readonly unlisten: () => void;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: SubscribeToAllOptions,
  ) {
    this.unlisten = source.appended.onAppend(() => {
      this.appendedSinceRead = true;
      this.wakeUp?.();
    });
    this.finished = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.finished;
    if (this.failure && !this.options.onError) throw this.failure;
  }

  private async run(): Promise<void> {
    let position = this.options.after;
    try {
      while (!this.stopped) {
        this.appendedSinceRead = false;
        const page = await this.source.readAll({ after: position, limit: this.source.pageSize });
        for (const event of page) {
          if (this.stopped) return;
          await this.options.handler(event);
          position = event.globalPosition;
        }
        if (page.length < this.source.pageSize && !this.appendedSinceRead) await this.waitForAppend();
      }
    } catch (error) {
      this.stopped = true;
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.options.onError?.(this.failure);
    } finally {
      this.unlisten();
    }
  }

  private waitForAppend(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), this.source.pollIntervalMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}

/** The subscriptions one store started, so `close()` can stop them all. */
export class CatchUpSubscriptions {
  private readonly open = new Set<Subscription>();

  constructor(private readonly source: CatchUpSource) {}

  start(options: SubscribeToAllOptions): Subscription {
    const subscription = new CatchUpSubscription(this.source, options);
    this.open.add(subscription);
    return {
      stop: async () => {
        this.open.delete(subscription);
        await subscription.stop();
      },
    };
  }

  /** Stops every open subscription; failures were already reported through their `onError`. */
  async stopAll(): Promise<void> {
    const open = [...this.open];
    this.open.clear();
    await Promise.allSettled(open.map((subscription) => subscription.stop()));
  }
}
