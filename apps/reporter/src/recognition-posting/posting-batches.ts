import { readCanonicalEvent, type RecordedEvent } from '@tandem/contracts';
import { isDirectoryEvent, type Directory } from '@tandem/directory';
import { jobId, type JobQueue } from '@tandem/jobs';
import type { BatchTarget, ProjectionStore } from '@tandem/projections';
import { feedItemOf, type FeedItem } from '@tandem/recognition';
import type { RecognitionPostingJobs } from './recognition-posting-jobs';
import { slackRecognitionMessage, teamsRecognitionCard } from './recognition-message';

/** The poster's name in `projection_generations` / `projection_checkpoints` (the projections' checkpoint store). */
export const RECOGNITION_POSTING = 'recognition-posting';

/** Where recognitions go: tandem.yaml's `recognition.postTo`, each destination with its credentials. */
export interface PostingDestinations {
  slack: { channel: string } | null;
  teams: boolean;
}

export interface PreparedPosts {
  /** Each with the directory as of its position: the names and mentions of its post. */
  posts: { item: FeedItem; directory: Directory }[];
  /** The batch's last global position. */
  lastPosition: number;
  tooOld: number;
  unreadable: { globalPosition: number; error: unknown }[];
}

export interface PostingOutcome {
  position: number;
  /** Jobs handed to the queue (an id the queue already knows is not run twice). */
  enqueued: number;
  tooOld: number;
  unreadable: PreparedPosts['unreadable'];
}

export interface PostingBatchesOptions {
  store: ProjectionStore;
  queue: JobQueue<RecognitionPostingJobs>;
  destinations: PostingDestinations;
  /** The generation holding the checkpoint, and the checkpoint: recognitions at or before it were handed over already. */
  generation: number;
  checkpoint: number;
  /** Older recognitions are not posted (a history import, a recognizer catching up on months). */
  maxAgeMs: number;
  /** Attempts and backoff of each post. */
  attempts: number;
  backoffMs: number;
}

/**
 * The poster's batches, driven by the projections' `catchUp` and `LiveBatches`. Every event of the
 * store is folded from position 0 at each start for the directory (names, teams, opt-outs as the
 * feed shows them); past the stored checkpoint, each KudosGiven and RecognitionAwarded the feed
 * shows becomes one job per destination, id `recognition-<id>-<destination>`, and then the
 * checkpoint moves. A crash between the two enqueues the same ids again, which the queue ignores:
 * a restart or a replay never posts twice, and a vendor outage only leaves jobs retrying.
 */
export class PostingBatches implements BatchTarget<PreparedPosts, PostingOutcome> {
  private folded = 0;
  private directory: Directory;
  private checkpoint: number;

  constructor(
    directory: Directory,
    private readonly options: PostingBatchesOptions,
  ) {
    this.directory = directory;
    this.checkpoint = options.checkpoint;
  }

  get position(): number {
    return this.folded;
  }

  prepare(events: readonly RecordedEvent[]): PreparedPosts {
    const prepared: PreparedPosts = { posts: [], lastPosition: this.folded, tooOld: 0, unreadable: [] };
    for (const recorded of events) {
      prepared.lastPosition = recorded.globalPosition;
      const interesting = isDirectoryEvent(recorded) || (recorded.globalPosition > this.checkpoint && (recorded.type === 'KudosGiven' || recorded.type === 'RecognitionAwarded'));
      if (!interesting) continue;
      try {
        const event = readCanonicalEvent(recorded);
        if (isDirectoryEvent(event)) {
          this.directory = this.directory.apply([event]);
          continue;
        }
        const item = feedItemOf(event, this.directory);
        if (item === null) continue; // hidden from the feed (everyone named opted out), so not posted either
        if (Date.now() - Date.parse(item.occurredAt) > this.options.maxAgeMs) prepared.tooOld += 1;
        else prepared.posts.push({ item, directory: this.directory });
      } catch (error) {
        prepared.unreadable.push({ globalPosition: recorded.globalPosition, error });
      }
    }
    this.folded = prepared.lastPosition;
    return prepared;
  }

  async commit(batch: PreparedPosts): Promise<PostingOutcome> {
    const { queue, destinations, attempts, backoffMs } = this.options;
    let enqueued = 0;
    for (const { item, directory } of batch.posts) {
      if (destinations.slack) {
        const message = slackRecognitionMessage(item, directory, destinations.slack.channel);
        await queue.enqueue('slack.post', { recognitionId: item.id, message }, { id: jobId('recognition', item.id, 'slack'), attempts, backoffMs });
        enqueued += 1;
      }
      if (destinations.teams) {
        const card = teamsRecognitionCard(item, directory);
        await queue.enqueue('teams.post', { recognitionId: item.id, card }, { id: jobId('recognition', item.id, 'teams'), attempts, backoffMs });
        enqueued += 1;
      }
    }
    if (batch.lastPosition > this.checkpoint) {
      await moveCheckpoint(this.options.store, this.options.generation, this.checkpoint, batch.lastPosition);
      this.checkpoint = batch.lastPosition;
    }
    return { position: this.checkpoint, enqueued, tooOld: batch.tooOld, unreadable: batch.unreadable };
  }

  project(events: readonly RecordedEvent[]): Promise<PostingOutcome> {
    return this.commit(this.prepare(events));
  }
}

/**
 * Moves the poster's checkpoint with the projections' store: a batch with no rows, so the same
 * compare-and-set guards it (a second poster that moved it first makes this one start again).
 */
export function moveCheckpoint(store: ProjectionStore, generation: number, from: number, to: number): Promise<void> {
  return store.commitBatch(RECOGNITION_POSTING, { generation, expectedPosition: from, position: to, entityEvents: [], directoryEvents: [], keysToLoad: [], refold: () => [] });
}
