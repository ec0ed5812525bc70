import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { asError } from '../dead-letter';
import type { EventLogLogger } from '../event-log-logger';
import type { ConsumedMessage, Consumer, EventLog, SubscribeOptions } from '../event-log.port';
import { handleUnit, handlingUnits } from '../handling-units';
import type { ConsumerGroupTurns } from './consumer-group-turns';
import type { SqliteLogStore, StoredMessage } from './sqlite-log-store';
import { WakeSignal } from './wake-signal';

/** Messages read (and at most redelivered after a crash) per partition and round. */
const BATCH_SIZE = 500;

export interface InProcessConsumerDeps {
  store: SqliteLogStore;
  turns: ConsumerGroupTurns;
  partitions: number;
  publish: EventLog['publish'];
  logger: EventLogLogger;
}

/**
 * Reads each partition in offset order from the store and hands messages to the handler one at
 * a time (or in runs to a batch handler); the position reached is committed after each handled
 * read and when stopping, never ahead of the handler.
 */
export class InProcessConsumer implements Consumer {
  private running = true;
  private failed = false;
  private readonly wakeSignal = new WakeSignal();
  private readonly stopRequested: Promise<undefined>;
  private requestStop!: () => void;
  private consuming: Promise<void> = Promise.resolve();
  /** Next offset to hand to the handler, per partition. */
  private positions: number[] = [];

  constructor(
    private readonly options: SubscribeOptions,
    private readonly deps: InProcessConsumerDeps,
  ) {
    this.stopRequested = new Promise((resolve) => (this.requestStop = () => resolve(undefined)));
  }

  start(): void {
    this.consuming = this.consume().catch((error: unknown) => this.fail(asError(error)));
  }

  /** Something was appended to `topic`: wake up if this consumer was idle on it. */
  notifyAppended(topic: string): void {
    if (topic === this.options.topic) this.wakeSignal.notify();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.requestStop();
    this.wakeSignal.notify();
    await this.consuming;
  }

  private async consume(): Promise<void> {
    const { groupId, topic } = this.options;
    const turn = this.deps.turns.take(groupId, topic);
    const endTurn = await Promise.race([turn, this.stopRequested]);
    if (!endTurn) {
      // Stopped while waiting: pass the turn on as soon as it comes.
      void turn.then((end) => end());
      return;
    }
    try {
      this.positions = this.startPositions();
      const concurrent = this.options.batchHandler ? Math.max(1, this.options.concurrentPartitions ?? 1) : 1;
      while (this.running) {
        let handled = 0;
        for (let first = 0; first < this.deps.partitions && this.running; first += concurrent) {
          const together = Array.from({ length: Math.min(concurrent, this.deps.partitions - first) }, (_, index) => first + index);
          const counts = await Promise.all(together.map((partition) => this.handleBatch(partition)));
          handled += counts.reduce((sum, count) => sum + count, 0);
        }
        if (handled === 0) await this.wakeSignal.wait();
        // Handlers that resolve at once would otherwise keep timers and I/O waiting for the whole backlog.
        else await yieldToEventLoop();
      }
    } finally {
      endTurn();
    }
  }

  private startPositions(): number[] {
    const { groupId, topic, fromBeginning = true } = this.options;
    return Array.from(
      { length: this.deps.partitions },
      (_, partition) =>
        this.deps.store.committedOffset(groupId, topic, partition) ??
        (fromBeginning ? 0 : this.deps.store.endOffset(topic, partition)),
    );
  }

  /** Hands the next batch of one partition to the handler; returns how many were handled. */
  private async handleBatch(partition: number): Promise<number> {
    const { groupId, topic } = this.options;
    const batch = this.deps.store.read(topic, partition, this.positions[partition], BATCH_SIZE);
    let handled = 0;
    try {
      const messages = batch.map((stored) => toConsumedMessage(topic, stored));
      for (const unit of handlingUnits(messages, this.options)) {
        if (!this.running) break;
        const outcome = await handleUnit(unit, this.options, this.deps.publish);
        if (!outcome.commit) {
          this.fail(outcome.error);
          break;
        }
        this.positions[partition] = Number(unit[unit.length - 1].offset) + 1;
        handled += unit.length;
      }
    } finally {
      if (handled > 0) this.deps.store.commit(groupId, topic, partition, this.positions[partition]);
    }
    return handled;
  }

  /** Stops consuming for good; the failed message is not committed, so the group gets it again. */
  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.running = false;
    const { topic, groupId } = this.options;
    this.deps.logger.error({ err: error, topic, groupId }, 'In-process consumer stopped after a failure');
    this.options.onFailure?.(error);
  }
}

function toConsumedMessage(topic: string, stored: StoredMessage): ConsumedMessage {
  return {
    topic,
    partition: stored.partition,
    offset: String(stored.offset),
    timestamp: stored.timestamp,
    key: stored.key,
    value: stored.value,
    headers: stored.headers,
  };
}
