import pino from 'pino';
import { eventLogContract, textMessage, uniqueName } from '../contract/event-log.contract';
import { EventLogUnavailableError } from '../event-log-unavailable.error';
import { KafkaEventLog } from './kafka-event-log';

// A real broker: deploy/local/kafka/start.sh (or KAFKA_BROKERS=host:port,...).
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const UNREACHABLE_BROKER = '127.0.0.1:1';
const UNAVAILABLE_BOUND_MS = 2_000;

eventLogContract('KafkaEventLog', {
  createLog: () => new KafkaEventLog({ brokers, clientId: 'tandem-contract' }),
  createUnreachableLog: async () =>
    new KafkaEventLog({ brokers: [UNREACHABLE_BROKER], unavailableAfterMs: UNAVAILABLE_BOUND_MS }),
  unavailableBoundMs: UNAVAILABLE_BOUND_MS,
});

describe('KafkaEventLog logging', () => {
  it("writes kafkajs's own log lines to the pino logger it is given", async () => {
    const lines: { level: number; kafkajs?: string; msg: string }[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const log = new KafkaEventLog({ brokers: [UNREACHABLE_BROKER], unavailableAfterMs: 1_000, logger });

    await expect(log.publish(uniqueName('unreachable'), [textMessage('k', 'lost')])).rejects.toBeInstanceOf(
      EventLogUnavailableError,
    );
    await log.close();

    const warnLevel = pino.levels.values.warn;
    expect(lines).toContainEqual(expect.objectContaining({ level: warnLevel, kafkajs: expect.stringMatching(/Connection/) }));
  });
});

describe('KafkaEventLog concurrent publishes', () => {
  it('fails only the publish the broker refuses when it was merged with others', async () => {
    const log = new KafkaEventLog({ brokers, clientId: 'tandem-contract' });
    const topic = uniqueName('refused');
    try {
      await log.ensureTopics([{ name: topic, partitions: 1 }]);
      const tooLarge = { key: 'k', value: Buffer.alloc(2 * 1024 * 1024, 'x') };

      const outcomes = await Promise.allSettled([
        log.publish(topic, [textMessage('k', 'first')]),
        log.publish(topic, [textMessage('k', 'second')]),
        log.publish(topic, [tooLarge]),
        log.publish(topic, [textMessage('k', 'third')]),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(outcomes[2]).toMatchObject({ reason: expect.not.objectContaining({ code: 'EVENT_LOG_UNAVAILABLE' }) });
    } finally {
      await log.close();
    }
  });
});
