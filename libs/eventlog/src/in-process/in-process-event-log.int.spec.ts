import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from '@tandem/testing';
import { eventLogContract, textMessage, uniqueName } from '../contract/event-log.contract';
import type { ConsumedMessage } from '../event-log.port';
import { InProcessEventLog } from './in-process-event-log';

const directory = mkdtempSync(join(tmpdir(), 'tandem-eventlog-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const newFile = (): string => join(directory, `${uniqueName('log')}.sqlite`);

eventLogContract('InProcessEventLog', {
  createLog: () => new InProcessEventLog({ path: newFile() }),
  createUnreachableLog: async () => {
    const log = new InProcessEventLog({ path: ':memory:' });
    await log.close();
    return log;
  },
  unavailableBoundMs: 100,
});

describe('InProcessEventLog across a process restart', () => {
  it('keeps the messages and redelivers only what was not committed when reopened on the same file', async () => {
    const path = newFile();
    const topic = uniqueName('restart');
    const groupId = uniqueName('group');
    const before = new InProcessEventLog({ path });
    await before.ensureTopics([{ name: topic, partitions: 2 }]);
    await before.publish(
      topic,
      ['m0', 'm1', 'm2', 'm3'].map((text) => textMessage('k', text)),
    );
    const handledBefore: string[] = [];
    const failures: Error[] = [];
    await before.subscribe({
      topic,
      groupId,
      onFailure: (error) => failures.push(error),
      handler: async (message) => {
        handledBefore.push(message.value.toString());
        if (message.value.toString() === 'm2') throw new Error('process is going down');
      },
    });
    await expectEventually(() => expect(failures).toHaveLength(1));
    await before.close();

    const after = new InProcessEventLog({ path });
    const received: ConsumedMessage[] = [];
    const consumer = await after.subscribe({ topic, groupId, handler: async (message) => void received.push(message) });
    try {
      await expectEventually(() => expect(received.map((message) => message.value.toString())).toEqual(['m2', 'm3']));
      expect(handledBefore).toEqual(['m0', 'm1', 'm2']);
      expect(received.map((message) => message.offset)).toEqual(['2', '3']);
    } finally {
      await consumer.stop();
      await after.close();
    }
  });
});

describe('InProcessEventLog consumer groups', () => {
  it('gives the group to one consumer at a time: a waiting one can stop, the next takes over from the committed offsets', async () => {
    const log = new InProcessEventLog({ path: newFile() });
    const topic = uniqueName('turns');
    const groupId = uniqueName('group');
    await log.ensureTopics([{ name: topic, partitions: 2 }]);
    const receivedBy = { first: [] as string[], leaving: [] as string[], next: [] as string[] };
    const subscribe = (who: keyof typeof receivedBy) =>
      log.subscribe({
        topic,
        groupId,
        handler: async (message) => void receivedBy[who].push(message.value.toString()),
      });
    try {
      const first = await subscribe('first');
      const leaving = await subscribe('leaving');
      await subscribe('next');
      await log.publish(topic, [textMessage('repo-1', 'm0'), textMessage('repo-2', 'm1')]);
      await expectEventually(() => expect(receivedBy.first.sort()).toEqual(['m0', 'm1']));

      await leaving.stop(); // resolves although its turn has not come
      await first.stop();
      await log.publish(topic, [textMessage('repo-1', 'm2')]);

      await expectEventually(() => expect(receivedBy.next).toEqual(['m2']));
      expect(receivedBy.leaving).toEqual([]);
      expect(receivedBy.first.sort()).toEqual(['m0', 'm1']);
    } finally {
      await log.close();
    }
  });
});
