import type { Viewer } from '@tandem/auth';
import type { AuditLogWriter } from './audit-log-writer';

/** One read of person-level data: the field (`Team.members`) and whose data (`team:payments`). */
export interface AuditedRead {
  field: string;
  subject: string;
}

/**
 * The audit entries of one request, stamped with its viewer and correlation id. Each read waits
 * for its entry to be written, so no person-level data is returned unless its read was recorded.
 */
export class AuditTrail {
  constructor(
    private readonly writer: AuditLogWriter,
    private readonly viewer: Viewer,
    private readonly correlationId: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  record(read: AuditedRead): Promise<void> {
    return this.writer.write({
      at: this.clock(),
      tokenId: this.viewer.tokenId,
      role: this.viewer.role,
      correlationId: this.correlationId,
      field: read.field,
      subject: read.subject,
    });
  }
}
