import type { DataSource, EntityManager } from 'typeorm';
import {
  RecognitionCheckpointTable,
  RecognitionFeedPersonTable,
  RecognitionFeedTable,
  RecognitionFeedTeamTable,
  RecognitionReactionTable,
  RecognitionStateTable,
  type RecognitionFeedRow,
  type RecognitionStateRow,
} from './recognition-tables';

/** A feed item as the projector writes it (FeedItem of @tandem/recognition, with its position and visibility). */
export interface RecognitionFeedEntry {
  id: string;
  kind: 'KUDOS' | 'AUTOMATIC';
  rule: string | null;
  ruleVersion: number | null;
  from: string | null;
  /** Kudos: the recipients. Automatic: the people the award names (shown unless `hidden`). */
  to: string[];
  teams: string[];
  message: string;
  values: string[];
  /** What it links to (`incident`, `pullRequest` … → metric model key) and `eventIds`. */
  evidence: { links: Record<string, string>; eventIds: string[] };
  occurredAt: string;
  globalPosition: number;
  hidden: boolean;
}

/** A stored item, with its reactions. */
export interface StoredRecognition extends RecognitionFeedEntry {
  occurredMs: number;
  reactions: number;
}

/** What one batch of the recognition projector writes, with its checkpoint, in one transaction. */
export interface RecognitionFeedWrite {
  name: string;
  /** The checkpoint the batch was planned on: if another writer moved it, nothing is written. */
  expectedPosition: number;
  position: number;
  entries: readonly RecognitionFeedEntry[];
  /** Opt-out changes, in order: the automatic items naming the person are hidden or shown again. */
  optOuts: readonly { personId: string; optedOut: boolean }[];
  reactions: readonly { recognitionId: string; personId: string; emoji: string }[];
  /** The recognizer's state rows the batch changed (replacing those of the same kind and key). */
  state: readonly RecognitionStateRow[];
}

/** A page of the feed, newest first: `limit` items after the cursor (the last item of the previous page). */
export interface RecognitionFeedQuery {
  limit: number;
  after?: { occurredMs: number; id: string };
  team?: string;
  person?: string;
  sinceMs?: number;
}

/** A kudos already given, as the limits of giveKudos read it. */
export interface GivenKudosRow {
  kudosId: string;
  fromPersonId: string;
  toPersonIds: string[];
  givenAt: string;
}

/** A stored item as team totals count it: who gave and received, or whom an award names, and when. */
export interface CountedRecognitionRow {
  id: string;
  kind: 'KUDOS' | 'AUTOMATIC';
  from: string | null;
  to: string[];
  teams: string[];
  occurredAt: string;
}

export class RecognitionCheckpointConflict extends Error {
  constructor(name: string, expected: number) {
    super(`the ${name} checkpoint is no longer at ${expected}: another projector wrote it`);
    this.name = 'RecognitionCheckpointConflict';
  }
}

/** SQLite allows a bounded number of variables per statement: rows are inserted in chunks. */
const ROWS_PER_INSERT = 400;

function chunks<Row>(rows: readonly Row[]): Row[][] {
  const result: Row[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) result.push(rows.slice(start, start + ROWS_PER_INSERT));
  return result;
}

const asNumber = (value: string | number): number => (typeof value === 'number' ? value : Number(value));

/** A row of feedSql's SELECT, as the driver returns it (bigints as strings on PostgreSQL). */
interface FeedSqlRow {
  id: string;
  kind: RecognitionFeedRow['kind'];
  rule: string | null;
  rule_version: number | null;
  from_person: string | null;
  to_people: string;
  teams: string;
  message: string;
  tags: string;
  evidence: string;
  occurred_at: string;
  occurred_ms: string | number;
  global_position: string | number;
  hidden: string | number;
  reactions: string | number;
}

/** A row of the feed table as an item. */
function storedOfSqlRow(row: FeedSqlRow): StoredRecognition {
  return {
    id: row.id,
    kind: row.kind,
    rule: row.rule,
    ruleVersion: row.rule_version === null ? null : Number(row.rule_version),
    from: row.from_person,
    to: JSON.parse(row.to_people) as string[],
    teams: JSON.parse(row.teams) as string[],
    message: row.message,
    values: JSON.parse(row.tags) as string[],
    evidence: JSON.parse(row.evidence) as StoredRecognition['evidence'],
    occurredAt: row.occurred_at,
    occurredMs: asNumber(row.occurred_ms),
    globalPosition: asNumber(row.global_position),
    hidden: asNumber(row.hidden) === 1,
    reactions: asNumber(row.reactions),
  };
}

function rowOf(entry: RecognitionFeedEntry): RecognitionFeedRow {
  return {
    id: entry.id,
    kind: entry.kind,
    rule: entry.rule,
    ruleVersion: entry.ruleVersion,
    fromPerson: entry.from,
    toPeople: JSON.stringify(entry.to),
    teams: JSON.stringify(entry.teams),
    message: entry.message,
    tags: JSON.stringify(entry.values),
    evidence: JSON.stringify(entry.evidence),
    occurredAt: entry.occurredAt,
    occurredMs: Date.parse(entry.occurredAt),
    globalPosition: entry.globalPosition,
    hidden: entry.hidden ? 1 : 0,
    reactions: 0,
  };
}

/**
 * The recognition feed's read model: written batch by batch with the projector's checkpoint (an
 * item already there is left as it is, so a batch projected again writes nothing new), read a
 * page at a time newest first, by keyset on (occurred_ms, id) — the same index whether the whole
 * feed, one team's or one person's is read.
 */
export class RecognitionFeedRepository {
  private readonly feedStatements = new Map<string, string>();

  constructor(private readonly database: DataSource) {}

  async checkpoint(name: string): Promise<number> {
    const row = await this.database.getRepository(RecognitionCheckpointTable).findOneBy({ name });
    return row ? asNumber(row.position) : 0;
  }

  async commit(write: RecognitionFeedWrite): Promise<void> {
    await this.database.transaction(async (manager) => {
      await this.moveCheckpoint(manager, write);
      const rows = write.entries.map(rowOf);
      for (const chunk of chunks(rows)) await manager.createQueryBuilder().insert().into(RecognitionFeedTable).values(chunk).orIgnore().execute();
      const people = write.entries.flatMap((entry) => [...new Set([...(entry.from ? [entry.from] : []), ...entry.to])].map((personId) => ({ personId, itemId: entry.id, occurredMs: Date.parse(entry.occurredAt) })));
      for (const chunk of chunks(people)) await manager.createQueryBuilder().insert().into(RecognitionFeedPersonTable).values(chunk).orIgnore().execute();
      const teams = write.entries.flatMap((entry) => [...new Set(entry.teams)].map((team) => ({ team, itemId: entry.id, occurredMs: Date.parse(entry.occurredAt) })));
      for (const chunk of chunks(teams)) await manager.createQueryBuilder().insert().into(RecognitionFeedTeamTable).values(chunk).orIgnore().execute();
      for (const { personId, optedOut } of write.optOuts) {
        await manager
          .createQueryBuilder()
          .update(RecognitionFeedTable)
          .set({ hidden: optedOut ? 1 : 0 })
          .where("kind = 'AUTOMATIC'")
          .andWhere('id IN (SELECT item_id FROM recognition_feed_people WHERE person_id = :personId)', { personId })
          .execute();
      }
      for (const chunk of chunks(write.state)) {
        await manager.createQueryBuilder().insert().into(RecognitionStateTable).values([...chunk]).orUpdate(['value'], ['kind', 'key']).execute();
      }
      if (write.reactions.length > 0) {
        for (const chunk of chunks(write.reactions)) await manager.createQueryBuilder().insert().into(RecognitionReactionTable).values([...chunk]).orIgnore().execute();
        await manager
          .createQueryBuilder()
          .update(RecognitionFeedTable)
          .set({ reactions: () => '(SELECT COUNT(*) FROM recognition_reactions WHERE recognition_reactions.recognition_id = recognition_feed.id)' })
          .where('id IN (:...ids)', { ids: [...new Set(write.reactions.map((reaction) => reaction.recognitionId))] })
          .execute();
      }
    });
  }

  /** Forgets every item, the recognizer's state and the checkpoint: the projector then rebuilds the feed from the event store. */
  async reset(name: string): Promise<void> {
    await this.database.transaction(async (manager) => {
      for (const table of [RecognitionFeedTable, RecognitionFeedPersonTable, RecognitionFeedTeamTable, RecognitionReactionTable, RecognitionStateTable]) await manager.createQueryBuilder().delete().from(table.options.name).execute();
      await manager.createQueryBuilder().delete().from(RecognitionCheckpointTable).where('name = :name', { name }).execute();
    });
  }

  /** The recognizer's state as of the checkpoint (every row; its order does not matter). */
  async state(): Promise<RecognitionStateRow[]> {
    return this.database.getRepository(RecognitionStateTable).find();
  }

  /** One page of the feed, newest first (then by id, descending), hidden items left out. */
  async feed(query: RecognitionFeedQuery): Promise<StoredRecognition[]> {
    const shape = { team: query.team !== undefined, person: query.person !== undefined, since: query.sinceMs !== undefined, after: query.after !== undefined };
    const key = JSON.stringify(shape);
    let sql = this.feedStatements.get(key);
    if (sql === undefined) this.feedStatements.set(key, (sql = feedSql(shape, this.database.options.type === 'postgres')));
    const parameters: (string | number)[] = [];
    if (query.team !== undefined) parameters.push(query.team);
    if (query.person !== undefined) parameters.push(query.person);
    if (query.sinceMs !== undefined) parameters.push(query.sinceMs);
    if (query.after) parameters.push(query.after.occurredMs, query.after.occurredMs, query.after.id);
    parameters.push(query.limit);
    const rows = (await this.database.query(sql, parameters)) as FeedSqlRow[];
    return rows.map(storedOfSqlRow);
  }

  /** One item, hidden or not (the API answers a mutation or a subscription with it). */
  async item(id: string): Promise<StoredRecognition | undefined> {
    const placeholder = this.database.options.type === 'postgres' ? '$1' : '?';
    const [row] = (await this.database.query(`SELECT ${FEED_COLUMNS} FROM recognition_feed item WHERE item.id = ${placeholder}`, [id])) as FeedSqlRow[];
    return row ? storedOfSqlRow(row) : undefined;
  }

  /** Every item (hidden ones too: totals apply opt-outs themselves) with `fromMs <= occurred < untilMs`, by the (occurred_ms, id) index. */
  async itemsBetween(fromMs: number, untilMs: number): Promise<CountedRecognitionRow[]> {
    const rows = await this.database
      .createQueryBuilder()
      .select(['item.id', 'item.kind', 'item.fromPerson', 'item.toPeople', 'item.teams', 'item.occurredAt'])
      .from(RecognitionFeedTable, 'item')
      .where('item.occurredMs >= :fromMs AND item.occurredMs < :untilMs', { fromMs, untilMs })
      .getMany();
    return (rows as RecognitionFeedRow[]).map((row) => ({
      id: row.id,
      kind: row.kind,
      from: row.fromPerson,
      to: JSON.parse(row.toPeople) as string[],
      teams: JSON.parse(row.teams) as string[],
      occurredAt: row.occurredAt,
    }));
  }

  /** The kudos these people gave at or after `sinceMs`: what the limits of a new kudos read. */
  async kudosGivenBy(personIds: readonly string[], sinceMs: number): Promise<GivenKudosRow[]> {
    if (personIds.length === 0) return [];
    const rows = await this.database
      .createQueryBuilder()
      .select('item')
      .from(RecognitionFeedTable, 'item')
      .where('item.fromPerson IN (:...personIds)', { personIds: [...personIds] })
      .andWhere('item.occurredMs >= :sinceMs', { sinceMs })
      .andWhere("item.kind = 'KUDOS'")
      .getMany();
    return (rows as RecognitionFeedRow[]).map((row) => ({ kudosId: row.id, fromPersonId: row.fromPerson ?? '', toPersonIds: JSON.parse(row.toPeople) as string[], givenAt: row.occurredAt }));
  }

  /** Writes the new checkpoint if it still is where the batch was planned; a conflict otherwise. */
  private async moveCheckpoint(manager: EntityManager, write: RecognitionFeedWrite): Promise<void> {
    // The first batch finds no row: a checkpoint at 0 is what it was planned on.
    await manager.createQueryBuilder().insert().into(RecognitionCheckpointTable).values({ name: write.name, position: 0 }).orIgnore().execute();
    const moved = await manager
      .createQueryBuilder()
      .update(RecognitionCheckpointTable)
      .set({ position: write.position })
      .where('name = :name AND position = :expected', { name: write.name, expected: write.expectedPosition })
      .execute();
    if (moved.affected !== 1) throw new RecognitionCheckpointConflict(write.name, write.expectedPosition);
  }
}

const FEED_COLUMNS = ['id', 'kind', 'rule', 'rule_version', 'from_person', 'to_people', 'teams', 'message', 'tags', 'evidence', 'occurred_at', 'occurred_ms', 'global_position', 'hidden', 'reactions']
  .map((column) => `item.${column}`)
  .join(', ');

/**
 * The SQL of one shape of feed query (which filters are set), written once per shape: the side
 * table of a filter drives the query, its (key, occurred_ms, item_id) index giving the order and
 * the cursor; without one, recognition_feed's (occurred_ms, id) index read backwards does.
 */
function feedSql(shape: { team: boolean; person: boolean; since: boolean; after: boolean }, postgres: boolean): string {
  let n = 0;
  const next = () => (postgres ? `$${(n += 1)}` : '?');
  const joins: string[] = [];
  let order = { at: 'item.occurred_ms', id: 'item.id' };
  if (shape.team) {
    joins.push(`JOIN recognition_feed_teams team ON team.item_id = item.id AND team.team = ${next()}`);
    order = { at: 'team.occurred_ms', id: 'team.item_id' };
  }
  if (shape.person) {
    joins.push(`JOIN recognition_feed_people person ON person.item_id = item.id AND person.person_id = ${next()}`);
    if (!shape.team) order = { at: 'person.occurred_ms', id: 'person.item_id' };
  }
  const where = ['item.hidden = 0'];
  if (shape.since) where.push(`${order.at} >= ${next()}`);
  if (shape.after) where.push(`(${order.at} < ${next()} OR (${order.at} = ${next()} AND ${order.id} < ${next()}))`);
  return `SELECT ${FEED_COLUMNS} FROM recognition_feed item ${joins.join(' ')} WHERE ${where.join(' AND ')} ORDER BY ${order.at} DESC, ${order.id} DESC LIMIT ${next()}`;
}
