import { EntitySchema } from 'typeorm';

/**
 * The recognition feed's read model (libs/persistence/src/recognition), written by the
 * recognition projector (apps/projector) from KudosGiven, RecognitionAwarded,
 * RecognitionReactionAdded and RecognitionOptOutChanged, read by the API's `recognitionFeed`.
 * Instants are kept twice: the event's ISO string as it was (shown), and epoch milliseconds
 * (sorted and compared the same way on PostgreSQL and SQLite).
 */

/** One feed item: a kudos, or an automatic recognition of people or teams. Lists are JSON text. */
export interface RecognitionFeedRow {
  id: string;
  kind: 'KUDOS' | 'AUTOMATIC';
  rule: string | null;
  ruleVersion: number | null;
  fromPerson: string | null;
  /** JSON array: the recipients of a kudos, the people an award names (none for a team award). */
  toPeople: string;
  /** JSON array: the teams of the giver and recipients, or the recognized teams. */
  teams: string;
  message: string;
  /** JSON array of company values. */
  tags: string;
  /** JSON object: FeedEvidence (what the item links to) and `eventIds` (the evidence events). */
  evidence: string;
  occurredAt: string;
  occurredMs: string | number;
  globalPosition: string | number;
  /** 1 when nobody it names may be shown (they opted out of automatic recognitions since). */
  hidden: number;
  reactions: number;
}

/** Who an item is about (giver or recipient), for `recognitionFeed(person:)`. */
export interface RecognitionFeedPersonRow {
  personId: string;
  itemId: string;
  occurredMs: string | number;
}

/** Which teams an item belongs to, for `recognitionFeed(team:)`. */
export interface RecognitionFeedTeamRow {
  team: string;
  itemId: string;
  occurredMs: string | number;
}

/** One reaction to a feed item; the primary key makes a repeated reaction count once. */
export interface RecognitionReactionRow {
  recognitionId: string;
  personId: string;
  emoji: string;
}

/** How far the recognition projector has gone, written in the transaction of its rows. */
export interface RecognitionCheckpointRow {
  name: string;
  position: string | number;
}

/**
 * One part of the recognizer's state (apps/projector RecognitionState), written in the transaction
 * of the checkpoint: `kind` says what it is (an entity's events, a kudos of the ledger, a message's
 * author …), `key` which one, `value` its JSON. A later write of the same (kind, key) replaces it.
 */
export interface RecognitionStateRow {
  kind: string;
  key: string;
  value: string;
}

export const RecognitionFeedTable = new EntitySchema<RecognitionFeedRow>({
  name: 'RecognitionFeedItem',
  tableName: 'recognition_feed',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    kind: { type: 'varchar', length: 16 },
    rule: { type: 'varchar', length: 64, nullable: true },
    ruleVersion: { name: 'rule_version', type: 'integer', nullable: true },
    fromPerson: { name: 'from_person', type: 'varchar', length: 128, nullable: true },
    toPeople: { name: 'to_people', type: 'text' },
    teams: { type: 'text' },
    message: { type: 'text' },
    tags: { type: 'text' },
    evidence: { type: 'text' },
    occurredAt: { name: 'occurred_at', type: 'varchar', length: 40 },
    occurredMs: { name: 'occurred_ms', type: 'bigint' },
    globalPosition: { name: 'global_position', type: 'bigint' },
    hidden: { type: 'integer', default: 0 },
    reactions: { type: 'integer', default: 0 },
  },
});

export const RecognitionFeedPersonTable = new EntitySchema<RecognitionFeedPersonRow>({
  name: 'RecognitionFeedPerson',
  tableName: 'recognition_feed_people',
  columns: {
    personId: { name: 'person_id', type: 'varchar', length: 128, primary: true },
    itemId: { name: 'item_id', type: 'varchar', length: 36, primary: true },
    occurredMs: { name: 'occurred_ms', type: 'bigint' },
  },
});

export const RecognitionFeedTeamTable = new EntitySchema<RecognitionFeedTeamRow>({
  name: 'RecognitionFeedTeam',
  tableName: 'recognition_feed_teams',
  columns: {
    team: { type: 'varchar', length: 128, primary: true },
    itemId: { name: 'item_id', type: 'varchar', length: 36, primary: true },
    occurredMs: { name: 'occurred_ms', type: 'bigint' },
  },
});

export const RecognitionReactionTable = new EntitySchema<RecognitionReactionRow>({
  name: 'RecognitionReaction',
  tableName: 'recognition_reactions',
  columns: {
    recognitionId: { name: 'recognition_id', type: 'varchar', length: 36, primary: true },
    personId: { name: 'person_id', type: 'varchar', length: 128, primary: true },
    emoji: { type: 'varchar', length: 64, primary: true },
  },
});

export const RecognitionCheckpointTable = new EntitySchema<RecognitionCheckpointRow>({
  name: 'RecognitionCheckpoint',
  tableName: 'recognition_checkpoints',
  columns: {
    name: { type: 'varchar', length: 64, primary: true },
    position: { type: 'bigint' },
  },
});

export const RecognitionStateTable = new EntitySchema<RecognitionStateRow>({
  name: 'RecognitionState',
  tableName: 'recognition_state',
  columns: {
    kind: { type: 'varchar', length: 16, primary: true },
    key: { type: 'varchar', length: 512, primary: true },
    value: { type: 'text' },
  },
});

export const RECOGNITION_ENTITIES = [RecognitionFeedTable, RecognitionFeedPersonTable, RecognitionFeedTeamTable, RecognitionReactionTable, RecognitionCheckpointTable, RecognitionStateTable];
