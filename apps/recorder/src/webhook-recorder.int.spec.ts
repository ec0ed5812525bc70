import { randomUUID } from 'node:crypto';
import type { ArchivedDelivery, DeliveryArchive } from '@tandem/archive';
import { DEAD_LETTER_HEADERS } from '@tandem/eventlog';
import type { EventStore } from '@tandem/eventstore';
import { expectEventually } from '@tandem/testing';
import {
  archivedRows,
  BACKENDS,
  eventsOf,
  expectedEventCount,
  fixtureBody,
  gatewayDelivery,
  readTopic,
  RecorderUnderTest,
  recordableDeliveries,
  type Backend,
  type Delivery,
} from './testing/recorder.harness.spec';
import { DEAD_LETTER_REASON_HEADER } from './webhook-recorder';

/** Group joins and rebalances on a real broker take seconds on a loaded machine. */
const TIMEOUT_MS = 30_000;
const eventually = (assertion: () => Promise<void> | void) => expectEventually(assertion, { timeoutMs: TIMEOUT_MS, intervalMs: 50 });

/** The port, with every call failing while `down` is set: an unreachable database. */
function switchableStore(inner: EventStore): { store: EventStore; down: boolean; failedCalls: number } {
  const outage = { down: false, failedCalls: 0, store: inner };
  outage.store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!outage.down) return (value as (...a: unknown[]) => unknown).apply(target, args);
        outage.failedCalls++;
        return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432 (test outage)'));
      };
    },
  });
  return outage;
}

/** A store that refuses, for good, any append holding an event of the given delivery (and answers everything else). */
function refusingStore(inner: EventStore, deliveryId: string): EventStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property !== 'appendMany') return Reflect.get(target, property, receiver) as unknown;
      return async (appends: Parameters<EventStore['appendMany']>[0]) => {
        if (appends.some((append) => append.events.some((event) => event.metadata.sourceDeliveryId === deliveryId))) {
          throw new Error('unsupported Unicode escape sequence (test refusal)');
        }
        return target.appendMany(appends);
      };
    },
  });
}

/** An archive whose next write once `arm()`ed waits until `crash()` makes it fail: a process killed mid-batch. */
function haltingArchive(inner: DeliveryArchive) {
  let armed = false;
  let reached!: () => void;
  let crash!: (error: Error) => void;
  const halted = new Promise<void>((resolve) => (reached = resolve));
  const crashed = new Promise<never>((_resolve, reject) => (crash = reject));
  crashed.catch(() => undefined);
  const archive: DeliveryArchive = Object.assign(Object.create(inner) as DeliveryArchive, {
    record: async (deliveries: ArchivedDelivery[]) => {
      if (armed) {
        armed = false;
        reached();
        await crashed;
      }
      await inner.record(deliveries);
    },
  });
  return { archive, halted, arm: () => (armed = true), crash: () => crash(new Error('the process was killed mid-batch')) };
}

describe.each(BACKENDS.map((backend) => [backend.name, backend] as const))('the webhook recorder on %s', (_name, definition) => {
  let backend: Backend;
  const running: { stop(): Promise<void> }[] = [];

  const startRecorder = async (recorder: RecorderUnderTest) => {
    running.push(recorder);
    return recorder.start();
  };

  beforeAll(async () => {
    backend = await definition.open();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(running.splice(0).map((each) => each.stop()));
  });

  afterAll(async () => {
    await backend?.dispose();
  });

  const expectRecordedOnce = async (deliveries: Delivery[]) => {
    await eventually(async () => expect(await archivedRows(backend.archive, deliveries)).toHaveLength(deliveries.length));
    const events = await eventsOf(backend.eventStore, deliveries);
    expect(events).toHaveLength(expectedEventCount(deliveries));
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  };

  it(
    'parks a malformed delivery, an unknown event type and an invalid envelope in the dead-letter topic with the reason, ' +
      'counts them, and records the next delivery of the same partition',
    async () => {
      const recorder = await startRecorder(new RecorderUnderTest(backend));
      const dlq = await readTopic(backend.eventLog, recorder.deadLetterTopic);
      running.push(dlq);
      const good = recordableDeliveries(1)[0];
      const key = good.message.key;
      const malformed = gatewayDelivery('github', '{"action":"opened"}', { 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID() });
      const unknownType = gatewayDelivery('github', fixtureBody('github', 'pull_request__opened'), { 'x-github-event': 'made_up_event', 'x-github-delivery': randomUUID() });
      const { body: newerBody, ...newerHeader } = malformed.envelope;
      const newerEnvelope = { ...good.message, value: Buffer.from(`${JSON.stringify({ ...newerHeader, version: 3 })}\n${newerBody}`), headers: { 'tandem-source': 'github' } };
      const notAnEnvelope = { key, value: Buffer.from('\u00ff not json') };

      await recorder.publish([malformed, unknownType, { message: newerEnvelope }, { message: notAnEnvelope }].map(({ message }) => ({ message: { ...message, key } })));
      await recorder.publish([good]);

      await eventually(async () => expect((await eventsOf(backend.eventStore, [good])).map((event) => event.type)).toEqual(['PullRequestOpened']));
      await eventually(() => expect(dlq.received).toHaveLength(4));
      const letters = dlq.received.map((letter) => ({
        reason: letter.headers[DEAD_LETTER_REASON_HEADER],
        error: letter.headers[DEAD_LETTER_HEADERS.error],
        partition: letter.headers[DEAD_LETTER_HEADERS.partition],
      }));
      expect(letters.map((letter) => letter.reason)).toEqual(['MALFORMED', 'UNKNOWN_EVENT_TYPE', 'INVALID_ENVELOPE', 'INVALID_ENVELOPE']);
      for (const letter of letters) expect(letter.error.startsWith(`${letter.reason}: `)).toBe(true);
      expect(new Set(letters.map((letter) => letter.partition)).size).toBe(1);
      expect(dlq.received[0].value.equals(malformed.message.value)).toBe(true);
      expect(dlq.received[0].headers['tandem-delivery-id']).toBe(malformed.envelope.deliveryId);
      expect(await recorder.counter('tandem_webhooks_dlq_total')).toEqual(
        expect.arrayContaining([
          { labels: { source: 'github', reason: 'MALFORMED' }, value: 1 },
          { labels: { source: 'github', reason: 'UNKNOWN_EVENT_TYPE' }, value: 1 },
          { labels: { source: 'github', reason: 'INVALID_ENVELOPE' }, value: 1 },
          { labels: { source: 'unknown', reason: 'INVALID_ENVELOPE' }, value: 1 },
        ]),
      );
      const archived = await archivedRows(backend.archive, [malformed, unknownType, good]);
      expect(archived.map((row) => [row.deliveryId, row.outcome, row.reason])).toEqual(
        expect.arrayContaining([
          [malformed.envelope.deliveryId, 'dead_lettered', 'MALFORMED'],
          [unknownType.envelope.deliveryId, 'dead_lettered', 'UNKNOWN_EVENT_TYPE'],
          [good.envelope.deliveryId, 'recorded', undefined],
        ]),
      );
      expect(recorder.failures).toEqual([]);
    },
    60_000,
  );

  it('records a delivery once however often it comes, in one batch or across batches', async () => {
    const recorder = await startRecorder(new RecorderUnderTest(backend));
    const deliveries = recordableDeliveries(8);

    await recorder.publish([...deliveries, ...deliveries]);
    await expectRecordedOnce(deliveries);
    await recorder.publish(deliveries);
    const stillThere = recordableDeliveries(1);
    await recorder.publish(stillThere);

    await expectRecordedOnce(stillThere);
    await expectRecordedOnce(deliveries);
    const appended = (await recorder.counter('tandem_recorder_events_appended_total')).reduce((sum, { value }) => sum + value, 0);
    expect(appended).toBe(expectedEventCount([...deliveries, ...stillThere]));
  }, 60_000);

  it('retries while the event store does not answer, and loses nothing', async () => {
    const outage = switchableStore(backend.eventStore);
    const recorder = await startRecorder(new RecorderUnderTest(backend, { eventStore: outage.store }));
    const deliveries = recordableDeliveries(6);

    outage.down = true;
    await recorder.publish(deliveries);
    await eventually(() => expect(outage.failedCalls).toBeGreaterThanOrEqual(4));
    expect(await archivedRows(backend.archive, deliveries)).toEqual([]);
    outage.down = false;

    await expectRecordedOnce(deliveries);
    expect(recorder.failures).toEqual([]);
  }, 60_000);

  it('dead-letters a delivery the store refuses while it accepts the others, so the partition keeps flowing', async () => {
    const [before, poison, after] = recordableDeliveries(3);
    const recorder = await startRecorder(new RecorderUnderTest(backend, { eventStore: refusingStore(backend.eventStore, poison.envelope.deliveryId) }));
    const dlq = await readTopic(backend.eventLog, recorder.deadLetterTopic);
    running.push(dlq);

    await recorder.publish([before, poison, after].map(({ message }) => ({ message: { ...message, key: before.message.key } })));

    await expectRecordedOnce([before, after]);
    await eventually(() => expect(dlq.received.map((letter) => letter.headers[DEAD_LETTER_REASON_HEADER])).toEqual(['STORE_REJECTED']));
    expect(await eventsOf(backend.eventStore, [poison])).toEqual([]);
    expect((await archivedRows(backend.archive, [poison])).map((row) => [row.outcome, row.reason])).toEqual([['dead_lettered', 'STORE_REJECTED']]);
  }, 60_000);

  it('a recorder that dies after appending but before committing: its successor records the rest, and nothing is lost or doubled', async () => {
    const halting = haltingArchive(backend.archive);
    const first = await startRecorder(new RecorderUnderTest(backend, { archive: halting.archive }));
    const rounds = [recordableDeliveries(10), recordableDeliveries(10), recordableDeliveries(10)];

    await first.publish(rounds[0]);
    await eventually(async () => expect(await archivedRows(backend.archive, rounds[0])).toHaveLength(10));
    halting.arm();
    await first.publish(rounds[1]);
    try {
      await halting.halted;
      // A batch of the second round is appended; its archive write and its commit never happen.
      expect((await eventsOf(backend.eventStore, rounds[1])).length).toBeGreaterThan(0);
      const stopping = first.stop();
      halting.crash();
      await stopping;
    } finally {
      halting.crash();
    }
    expect(first.failures.map((error) => error.message)).toEqual(['the process was killed mid-batch']);
    await first.publish(rounds[2]);

    const successor = first.successor();
    running.push(successor);
    await successor.start(await backend.reopenLog());

    await expectRecordedOnce(rounds.flat());
    expect(successor.failures).toEqual([]);
  }, 90_000);
});
