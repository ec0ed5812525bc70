import type { LogMessage } from '../event-log.port';
import { PublishCoalescer, type TopicBatch } from './publish-coalescer';

const message = (text: string, bytes = text.length): LogMessage => ({ key: 'k', value: Buffer.alloc(bytes, text) });
const texts = (batches: TopicBatch[]) => batches.map(({ topic, messages }) => `${topic}:${messages.map((each) => each.value.toString()[0]).join('')}`);

/** A send that waits until the test lets it through, recording what each send carried. */
function heldSends(fail?: (batches: TopicBatch[]) => Error | undefined) {
  const sends: TopicBatch[][] = [];
  const releases: (() => void)[] = [];
  const send = (batches: TopicBatch[]) =>
    new Promise<void>((resolve, reject) => {
      sends.push(batches);
      releases.push(() => {
        const error = fail?.(batches);
        if (error) reject(error);
        else resolve();
      });
    });
  const releaseAll = async () => {
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { sends, send, releaseAll };
}

const FAR = Number.MAX_SAFE_INTEGER;

describe('PublishCoalescer', () => {
  it('sends what arrives while a send is in flight together, by topic, in publish order', async () => {
    const held = heldSends();
    const coalescer = new PublishCoalescer(held.send, () => false);

    const first = coalescer.publish('a', [message('1')], FAR);
    const rest = [coalescer.publish('a', [message('2')], FAR), coalescer.publish('b', [message('3')], FAR), coalescer.publish('a', [message('4')], FAR)];
    await held.releaseAll();
    await Promise.all([first, ...rest]);

    expect(held.sends.map(texts)).toEqual([['a:1'], ['a:24', 'b:3']]);
  });

  it('resends a merged send the broker refuses publish by publish, so only the bad one fails', async () => {
    const tooLarge = Object.assign(new Error('message too large'), { refused: true });
    const held = heldSends((batches) => (batches.some(({ messages }) => messages.some((each) => each.value.toString().startsWith('x'))) ? tooLarge : undefined));
    const coalescer = new PublishCoalescer(held.send, (error) => error === tooLarge);

    const first = coalescer.publish('a', [message('1')], FAR);
    const good = coalescer.publish('a', [message('2')], FAR);
    const bad = coalescer.publish('a', [message('x')], FAR);
    const settled = Promise.allSettled([first, good, bad]);
    await held.releaseAll();

    expect((await settled).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(held.sends.map(texts)).toEqual([['a:1'], ['a:2x'], ['a:2'], ['a:x']]);
  });

  it('fails every publish of a send that failed otherwise (the log is unavailable)', async () => {
    const held = heldSends(() => new Error('broker unreachable'));
    const coalescer = new PublishCoalescer(held.send, () => false);

    const settled = Promise.allSettled([coalescer.publish('a', [message('1')], FAR), coalescer.publish('a', [message('2')], FAR)]);
    await held.releaseAll();

    expect((await settled).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('does not send a publish whose caller stopped waiting, and keeps sends under the byte budget', async () => {
    let now = 0;
    const held = heldSends();
    const coalescer = new PublishCoalescer(held.send, () => false, () => now);

    const first = coalescer.publish('a', [message('1')], 10);
    const expired = coalescer.publish('a', [message('e')], 10);
    const big = [coalescer.publish('a', [message('b', 400 * 1024)], 100), coalescer.publish('a', [message('c', 400 * 1024)], 100)];
    now = 50;
    const settled = Promise.allSettled([first, expired, ...big]);
    await held.releaseAll();

    expect((await settled).map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(held.sends.map(texts)).toEqual([['a:1'], ['a:b'], ['a:c']]);
    await coalescer.idle();
  });
});
