import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@tandem/observability';
import { AuditLogRepository, type AuditEntry } from '@tandem/persistence';
import { LOGGER } from '@tandem/runtime';

type Entry = Omit<AuditEntry, 'id'>;

/** How long entries wait for others to share their INSERT. */
const FLUSH_AFTER_MS = 50;
/** After a failed write, how long until the next try. */
const RETRY_AFTER_MS = 1_000;
/** Entries held while the log cannot be written; beyond it, audited reads fail. */
const MAX_PENDING = 10_000;

/**
 * The audit log, written in the background: an audited read records its entry and goes on, and the
 * entries of every request within FLUSH_AFTER_MS are written in one INSERT. A read no longer waits
 * for a commit (on SQLite a commit costs more than its rows), and under load one statement serves
 * hundreds of reads.
 *
 * Still no person-level data goes out unrecorded for long, nor unrecorded at all while the log is
 * known to be unwritable: once a write fails, the entries are kept and retried, and every audited
 * read fails (`record` throws) until a write succeeds again. Durable before a graceful stop: the
 * shutdown writes what is pending, and from then on each entry is written before its read returns.
 * A crash (no shutdown) loses at most the last FLUSH_AFTER_MS of entries, as SQLite's
 * `synchronous = NORMAL` already accepts for a power cut.
 */
@Injectable()
export class AuditLogWriter implements BeforeApplicationShutdown {
  private pending: Entry[] = [];
  private flushing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private failure?: unknown;
  private stopping = false;
  private readonly logger: Logger;

  constructor(
    @Inject(AuditLogRepository) private readonly repository: AuditLogRepository,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'audit-log' });
  }

  /**
   * Records an entry. Resolves at once (the entry is written within FLUSH_AFTER_MS), or once it is
   * written while the process stops; throws while the log cannot be written.
   */
  async write(entry: Entry): Promise<void> {
    if (this.failure !== undefined) throw new Error('the audit log cannot be written right now', { cause: this.failure });
    if (this.pending.length >= MAX_PENDING) throw new Error(`the audit log is ${MAX_PENDING} entries behind`);
    this.pending.push(entry);
    if (this.stopping) return this.flush();
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), FLUSH_AFTER_MS).unref();
  }

  /** Writes what is pending before the database closes; entries recorded after it are written one flush at a time. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.flush();
  }

  /** Writes every pending entry (one flush at a time); rejects if the log could not be written. */
  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.repository.append(batch).finally(() => (this.flushing = undefined));
    try {
      await this.flushing;
      this.failure = undefined;
    } catch (error) {
      // Kept, first, for the next try; audited reads fail meanwhile.
      this.pending = [...batch, ...this.pending];
      if (this.failure === undefined) this.logger.error({ err: error, pending: this.pending.length }, 'cannot write the audit log; audited reads fail until it can');
      this.failure = error;
      this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), RETRY_AFTER_MS).unref();
      throw error;
    }
  }
}
