import type { EventStore } from '@tandem/eventstore';
import type { Logger } from '@tandem/observability';
import { catchUp, DEFAULT_PAGE_SIZE, type BatchTarget } from './catch-up';
import { LiveBatches } from './live-batches';

/** One round of following: what to fold from where, built afresh from the stored checkpoint. */
export interface FollowRound<Outcome> {
  target: BatchTarget<unknown, Outcome>;
  /** After each committed batch, while catching up and live. */
  onBatch: (outcome: Outcome) => Promise<void> | void;
  /** Once caught up, before following live (a first rules run, resolving a `caughtUp` promise). */
  afterCatchUp?: () => Promise<void> | void;
  /** Added to this round's logs (the checkpoint it starts from). */
  logFields?: Record<string, unknown>;
}

/** What a follower reads and how (a runner's own options carry these fields, and are passed as they are). */
export interface StoreFollowerSettings {
  eventStore: EventStore;
  logger: Logger;
  /** Events per catch-up page, and the largest live batch (default 2,000). */
  pageSize?: number;
  /** Pause before starting again after a failure (default 1 s). */
  retryDelayMs?: number;
}

/** What differs between the followers. */
export interface StoreFollowerHooks<Outcome> {
  /** Names the follower in its logs: "<name> catching up", "<name> failed; …". */
  name: string;
  /** Added to every log (the projection's name). */
  logFields?: Record<string, unknown>;
  /** Reads the stored checkpoint and builds the round; a failure here is retried like any other. */
  prepareRound(): Promise<FollowRound<Outcome>>;
  /** A checkpoint conflict: someone else moved on and nothing was written, so it starts again at once. */
  isConflict(error: unknown): boolean;
  /** After a failure, before starting again (drop timers tied to the failed round). */
  onFailure?(): void;
}

/**
 * Follows the event store for a projector-like reader (the KPI projector, the recognizer, the
 * recognition poster): catches up from its stored checkpoint with `catchUp`, then follows live
 * with `LiveBatches`, and after any failure starts again from the stored checkpoint, which is
 * the only state that survives a failed batch. The readers differ only in the round they build.
 */
export class StoreFollower<Outcome> {
  private stopRequested = false;
  private live?: LiveBatches<Outcome>;
  private running?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly settings: StoreFollowerSettings,
    private readonly hooks: StoreFollowerHooks<Outcome>,
  ) {}

  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Stops following; the batch in flight is committed (or rolled back) first. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    // A retry pause would otherwise hold `stop()` for up to `retryDelayMs`.
    this.wakeUp?.();
    await this.live?.stop();
    await this.running;
  }

  private async run(): Promise<void> {
    const { eventStore, logger } = this.settings;
    const { name, logFields } = this.hooks;
    const pageSize = this.settings.pageSize ?? DEFAULT_PAGE_SIZE;
    while (!this.stopRequested) {
      try {
        const round = await this.hooks.prepareRound();
        const fields = { ...logFields, ...round.logFields };
        logger.info(fields, `${name} catching up`);
        await catchUp(eventStore, round.target, { pageSize, isStopping: () => this.stopRequested, onBatch: round.onBatch });
        if (this.stopRequested) return;
        await round.afterCatchUp?.();
        // A stop that came during afterCatchUp found no live batches to stop: don't start them.
        if (this.stopRequested) return;
        logger.info({ ...fields, position: round.target.position }, `${name} caught up; following live`);
        this.live = new LiveBatches(eventStore, round.target, { maxBatch: pageSize, onBatch: round.onBatch });
        await this.live.done;
      } catch (error) {
        if (this.stopRequested) return;
        this.hooks.onFailure?.();
        if (this.hooks.isConflict(error)) {
          // A swap or another instance moved on: nothing was written; start from what is stored now.
          logger.info({ ...logFields, reason: (error as Error).message }, `${name} starting again from the stored checkpoint`);
          continue;
        }
        logger.error({ ...logFields, err: error }, `${name} failed; starting again from the stored checkpoint`);
        await this.pause(this.settings.retryDelayMs ?? 1_000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
