import { Inject, Injectable } from '@nestjs/common';
import { AuditLogRepository, type AuditEntry } from '@tandem/persistence';

interface Pending {
  entry: Omit<AuditEntry, 'id'>;
  written: { resolve(): void; reject(error: unknown): void };
}

/**
 * Group commit of the audit log: the entries recorded by all requests during one turn of the event
 * loop are written in one INSERT, and each caller waits for the write that carries its entry. Under
 * load, one statement serves many requests (on SQLite, a commit costs more than its rows).
 */
@Injectable()
export class AuditLogWriter {
  private pending: Pending[] = [];

  constructor(@Inject(AuditLogRepository) private readonly repository: AuditLogRepository) {}

  write(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ entry, written: { resolve, reject } });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      await this.repository.append(batch.map(({ entry }) => entry));
      for (const { written } of batch) written.resolve();
    } catch (error) {
      for (const { written } of batch) written.reject(error);
    }
  }
}
