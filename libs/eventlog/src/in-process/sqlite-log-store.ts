import Database from 'better-sqlite3';

export interface StoredMessage {
  partition: number;
  offset: number;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: number;
}

export type NewMessage = Omit<StoredMessage, 'offset' | 'timestamp'>;

interface MessageRow {
  offset: number;
  key: string;
  value: Buffer;
  headers: string;
  timestamp: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS topic_partitions (
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    next_offset INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (topic, partition)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS messages (
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    headers TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    PRIMARY KEY (topic, partition, offset)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS committed_offsets (
    group_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (group_id, topic, partition)
  ) WITHOUT ROWID;
`;

/**
 * The embedded log's storage: per topic-partition an append-only run of offsets, and per
 * (group, topic, partition) the next offset to deliver. Synchronous (better-sqlite3): every call
 * returns once its transaction is committed and, with synchronous=FULL, on disk.
 */
export class SqliteLogStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(path: string) {
    this.db = new Database(path);
    // WAL: readers (consumers) do not block the writer; FULL: a commit survives a power cut.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.statements = prepareStatements(this.db);
  }

  /** Creates the topic's partitions; an existing topic keeps the partitions it has. */
  ensureTopic(topic: string, partitions: number): void {
    if (this.partitionCount(topic) > 0) return;
    this.db.transaction(() => {
      for (let partition = 0; partition < partitions; partition++) {
        this.statements.addPartition.run(topic, partition);
      }
    })();
  }

  /** 0 when the topic does not exist. */
  partitionCount(topic: string): number {
    return this.statements.partitionCount.get(topic)?.count ?? 0;
  }

  /** Appends all messages in one transaction: all of them are stored, or none. */
  append(topic: string, messages: NewMessage[], timestamp: number): void {
    this.db.transaction(() => {
      for (const message of messages) {
        const { partition, key, value } = message;
        const offset = this.endOffset(topic, partition);
        this.statements.insertMessage.run(topic, partition, offset, key, value, JSON.stringify(message.headers), timestamp);
        this.statements.setNextOffset.run(offset + 1, topic, partition);
      }
    })();
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): StoredMessage[] {
    return this.statements.readMessages.all(topic, partition, fromOffset, limit).map((row) => ({
      partition,
      offset: row.offset,
      key: row.key,
      value: row.value,
      headers: JSON.parse(row.headers) as Record<string, string>,
      timestamp: row.timestamp,
    }));
  }

  /** The offset the next appended message gets. */
  endOffset(topic: string, partition: number): number {
    const row = this.statements.nextOffset.get(topic, partition);
    if (!row) throw new Error(`Partition ${partition} of topic ${topic} does not exist`);
    return row.next_offset;
  }

  committedOffset(groupId: string, topic: string, partition: number): number | undefined {
    return this.statements.committedOffset.get(groupId, topic, partition)?.next_offset;
  }

  commit(groupId: string, topic: string, partition: number, nextOffset: number): void {
    this.statements.commit.run(groupId, topic, partition, nextOffset);
  }

  close(): void {
    this.db.close();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    addPartition: db.prepare('INSERT OR IGNORE INTO topic_partitions (topic, partition) VALUES (?, ?)'),
    partitionCount: db.prepare<[string], { count: number }>(
      'SELECT COUNT(*) AS count FROM topic_partitions WHERE topic = ?',
    ),
    nextOffset: db.prepare<[string, number], { next_offset: number }>(
      'SELECT next_offset FROM topic_partitions WHERE topic = ? AND partition = ?',
    ),
    setNextOffset: db.prepare('UPDATE topic_partitions SET next_offset = ? WHERE topic = ? AND partition = ?'),
    insertMessage: db.prepare(
      'INSERT INTO messages (topic, partition, offset, key, value, headers, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    readMessages: db.prepare<[string, number, number, number], MessageRow>(
      `SELECT offset, key, value, headers, timestamp FROM messages
       WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?`,
    ),
    committedOffset: db.prepare<[string, string, number], { next_offset: number }>(
      'SELECT next_offset FROM committed_offsets WHERE group_id = ? AND topic = ? AND partition = ?',
    ),
    commit: db.prepare(
      `INSERT INTO committed_offsets (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
    ),
  };
}
