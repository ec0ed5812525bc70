import { Directory } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import type { JobQueue, Jobs, JobWorker } from '@tandem/jobs';
import type { Logger } from '@tandem/observability';
import { isProjectionConflict, StoreFollower, type FollowRound, type ProjectionStore } from '@tandem/projections';
import { moveCheckpoint, PostingBatches, RECOGNITION_POSTING, type PostingDestinations, type PostingOutcome } from './posting-batches';
import { postingHandlers, RECOGNITION_POSTING_QUEUE, type PostingClients, type RecognitionPostingJobs } from './recognition-posting-jobs';

export interface RecognitionPosterOptions {
  eventStore: EventStore;
  /** The projections' store: the poster's checkpoint is a projection's (`recognition-posting`). */
  store: ProjectionStore;
  jobs: Jobs;
  destinations: PostingDestinations;
  clients: PostingClients;
  logger: Logger;
  /** Recognitions older than this when read are not posted. Default 24 h. */
  maxAgeMs?: number;
  /** Tries of each post; default 8 with a 2 s backoff (2 s … 4 min between tries, about 8 min in all). */
  attempts?: number;
  backoffMs?: number;
  pageSize?: number;
  retryDelayMs?: number;
}

/**
 * Posts new recognitions to the organisation's Slack and Teams channels. It follows the event
 * store with its own checkpoint and hands each recognition to the `recognition-posting` queue
 * (BullMQ, or the embedded scheduler), whose worker it also runs: posting happens beside the
 * recognizer, never in its way, and a vendor failure only leaves a job retrying or dead-lettered;
 * the recognition itself is already in the event store and the feed.
 *
 * The first start begins at the store's head: enabling posting does not post the whole history.
 */
export class RecognitionPoster {
  private readonly follower: StoreFollower<PostingOutcome>;
  private worker?: JobWorker;
  private caughtUpOnce?: () => void;
  private readonly queue: JobQueue<RecognitionPostingJobs>;
  /** Resolves once the poster has read up to the head for the first time. */
  readonly caughtUp: Promise<void>;

  constructor(private readonly options: RecognitionPosterOptions) {
    this.queue = options.jobs.queue<RecognitionPostingJobs>(RECOGNITION_POSTING_QUEUE);
    this.caughtUp = new Promise((resolve) => (this.caughtUpOnce = resolve));
    this.follower = new StoreFollower(options, {
      name: 'recognition posting',
      prepareRound: () => this.prepareRound(),
      isConflict: isProjectionConflict,
    });
  }

  start(): void {
    this.follower.start();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
    await this.worker?.stop();
  }

  /** The worker (once), then batches that queue posts from the stored checkpoint. */
  private async prepareRound(): Promise<FollowRound<PostingOutcome>> {
    this.worker ??= await this.queue.work(postingHandlers(this.options.clients));
    const { generation, position } = await this.checkpoint();
    const target = new PostingBatches(Directory.empty(), {
      store: this.options.store,
      queue: this.queue,
      destinations: this.options.destinations,
      generation,
      checkpoint: position,
      maxAgeMs: this.options.maxAgeMs ?? 24 * 3_600_000,
      attempts: this.options.attempts ?? 8,
      backoffMs: this.options.backoffMs ?? 2_000,
    });
    return {
      target,
      onBatch: (outcome) => this.report(outcome),
      afterCatchUp: () => this.caughtUpOnce?.(),
      logFields: { checkpoint: position, destinations: this.options.destinations },
    };
  }

  /** The stored checkpoint; on the very first start, the head of the store. */
  private async checkpoint(): Promise<{ generation: number; position: number }> {
    const { store, eventStore } = this.options;
    const isFirstStart = (await store.generations(RECOGNITION_POSTING)).length === 0;
    const active = await store.ensureActiveGeneration(RECOGNITION_POSTING, 1);
    if (!isFirstStart || active.position > 0) return active;
    const head = await eventStore.headPosition();
    if (head > 0) await moveCheckpoint(store, active.generation, 0, head);
    return { generation: active.generation, position: head };
  }

  private report(outcome: PostingOutcome): void {
    const { logger } = this.options;
    for (const skipped of outcome.unreadable) logger.error({ err: skipped.error, globalPosition: skipped.globalPosition }, 'event is not canonical; not read for recognition posting');
    if (outcome.tooOld > 0) logger.info({ recognitions: outcome.tooOld }, 'recognitions too old to post: not posted');
    if (outcome.enqueued > 0) logger.info({ jobs: outcome.enqueued, position: outcome.position }, 'recognition posts queued');
  }
}
