import { KeyedSender } from './keyed-sender';

/** A task that records when it starts and ends, and finishes when the test says so. */
function controllable(log: string[], name: string) {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSender', () => {
  it('runs the tasks of one key one after the other, and other keys meanwhile', async () => {
    const log: string[] = [];
    const sender = new KeyedSender(4);
    const first = controllable(log, 'pr-1 opened');
    const second = controllable(log, 'pr-1 merged');
    const other = controllable(log, 'pr-2 opened');
    await sender.submit('pr-1', first.task);
    await sender.submit('pr-1', second.task);
    await sender.submit('pr-2', other.task);
    await settle();
    expect(log).toEqual(['start pr-1 opened', 'start pr-2 opened']);

    first.finish();
    await settle();
    expect(log).toEqual(['start pr-1 opened', 'start pr-2 opened', 'end pr-1 opened', 'start pr-1 merged']);

    second.finish();
    other.finish();
    await sender.drain();
    expect(log.filter((entry) => entry.startsWith('end'))).toHaveLength(3);
  });

  it('makes the caller wait while as many tasks as allowed are in flight', async () => {
    const log: string[] = [];
    const sender = new KeyedSender(2);
    const tasks = ['a', 'b', 'c'].map((key) => controllable(log, key));
    await sender.submit('a', tasks[0].task);
    await sender.submit('b', tasks[1].task);
    let thirdSubmitted = false;
    const third = sender.submit('c', tasks[2].task).then(() => (thirdSubmitted = true));
    await settle();
    expect(thirdSubmitted).toBe(false);

    tasks[0].finish();
    await third;
    expect(thirdSubmitted).toBe(true);
    tasks[1].finish();
    tasks[2].finish();
    await sender.drain();
    expect(log).toEqual(['start a', 'start b', 'end a', 'start c', 'end b', 'end c']);
  });

  it('stops taking tasks after one failed, and reports that failure', async () => {
    const sender = new KeyedSender(2);
    await sender.submit('a', () => Promise.reject(new Error('the gateway answered 401')));
    await settle();
    await expect(sender.submit('b', () => Promise.resolve())).rejects.toThrow('the gateway answered 401');
    await expect(sender.drain()).rejects.toThrow('the gateway answered 401');
  });
});
