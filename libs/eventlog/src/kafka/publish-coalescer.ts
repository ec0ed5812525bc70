import type { LogMessage } from '../event-log.port';

export interface TopicBatch {
  topic: string;
  messages: LogMessage[];
}

interface Waiting extends TopicBatch {
  bytes: number;
  /** Epoch ms after which the caller has given up: the messages are then not sent at all. */
  deadline: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** Values per merged send, well below the broker's default 1 MB record batch. */
const MAX_SEND_BYTES = 512 * 1024;

/**
 * Group commit for publishes. The idempotent producer keeps one request in flight per broker, so
 * concurrent publishers (the gateway's requests) would otherwise each wait for every earlier
 * acknowledgement, one round trip apiece: instead, what arrives while a send is in flight goes
 * out together in the next one, and each caller resolves when its own send is acknowledged.
 *
 * A merged send the broker refuses for good (`isRefusal`, e.g. a message too large) is sent
 * again publish by publish, so one caller's bad message never fails the others. A caller whose
 * deadline passed while it waited is not sent: it was told the log is unavailable, and its
 * message must not land later.
 */
export class PublishCoalescer {
  private waiting: Waiting[] = [];
  private flushing?: Promise<void>;

  constructor(
    private readonly send: (batches: TopicBatch[]) => Promise<void>,
    private readonly isRefusal: (error: unknown) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  publish(topic: string, messages: LogMessage[], deadline: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const bytes = messages.reduce((sum, message) => sum + message.value.length, 0);
      this.waiting.push({ topic, messages, bytes, deadline, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves once nothing waits or is in flight. */
  async idle(): Promise<void> {
    await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const next = this.takeNext();
        if (next.length > 0) await this.sendTogether(next);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** The oldest waiting publishes up to the byte budget (at least one), dropping the given-up ones. */
  private takeNext(): Waiting[] {
    const taken: Waiting[] = [];
    let bytes = 0;
    while (this.waiting.length > 0 && (taken.length === 0 || bytes + this.waiting[0].bytes <= MAX_SEND_BYTES)) {
      const next = this.waiting.shift() as Waiting;
      if (this.now() > next.deadline) {
        next.reject(new Error('not sent: the caller stopped waiting'));
        continue;
      }
      taken.push(next);
      bytes += next.bytes;
    }
    return taken;
  }

  private async sendTogether(group: Waiting[]): Promise<void> {
    try {
      await this.send(byTopic(group));
      for (const waiting of group) waiting.resolve();
    } catch (error) {
      if (group.length > 1 && this.isRefusal(error)) {
        for (const waiting of group) await this.sendTogether([waiting]);
        return;
      }
      for (const waiting of group) waiting.reject(error);
    }
  }
}

/** One batch per topic, messages in the order they were published. */
function byTopic(group: Waiting[]): TopicBatch[] {
  const batches = new Map<string, LogMessage[]>();
  // Appended in place: a send merges hundreds of small publishes, and copying the list for each was quadratic.
  for (const { topic, messages } of group) {
    const batch = batches.get(topic);
    if (batch === undefined) batches.set(topic, [...messages]);
    else for (const message of messages) batch.push(message);
  }
  return [...batches].map(([topic, messages]) => ({ topic, messages }));
}
