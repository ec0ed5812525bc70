import type { Logger } from '@tandem/observability';
import type { AuditEntry, AuditLogRepository } from '@tandem/persistence';
import { AuditLogWriter } from './audit-log-writer';

type Entry = Omit<AuditEntry, 'id'>;

/** A repository that records each append, and fails while told to. */
class FakeRepository {
  readonly appends: Entry[][] = [];
  failing = false;

  async append(entries: readonly Entry[]): Promise<void> {
    if (this.failing) throw new Error('database gone');
    this.appends.push([...entries]);
  }
}

const silent = { child: () => silent, error: () => undefined } as unknown as Logger;
const entry = (subject: string): Entry => ({ at: new Date('2026-03-01T00:00:00Z'), tokenId: 't', role: 'admin', correlationId: 'c', field: 'Team.members', subject });
const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('AuditLogWriter', () => {
  let repository: FakeRepository;
  let writer: AuditLogWriter;

  beforeEach(() => {
    repository = new FakeRepository();
    writer = new AuditLogWriter(repository as unknown as AuditLogRepository, silent);
  });

  it('answers at once and writes the entries of many reads in one append', async () => {
    await Promise.all(['a', 'b', 'c'].map((subject) => writer.write(entry(subject))));
    expect(repository.appends).toEqual([]);

    await until(() => repository.appends.length > 0);
    expect(repository.appends.map((batch) => batch.map((written) => written.subject))).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the entries when the log cannot be written, refuses audited reads meanwhile, and writes them once it can', async () => {
    repository.failing = true;
    await writer.write(entry('kept'));
    // Past the first write, which fails.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(writer.write(entry('refused'))).rejects.toThrow(/cannot be written/);

    repository.failing = false;
    await until(() => repository.appends.length > 0);
    expect(repository.appends).toEqual([[entry('kept')]]);
    await expect(writer.write(entry('again'))).resolves.toBeUndefined();
  });

  it('writes what is pending when the app stops, then each entry before its read returns', async () => {
    await writer.write(entry('pending'));
    await writer.beforeApplicationShutdown();
    expect(repository.appends).toEqual([[entry('pending')]]);

    await writer.write(entry('while stopping'));
    expect(repository.appends).toEqual([[entry('pending')], [entry('while stopping')]]);
  });
});
