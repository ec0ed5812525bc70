import { readCanonicalEvent, toStoredEvent, type CanonicalEvent, type RecordedEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import type { EventStore, StreamAppend } from '@tandem/eventstore';
import type { RecognitionFeedEntry, RecognitionFeedRepository, RecognitionFeedWrite, RecognitionStateRow } from '@tandem/persistence';
import type { BatchTarget } from '@tandem/projections';
import { awardEvent, feedEvidenceOf, feedItemOf, type Award, type FeedEvidence } from '@tandem/recognition';
import type { RecognitionState } from './recognition-state';

/** The recognition projector's checkpoint name in `recognition_checkpoints`. */
export const RECOGNITION_FEED = 'recognition-feed';

/**
 * Written with every batch: a feed whose checkpoint has no such row was built before the state was
 * kept (an older version), so it is rebuilt once rather than resumed with an empty state.
 */
export const STATE_MARKER: RecognitionStateRow = { kind: 'meta', key: 'state', value: '1' };

/** A batch folded: what to append to the event store, and the feed rows to write with the checkpoint. */
export interface PreparedRecognitionBatch {
  appends: StreamAppend[];
  write: RecognitionFeedWrite;
  /** The last global position of the batch (or before it, for an empty one). */
  lastPosition: number;
  unreadable: { globalPosition: number; error: unknown }[];
  refused: { eventId: string; code: string }[];
}

export interface RecognitionBatchOutcome {
  position: number;
  /** The feed items written by the batch (to publish). */
  entries: readonly RecognitionFeedEntry[];
  /** Kudos appended by the batch (decided from chat). */
  kudosAppended: number;
  refused: { eventId: string; code: string }[];
  unreadable: { globalPosition: number; error: unknown }[];
}

function linksOf(evidence: FeedEvidence): Record<string, string> {
  return Object.fromEntries(Object.entries(evidence).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * The feed row of a KudosGiven or RecognitionAwarded, as the directory shows it at this point of
 * the history. An award whose people have all opted out (or are no longer known) is kept hidden:
 * it stays in the history, and shows again if they opt back in.
 */
export function feedEntryOf(event: CanonicalEvent, directory: Directory): RecognitionFeedEntry | null {
  if (event.type === 'KudosGiven') {
    const item = feedItemOf(event, directory);
    if (item === null) return null;
    const { originEventId } = event.data;
    return { ...item, rule: null, ruleVersion: null, from: item.from ?? null, evidence: { links: {}, eventIds: originEventId ? [originEventId] : [] }, globalPosition: event.globalPosition, hidden: false };
  }
  if (event.type !== 'RecognitionAwarded') return null;
  const { recognitionId, ruleId, ruleVersion, personIds = [], teamSlugs = [], subjectId, evidenceEventIds = [], sentence = '', awardedAt } = event.data;
  if (!recognitionId || !ruleId || !subjectId || !awardedAt) return null;
  const shown = feedItemOf(event, directory);
  const teams = shown?.teams ?? [...new Set([...teamSlugs, ...personIds.flatMap((personId) => directory.teamsOf(personId, awardedAt))])].sort();
  return {
    id: recognitionId,
    kind: 'AUTOMATIC',
    rule: ruleId,
    ruleVersion: ruleVersion ?? null,
    from: null,
    to: [...personIds],
    teams,
    message: sentence,
    values: [],
    evidence: { links: linksOf(feedEvidenceOf(subjectId)), eventIds: [...evidenceEventIds] },
    occurredAt: awardedAt,
    globalPosition: event.globalPosition,
    hidden: shown === null,
  };
}

/** The appends of awards (their own streams; a duplicate id is a no-op). */
export function awardAppends(awards: readonly Award[]): StreamAppend[] {
  return awards.map((award) => {
    const { streamId, event } = awardEvent(award);
    return { streamId, events: [toStoredEvent(event)] };
  });
}

/**
 * The recognition projector's batches, driven by the projections' `catchUp` and `LiveBatches`,
 * from the stored checkpoint on (the RecognitionState comes restored as of it). Each event is
 * folded into the state; each batch appends the kudos it decided, and writes the feed rows of the
 * KudosGiven and RecognitionAwarded it read and the state rows it changed, with the checkpoint, in
 * one transaction. Appends come first: with deterministic ids, a batch done again after a crash
 * appends nothing new and writes the same rows.
 */
export class RecognitionBatches implements BatchTarget<PreparedRecognitionBatch, RecognitionBatchOutcome> {
  private committedPosition: number;
  private plannedPosition: number;

  constructor(
    private readonly state: RecognitionState,
    private readonly eventStore: EventStore,
    private readonly feed: RecognitionFeedRepository,
    /** The stored checkpoint, which the state is restored as of: reading starts after it. */
    checkpoint: number,
  ) {
    this.committedPosition = checkpoint;
    this.plannedPosition = checkpoint;
  }

  get position(): number {
    return this.committedPosition;
  }

  prepare(events: readonly RecordedEvent[]): PreparedRecognitionBatch {
    const expectedPosition = this.plannedPosition;
    const entries: RecognitionFeedEntry[] = [];
    const optOuts: RecognitionFeedWrite['optOuts'][number][] = [];
    const reactions: RecognitionFeedWrite['reactions'][number][] = [];
    const prepared: Omit<PreparedRecognitionBatch, 'write' | 'lastPosition'> = { appends: [], unreadable: [], refused: [] };
    for (const recorded of events) {
      this.plannedPosition = Math.max(this.plannedPosition, recorded.globalPosition);
      let event: CanonicalEvent;
      try {
        event = readCanonicalEvent(recorded);
      } catch (error) {
        prepared.unreadable.push({ globalPosition: recorded.globalPosition, error });
        continue;
      }
      const decision = this.state.fold(event);
      if (decision?.outcome === 'given') prepared.appends.push({ streamId: decision.streamId, events: [toStoredEvent(decision.event)] });
      else if (decision?.outcome === 'refused') prepared.refused.push({ eventId: event.eventId, code: decision.code });
      if (event.type === 'RecognitionOptOutChanged' && event.data.personId) optOuts.push({ personId: event.data.personId, optedOut: event.data.optedOut ?? false });
      if (event.type === 'RecognitionReactionAdded' && event.data.recognitionId && event.data.personId && event.data.emoji) {
        reactions.push({ recognitionId: event.data.recognitionId, personId: event.data.personId, emoji: event.data.emoji });
      }
      const entry = feedEntryOf(event, this.state.currentDirectory());
      if (entry) entries.push(entry);
    }
    const state = [...this.state.takeChanges(), STATE_MARKER];
    return { ...prepared, lastPosition: this.plannedPosition, write: { name: RECOGNITION_FEED, expectedPosition, position: this.plannedPosition, entries, optOuts, reactions, state } };
  }

  /** Commits prepared batches in the order they were prepared. */
  async commit(batch: PreparedRecognitionBatch): Promise<RecognitionBatchOutcome> {
    if (batch.appends.length > 0) await this.eventStore.appendMany(batch.appends);
    // A batch of no events has nothing to write.
    if (batch.write.position > batch.write.expectedPosition) await this.feed.commit(batch.write);
    this.committedPosition = batch.lastPosition;
    return { position: batch.lastPosition, entries: batch.write.entries, kudosAppended: batch.appends.length, refused: batch.refused, unreadable: batch.unreadable };
  }

  async project(events: readonly RecordedEvent[]): Promise<RecognitionBatchOutcome> {
    return this.commit(this.prepare(events));
  }
}
