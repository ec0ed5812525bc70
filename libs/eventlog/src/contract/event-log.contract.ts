import { randomBytes } from 'node:crypto';
import { expectEventually } from '@tandem/testing';
import { DEAD_LETTER_HEADERS } from '../dead-letter';
import { EventLogUnavailableError } from '../event-log-unavailable.error';
import type { ConsumedMessage, Consumer, EventLog, LogMessage, MessageSubscribeOptions } from '../event-log.port';

export interface EventLogContractFixture {
  /** A new log on the adapter's backend; the suite closes it after each test. */
  createLog(): EventLog;
  /** A log whose backend cannot be reached (or is gone). */
  createUnreachableLog(): Promise<EventLog>;
  /** The time within which publish on the unreachable log must reject. */
  unavailableBoundMs: number;
}

/** Group joins on a real broker can take seconds on a loaded machine. */
const DELIVERY_TIMEOUT_MS = 20_000;

/** Topic and group names unique per test, so tests never see each other's messages or offsets. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function textMessage(key: string, text: string, headers?: Record<string, string>): LogMessage {
  return { key, value: Buffer.from(text), headers };
}

const textOf = (message: ConsumedMessage): string => message.value.toString();

/** A promise settled from outside: lets a test hold a handler in flight. */
function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * The behaviour every EventLog adapter must have. Each adapter's int spec runs it against its
 * real backend, so the Kafka and the embedded modes cannot drift apart.
 */
export function eventLogContract(adapterName: string, fixture: EventLogContractFixture): void {
  describe(`${adapterName} honours the event log contract`, () => {
    const logs: EventLog[] = [];
    const consumers: Consumer[] = [];

    afterEach(async () => {
      await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
      await Promise.all(logs.splice(0).map((log) => log.close()));
    });

    function openLog(): EventLog {
      const log = fixture.createLog();
      logs.push(log);
      return log;
    }

    /** Subscribes and records every message the handler saw, before running `handle`. */
    async function collect(
      log: EventLog,
      options: Omit<MessageSubscribeOptions, 'handler'>,
      handle: (message: ConsumedMessage) => Promise<void> = async () => undefined,
    ): Promise<{ received: ConsumedMessage[]; consumer: Consumer }> {
      const received: ConsumedMessage[] = [];
      const consumer = await log.subscribe({
        ...options,
        handler: async (message) => {
          received.push(message);
          await handle(message);
        },
      });
      consumers.push(consumer);
      return { received, consumer };
    }

    async function topicWithMessages(log: EventLog, partitions: number, texts: string[], key = 'k'): Promise<string> {
      const topic = uniqueName('contract');
      await log.ensureTopics([{ name: topic, partitions }]);
      await log.publish(
        topic,
        texts.map((text) => textMessage(key, text)),
      );
      return topic;
    }

    it('keeps the order of each key while keys spread over partitions', async () => {
      const log = openLog();
      const topic = uniqueName('ordering');
      await log.ensureTopics([{ name: topic, partitions: 4 }]);
      const keys = ['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5', 'repo-6'];
      for (let round = 0; round < 5; round++) {
        await log.publish(
          topic,
          keys.map((key) => textMessage(key, `${key}#${round}`)),
        );
      }

      const { received } = await collect(log, { topic, groupId: uniqueName('group') });

      await expectEventually(() => expect(received).toHaveLength(30), { timeoutMs: DELIVERY_TIMEOUT_MS });
      for (const key of keys) {
        const ofKey = received.filter((message) => message.key === key);
        expect(ofKey.map(textOf)).toEqual([0, 1, 2, 3, 4].map((round) => `${key}#${round}`));
        expect(new Set(ofKey.map((message) => message.partition)).size).toBe(1);
        const offsets = ofKey.map((message) => Number(message.offset));
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      }
      expect(new Set(received.map((message) => message.partition)).size).toBeGreaterThan(1);
    });

    it('delivers every message, with its headers, to each consumer group independently', async () => {
      const log = openLog();
      const topic = uniqueName('groups');
      await log.ensureTopics([{ name: topic, partitions: 2 }]);
      const publishedAt = Date.now();
      const texts = Array.from({ length: 10 }, (_, i) => `event-${i}`);
      await log.publish(
        topic,
        texts.map((text, i) => textMessage(`key-${i % 3}`, text, { 'x-delivery-id': `delivery-${i}` })),
      );

      const metrics = await collect(log, { topic, groupId: uniqueName('metrics') });
      const recognition = await collect(log, { topic, groupId: uniqueName('recognition') });

      for (const { received } of [metrics, recognition]) {
        await expectEventually(() => expect(received.map(textOf).sort()).toEqual(texts), { timeoutMs: DELIVERY_TIMEOUT_MS });
        const sixth = received.find((message) => textOf(message) === 'event-6');
        expect(sixth).toMatchObject({ topic, key: 'key-0', headers: { 'x-delivery-id': 'delivery-6' } });
        expect(sixth?.timestamp).toBeGreaterThanOrEqual(publishedAt - 1_000);
        expect(sixth?.timestamp).toBeLessThanOrEqual(Date.now());
      }
    });

    it('stop() lets the in-flight handler finish and commits it; the next consumer of the group gets only the rest', async () => {
      const log = openLog();
      const topic = await topicWithMessages(log, 3, ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
      const groupId = uniqueName('group');
      const m2Released = deferred();
      const first = await collect(log, { topic, groupId }, async (message) => {
        if (textOf(message) === 'm2') await m2Released.promise;
      });
      await expectEventually(() => expect(first.received.map(textOf)).toEqual(['m0', 'm1', 'm2']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });

      const stopping = first.consumer.stop();
      m2Released.resolve();
      await stopping;
      expect(first.received.map(textOf)).toEqual(['m0', 'm1', 'm2']);

      const next = await collect(log, { topic, groupId });
      await expectEventually(() => expect(next.received.map(textOf)).toEqual(['m3', 'm4', 'm5']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
    });

    it('a handler still running at stop() that then fails is not committed: the group gets it again, and nothing before it', async () => {
      const log = openLog();
      const topic = await topicWithMessages(log, 3, ['m0', 'm1', 'm2', 'm3']);
      const groupId = uniqueName('group');
      const failures: Error[] = [];
      const m1Interrupted = deferred();
      const first = await collect(
        log,
        { topic, groupId, onFailure: (error) => failures.push(error) },
        async (message) => {
          if (textOf(message) === 'm1') await m1Interrupted.promise;
        },
      );
      await expectEventually(() => expect(first.received.map(textOf)).toEqual(['m0', 'm1']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });

      const stopping = first.consumer.stop();
      m1Interrupted.reject(new Error('interrupted by shutdown'));
      await stopping;
      expect(failures.map((error) => error.message)).toEqual(['interrupted by shutdown']);

      const next = await collect(log, { topic, groupId });
      await expectEventually(() => expect(next.received.map(textOf)).toEqual(['m1', 'm2', 'm3']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
    });

    it('without a dead-letter topic, a handler failure stops the consumer before the next message', async () => {
      const log = openLog();
      const topic = await topicWithMessages(log, 1, ['m0', 'm1', 'm2', 'm3']);
      const groupId = uniqueName('group');
      const failures: Error[] = [];
      const first = await collect(
        log,
        { topic, groupId, onFailure: (error) => failures.push(error) },
        async (message) => {
          if (textOf(message) === 'm1') throw new Error('database down');
        },
      );

      await expectEventually(() => expect(failures.map((error) => error.message)).toEqual(['database down']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      await first.consumer.stop();
      expect(first.received.map(textOf)).toEqual(['m0', 'm1']);

      const next = await collect(log, { topic, groupId });
      await expectEventually(() => expect(next.received.map(textOf)).toEqual(['m1', 'm2', 'm3']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
    });

    it('dead-letters a failing message with its key, value, headers and the error, and the partition keeps flowing', async () => {
      const log = openLog();
      const topic = uniqueName('source');
      const deadLetterTopic = uniqueName('dlq');
      await log.ensureTopics([
        { name: topic, partitions: 3 },
        { name: deadLetterTopic, partitions: 1 },
      ]);
      await log.publish(
        topic,
        ['m0', 'm1', 'm2', 'm3'].map((text, i) => textMessage('pr-42', text, { 'x-delivery-id': `delivery-${i}` })),
      );
      const groupId = uniqueName('group');
      const source = await collect(log, { topic, groupId, deadLetterTopic }, async (message) => {
        if (textOf(message) === 'm1') throw new Error('cannot parse payload');
      });
      const parked = await collect(log, { topic: deadLetterTopic, groupId: uniqueName('dlq-reader') });

      await expectEventually(() => expect(source.received.map(textOf)).toEqual(['m0', 'm1', 'm2', 'm3']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      await expectEventually(() => expect(parked.received).toHaveLength(1), { timeoutMs: DELIVERY_TIMEOUT_MS });
      const failed = source.received[1];
      expect(parked.received[0]).toMatchObject({ key: 'pr-42', topic: deadLetterTopic });
      expect(textOf(parked.received[0])).toBe('m1');
      expect(parked.received[0].headers).toEqual({
        'x-delivery-id': 'delivery-1',
        [DEAD_LETTER_HEADERS.error]: 'cannot parse payload',
        [DEAD_LETTER_HEADERS.sourceTopic]: topic,
        [DEAD_LETTER_HEADERS.partition]: String(failed.partition),
        [DEAD_LETTER_HEADERS.offset]: failed.offset,
      });

      // The dead-lettered message counts as handled: the group does not get it again.
      await source.consumer.stop();
      await log.publish(topic, [textMessage('pr-42', 'm4')]);
      const next = await collect(log, { topic, groupId, deadLetterTopic });
      await expectEventually(() => expect(next.received.map(textOf)).toEqual(['m4']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
    });

    it('hands a batch handler consecutive messages of one partition, in offset order, at most maxBatchSize at a time', async () => {
      const log = openLog();
      const topic = uniqueName('batches');
      await log.ensureTopics([{ name: topic, partitions: 3 }]);
      const keys = ['repo-1', 'repo-2', 'repo-3', 'repo-4'];
      for (let round = 0; round < 5; round++) {
        await log.publish(
          topic,
          keys.map((key) => textMessage(key, `${key}#${round}`)),
        );
      }
      const batches: ConsumedMessage[][] = [];
      consumers.push(
        await log.subscribe({
          topic,
          groupId: uniqueName('group'),
          maxBatchSize: 3,
          batchHandler: async (messages) => void batches.push(messages),
        }),
      );

      await expectEventually(() => expect(batches.flat()).toHaveLength(20), { timeoutMs: DELIVERY_TIMEOUT_MS });
      for (const batch of batches) {
        expect(batch.length).toBeGreaterThanOrEqual(1);
        expect(batch.length).toBeLessThanOrEqual(3);
        expect(new Set(batch.map((message) => message.partition)).size).toBe(1);
        const offsets = batch.map((message) => Number(message.offset));
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      }
      for (const key of keys) {
        const ofKey = batches.flat().filter((message) => message.key === key);
        expect(ofKey.map(textOf)).toEqual([0, 1, 2, 3, 4].map((round) => `${key}#${round}`));
      }
      expect(batches.some((batch) => batch.length > 1)).toBe(true);
    });

    it('with concurrentPartitions, hands over batches of different partitions at the same time, each partition still in order', async () => {
      const log = openLog();
      const topic = uniqueName('concurrent');
      await log.ensureTopics([{ name: topic, partitions: 2 }]);
      const keys = Array.from({ length: 8 }, (_, index) => `repo-${index}`);
      for (let round = 0; round < 3; round++) {
        await log.publish(
          topic,
          keys.map((key) => textMessage(key, `${key}#${round}`)),
        );
      }
      const received: ConsumedMessage[] = [];
      const inFlight = new Set<number>();
      const bothInFlight = deferred();
      consumers.push(
        await log.subscribe({
          topic,
          groupId: uniqueName('group'),
          concurrentPartitions: 2,
          batchHandler: async (messages) => {
            inFlight.add(messages[0].partition);
            if (inFlight.size === 2) bothInFlight.resolve();
            // The first batch waits for one of the other partition: only concurrency lets it through.
            await bothInFlight.promise;
            received.push(...messages);
          },
        }),
      );

      await expectEventually(() => expect(received).toHaveLength(24), { timeoutMs: DELIVERY_TIMEOUT_MS });
      for (const key of keys) {
        expect(received.filter((message) => message.key === key).map(textOf)).toEqual([0, 1, 2].map((round) => `${key}#${round}`));
      }
    });

    it('stop() lets the in-flight batch finish and commits it; the next consumer of the group gets only the rest', async () => {
      const log = openLog();
      const texts = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
      const topic = await topicWithMessages(log, 1, texts);
      const groupId = uniqueName('group');
      const handled: string[] = [];
      let inFlight: string[] = [];
      const released = deferred();
      const first = await log.subscribe({
        topic,
        groupId,
        maxBatchSize: 2,
        batchHandler: async (messages) => {
          const batch = messages.map(textOf);
          if (batch.includes('m2')) {
            inFlight = batch;
            await released.promise;
          }
          handled.push(...batch);
        },
      });
      consumers.push(first);
      await expectEventually(() => expect(inFlight).toContain('m2'), { timeoutMs: DELIVERY_TIMEOUT_MS });

      const stopping = first.stop();
      released.resolve();
      await stopping;
      expect(handled).toEqual(texts.slice(0, handled.length));
      expect(handled.slice(-inFlight.length)).toEqual(inFlight);

      const next = await collect(log, { topic, groupId });
      await expectEventually(() => expect(next.received.map(textOf)).toEqual(texts.slice(handled.length)), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
    });

    it('a failing batch stops the consumer and commits none of it: the group gets the whole batch again, and nothing before it', async () => {
      const log = openLog();
      const texts = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
      const topic = await topicWithMessages(log, 1, texts);
      const groupId = uniqueName('group');
      const failures: Error[] = [];
      const handled: string[] = [];
      let failedBatch: string[] = [];
      consumers.push(
        await log.subscribe({
          topic,
          groupId,
          maxBatchSize: 2,
          onFailure: (error) => failures.push(error),
          batchHandler: async (messages) => {
            const batch = messages.map(textOf);
            if (batch.includes('m3')) {
              failedBatch = batch;
              throw new Error('store down');
            }
            handled.push(...batch);
          },
        }),
      );

      await expectEventually(() => expect(failures.map((error) => error.message)).toEqual(['store down']), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      expect([...handled, ...failedBatch]).toEqual(texts.slice(0, handled.length + failedBatch.length));

      const next = await collect(log, { topic, groupId });
      await expectEventually(() => expect(next.received.map(textOf)).toEqual(texts.slice(handled.length)), {
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      expect(textOf(next.received[0])).toBe(failedBatch[0]);
    });

    it('resolves each of many concurrent publishes once its messages are accepted, and delivers every message once', async () => {
      const log = openLog();
      const topic = uniqueName('concurrent-publish');
      await log.ensureTopics([{ name: topic, partitions: 3 }]);
      const texts = Array.from({ length: 200 }, (_, index) => `m${index}`);

      await Promise.all(texts.map((text, index) => log.publish(topic, [textMessage(`key-${index % 7}`, text)])));
      const { received } = await collect(log, { topic, groupId: uniqueName('group') });

      await expectEventually(() => expect(received.map(textOf).sort()).toEqual([...texts].sort()), { timeoutMs: DELIVERY_TIMEOUT_MS });
    });

    it('ensureTopics is idempotent and keeps the partitions it created', async () => {
      const log = openLog();
      const topic = uniqueName('idempotent');
      await log.ensureTopics([{ name: topic, partitions: 3 }]);
      await log.ensureTopics([{ name: topic, partitions: 3 }]);
      const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
      await log.publish(
        topic,
        keys.map((key) => textMessage(key, key)),
      );

      const { received } = await collect(log, { topic, groupId: uniqueName('group') });

      await expectEventually(() => expect(received).toHaveLength(30), { timeoutMs: DELIVERY_TIMEOUT_MS });
      expect(new Set(received.map((message) => message.partition))).toEqual(new Set([0, 1, 2]));
    });

    it('publish rejects with EventLogUnavailableError within the bound when the log cannot be reached', async () => {
      const log = await fixture.createUnreachableLog();
      logs.push(log);
      const startedAt = Date.now();

      const publishing = log.publish(uniqueName('unreachable'), [textMessage('k', 'lost')]);

      await expect(publishing).rejects.toBeInstanceOf(EventLogUnavailableError);
      await expect(publishing).rejects.toMatchObject({ code: 'EVENT_LOG_UNAVAILABLE' });
      expect(Date.now() - startedAt).toBeLessThan(fixture.unavailableBoundMs + 1_000);
    });
  });
}
