/**
 * The raw webhook archive: every delivery the recorder read, whatever became of it, with chat text
 * removed, so that a fixed normalizer can derive its events again (`tandem renormalize`).
 * Adapters: PostgreSQL (distributed mode) and SQLite (embedded mode), one contract suite.
 */

export type ArchivedOutcome = 'recorded' | 'ignored' | 'dead_lettered';

export interface ArchivedDelivery {
  /** A webhook source, or `unknown` when the log message was not a readable envelope. */
  source: string;
  deliveryId: string;
  /** ISO-8601 instant at which the gateway received it. */
  receivedAt: string;
  correlationId: string;
  /** The allow-listed delivery headers (never a signature or a token). */
  headers: Record<string, string>;
  /** The raw body, chat text removed (see `redactChatText`). */
  body: string;
  outcome: ArchivedOutcome;
  /** Why: the normalizer's words for an ignored delivery, the reason code for a dead letter. */
  reason?: string;
}

/**
 * A delivery to keep: its body may be given as its UTF-8 bytes (the recorder passes the slice of
 * the log message that holds them), so no text copy of a body stays on the heap while a batch is
 * appended, and the bytes go to the store as they are. Read back, it is text like any other.
 */
export interface DeliveryToArchive extends Omit<ArchivedDelivery, 'body'> {
  /** As `ArchivedDelivery.body`, or its valid UTF-8 bytes. */
  body: string | Buffer;
}

export interface ArchiveQuery {
  source?: string;
  /** Deliveries received at or after this ISO-8601 instant. */
  since?: string;
}

/** Where a page ends; the next page starts after it. */
export type ArchiveCursor = Pick<ArchivedDelivery, 'receivedAt' | 'source' | 'deliveryId'>;

export interface DeliveryArchive {
  /**
   * Keeps each delivery under (source, deliveryId). Reading a delivery again (a redelivery, a
   * renormalization) replaces its outcome, reason, headers and body, and keeps the receivedAt and
   * correlationId of its first reading, which its events already carry. Idempotent; all or none.
   */
  record(deliveries: DeliveryToArchive[]): Promise<void>;
  count(query: ArchiveQuery): Promise<number>;
  /** Matching deliveries in (receivedAt, source, deliveryId) order, after the cursor. */
  readPage(query: ArchiveQuery, after: ArchiveCursor | undefined, limit: number): Promise<ArchivedDelivery[]>;
  close(): Promise<void>;
}

/** Every matching delivery, page by page; rows recorded again meanwhile keep their place. */
export async function* archivedPages(archive: DeliveryArchive, query: ArchiveQuery, pageSize = 500): AsyncGenerator<ArchivedDelivery[]> {
  let after: ArchiveCursor | undefined;
  for (;;) {
    const page = await archive.readPage(query, after, pageSize);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1];
  }
}
