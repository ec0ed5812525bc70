import type { EventStore } from '@tandem/eventstore';
import { RECOGNITION_AWARDED_TOPIC, type PubSub, type RecognitionPublished } from '@tandem/live-updates';
import type { Logger } from '@tandem/observability';
import { RecognitionCheckpointConflict, type RecognitionFeedRepository } from '@tandem/persistence';
import { StoreFollower, type FollowRound } from '@tandem/projections';
import { awardAppends, RECOGNITION_FEED, RecognitionBatches, STATE_MARKER, type RecognitionBatchOutcome } from './recognition-batches';
import type { RecognitionMetrics } from './recognition-metrics';
import { RecognitionState } from './recognition-state';

export interface RecognitionRunnerOptions {
  eventStore: EventStore;
  feed: RecognitionFeedRepository;
  pubSub: PubSub;
  logger: Logger;
  metrics?: RecognitionMetrics;
  /** Events per batch while catching up, and the largest live batch (default 2,000). */
  pageSize?: number;
  /**
   * The automatic rules run at most this often while following live (default 1 s), and never more
   * than a tenth of the time: each run rebuilds the whole model, so a long history waits longer.
   */
  rulesEveryMs?: number;
  retryDelayMs?: number;
}

/**
 * The recognizer: folds the event store in order (catch-up from its checkpoint with the state it
 * kept, then live), appends the kudos it decides from chat (KudosGiven) and the automatic
 * recognitions the rules find (RecognitionAwarded), keeps the feed read model and its own state
 * (checkpoint in the same transaction) and publishes each new feed item
 * on `recognitionAwarded`. Every id is deterministic, so a restart, a second instance or a rebuild
 * of the feed appends nothing twice. After a failure it starts again from the stored checkpoint.
 */
export class RecognitionRunner {
  private readonly follower: StoreFollower<RecognitionBatchOutcome>;
  private rulesTimer?: NodeJS.Timeout;
  private awarding: Promise<void> = Promise.resolve();
  private lastRulesMs = 0;
  private caughtUpOnce?: () => void;
  /** Resolves once the feed has caught up with the store (and the rules ran) for the first time. */
  readonly caughtUp: Promise<void>;

  constructor(private readonly options: RecognitionRunnerOptions) {
    this.caughtUp = new Promise((resolve) => (this.caughtUpOnce = resolve));
    this.follower = new StoreFollower(options, {
      name: 'recognition feed',
      prepareRound: () => this.prepareRound(),
      isConflict: (error) => error instanceof RecognitionCheckpointConflict,
      onFailure: () => {
        // The rules of the failed round would run on a state the next round rebuilds.
        clearTimeout(this.rulesTimer);
        this.rulesTimer = undefined;
      },
    });
  }

  start(): void {
    this.follower.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.rulesTimer);
    await this.follower.stop();
    await this.awarding;
  }

  /**
   * The state as of the feed's checkpoint, from its rows, and batches from there; the rules run
   * once caught up, then after live bursts. A feed written without state rows is rebuilt once.
   */
  private async prepareRound(): Promise<FollowRound<RecognitionBatchOutcome>> {
    const { eventStore, feed } = this.options;
    let checkpoint = await feed.checkpoint(RECOGNITION_FEED);
    let rows = await feed.state();
    if (checkpoint > 0 && !rows.some((row) => row.kind === STATE_MARKER.kind && row.key === STATE_MARKER.key)) {
      this.options.logger.warn({ checkpoint }, 'the recognition feed has no recognizer state (written by an older version): rebuilding it');
      await feed.reset(RECOGNITION_FEED);
      checkpoint = 0;
      rows = [];
    }
    const state = RecognitionState.restore(rows);
    let following = false;
    return {
      target: new RecognitionBatches(state, eventStore, feed, checkpoint),
      onBatch: async (outcome) => {
        this.afterBatch(outcome);
        await this.publish(outcome);
        if (following) this.scheduleRules(state);
      },
      afterCatchUp: async () => {
        await this.award(state);
        this.caughtUpOnce?.();
        following = true;
      },
      logFields: { checkpoint },
    };
  }

  private afterBatch(outcome: RecognitionBatchOutcome): void {
    this.options.metrics?.batch(outcome);
    for (const skipped of outcome.unreadable) this.options.logger.error({ err: skipped.error, globalPosition: skipped.globalPosition }, 'event is not canonical; not read for recognition');
    for (const refusal of outcome.refused) this.options.logger.info({ eventId: refusal.eventId, code: refusal.code }, 'kudos refused; nothing recorded');
  }

  /** New visible items, for the subscriptions of every API replica; a lost message only delays a subscriber until it reads the feed. */
  private async publish(outcome: RecognitionBatchOutcome): Promise<void> {
    for (const entry of outcome.entries) {
      if (entry.hidden) continue;
      const message: RecognitionPublished = { id: entry.id, teams: entry.teams };
      await this.options.pubSub.publish(RECOGNITION_AWARDED_TOPIC, message).catch((error: unknown) => this.options.logger.warn({ err: error }, 'recognitionAwarded could not be published'));
    }
  }

  /** Runs the rules once the current burst of live batches has settled (at most every `rulesEveryMs`). */
  private scheduleRules(state: RecognitionState): void {
    if (this.rulesTimer !== undefined || this.follower.stopping) return;
    this.rulesTimer = setTimeout(() => {
      this.awarding = this.awarding.then(() => this.award(state)).catch((error: unknown) => this.options.logger.error({ err: error }, 'automatic recognitions could not be appended; trying again after the next batch'));
      this.rulesTimer = undefined;
    }, Math.max(this.options.rulesEveryMs ?? 1_000, 10 * this.lastRulesMs));
  }

  /** Appends the awards the history supports that are not in it yet; they come back through the store into the feed. */
  private async award(state: RecognitionState): Promise<void> {
    const started = performance.now();
    const awards = state.newAwards();
    this.lastRulesMs = performance.now() - started;
    if (awards.length === 0) return;
    try {
      await this.options.eventStore.appendMany(awardAppends(awards));
    } catch (error) {
      state.forgetAwards(awards);
      throw error;
    }
    this.options.metrics?.awarded(awards);
    this.options.logger.info({ awards: awards.length }, 'automatic recognitions appended');
  }
}
