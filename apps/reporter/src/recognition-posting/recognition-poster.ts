import { Directory } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import type { JobQueue, Jobs, JobWorker } from '@tandem/jobs';
import type { Logger } from '@tandem/observability';
import { catchUp, DEFAULT_PAGE_SIZE, isProjectionConflict, LiveBatches, type ProjectionStore } from '@tandem/projections';
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
  private stopping = false;
  private running?: Promise<void>;
  private live?: LiveBatches<PostingOutcome>;
  private worker?: JobWorker;
  private wakeUp?: () => void;
  private caughtUpOnce?: () => void;
  private readonly queue: JobQueue<RecognitionPostingJobs>;
  /** Resolves once the poster has read up to the head for the first time. */
  readonly caughtUp: Promise<void>;

  constructor(private readonly options: RecognitionPosterOptions) {
    this.queue = options.jobs.queue<RecognitionPostingJobs>(RECOGNITION_POSTING_QUEUE);
    this.caughtUp = new Promise((resolve) => (this.caughtUpOnce = resolve));
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.live?.stop();
    await this.running;
    await this.worker?.stop();
  }

  private async run(): Promise<void> {
    const { eventStore, logger } = this.options;
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    while (!this.stopping) {
      try {
        this.worker ??= await this.queue.work(postingHandlers(this.options.clients));
        const { generation, position } = await this.checkpoint();
        const batches = new PostingBatches(Directory.empty(), {
          store: this.options.store,
          queue: this.queue,
          destinations: this.options.destinations,
          generation,
          checkpoint: position,
          maxAgeMs: this.options.maxAgeMs ?? 24 * 3_600_000,
          attempts: this.options.attempts ?? 8,
          backoffMs: this.options.backoffMs ?? 2_000,
        });
        const onBatch = (outcome: PostingOutcome) => this.report(outcome);
        logger.info({ checkpoint: position, destinations: this.options.destinations }, 'recognition posting catching up');
        await catchUp(eventStore, batches, { pageSize, isStopping: () => this.stopping, onBatch });
        if (this.stopping) return;
        this.caughtUpOnce?.();
        this.live = new LiveBatches(eventStore, batches, { maxBatch: pageSize, onBatch });
        await this.live.done;
      } catch (error) {
        if (this.stopping) return;
        if (isProjectionConflict(error)) logger.info({ reason: (error as Error).message }, 'recognition posting starting again from the stored checkpoint');
        else logger.error({ err: error }, 'recognition posting failed; starting again from the stored checkpoint');
        await this.pause(this.options.retryDelayMs ?? 1_000);
      }
    }
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
