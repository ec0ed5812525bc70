import type { RecordedEvent } from '@tandem/contracts';
import { expectEventually } from '@tandem/testing';
import {
  LIVE_TIMEOUT_MS,
  groupVersionsByStream,
  isStrictlyIncreasing,
  newEvent,
  readAllAfter,
  uniqueStream,
  type ContractContext,
} from './contract-support';

/** 1,600 serialised transactions, some held open on purpose: slow on a busy shared machine. */
const CONCURRENCY_TIMEOUT_MS = 120_000;

/** Catch-up subscriptions: history, live appends, back-pressure, failures, concurrent writers. */
export function subscribeContract({ store, fixture }: ContractContext): void {
  describe('subscribeToAll', () => {
    it('delivers the history after the checkpoint, then follows live appends', async () => {
      const streamId = uniqueStream('catch-up');
      const history = [newEvent(), newEvent(), newEvent()];
      await store().append(streamId, history);
      const [checkpoint] = await store().readStream(streamId);
      const seen: string[] = [];

      const subscription = store().subscribeToAll({
        after: checkpoint.globalPosition,
        handler: async (event) => {
          if (event.streamId === streamId) seen.push(event.eventId);
        },
      });
      try {
        await expectEventually(() => expect(seen).toEqual([history[1].eventId, history[2].eventId]), {
          timeoutMs: LIVE_TIMEOUT_MS,
        });
        const live = [newEvent(), newEvent()];
        await store().append(streamId, [live[0]]);
        await store().append(streamId, [live[1]]);

        await expectEventually(
          () => expect(seen).toEqual([history[1], history[2], ...live].map((event) => event.eventId)),
          { timeoutMs: LIVE_TIMEOUT_MS },
        );
      } finally {
        await subscription.stop();
      }
    });

    it('awaits each handler before the next event, and stop() waits for the one in flight', async () => {
      const streamId = uniqueStream('in-flight');
      const before = await store().headPosition();
      const log: string[] = [];
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const subscription = store().subscribeToAll({
        after: before,
        handler: async (event) => {
          if (event.streamId !== streamId) return;
          log.push(`start ${event.streamVersion}`);
          await released;
          log.push(`end ${event.streamVersion}`);
        },
      });
      await store().append(streamId, [newEvent(), newEvent()]);
      await expectEventually(() => expect(log).toEqual(['start 0']), { timeoutMs: LIVE_TIMEOUT_MS });

      const stopped = subscription.stop().then(() => log.push('stopped'));
      release();
      await stopped;

      expect(log).toEqual(['start 0', 'end 0', 'stopped']);
    });

    it('ends the subscription on a handler error and reports it to onError', async () => {
      const streamId = uniqueStream('failing');
      const before = await store().headPosition();
      const errors: Error[] = [];
      const handled: number[] = [];
      const subscription = store().subscribeToAll({
        after: before,
        handler: async (event) => {
          if (event.streamId !== streamId) return;
          handled.push(event.streamVersion);
          throw new Error(`cannot handle ${event.streamVersion}`);
        },
        onError: (error) => errors.push(error),
      });
      await store().append(streamId, [newEvent(), newEvent()]);

      await expectEventually(() => expect(errors.map((error) => error.message)).toEqual(['cannot handle 0']), {
        timeoutMs: LIVE_TIMEOUT_MS,
      });
      await subscription.stop();
      expect(handled).toEqual([0]);
    });

    it('never skips or reorders an event while concurrent appenders commit', async () => {
      const writers = 8;
      const appendsPerWriter = 200;
      const run = uniqueStream('concurrent');
      const before = await store().headPosition();
      const seen: RecordedEvent[] = [];
      const subscription = store().subscribeToAll({
        after: before,
        handler: async (event) => {
          if (event.streamId.startsWith(run)) seen.push(event);
        },
      });
      const appended: string[] = [];
      const appendedToOwnStream = new Map<string, string[]>();

      try {
        await Promise.all(
          Array.from({ length: writers }, async (_, writer) => {
            const ownStream = `${run}-writer-${writer}`;
            const ownIds: string[] = [];
            appendedToOwnStream.set(ownStream, ownIds);
            let ownVersion: number | 'no_stream' = 'no_stream';
            for (let index = 0; index < appendsPerWriter; index++) {
              const events = Array.from({ length: 1 + ((writer + index) % 5) }, () => newEvent());
              if (index % 3 === 0) {
                await store().append(`${run}-shared-${index % 2}`, events);
              } else {
                const result = await store().append(ownStream, events, { expectedVersion: ownVersion });
                ownVersion = result.nextExpectedVersion;
                ownIds.push(...events.map((event) => event.eventId));
              }
              appended.push(...events.map((event) => event.eventId));
            }
          }),
        );
        await expectEventually(() => expect(seen.length).toBeGreaterThanOrEqual(appended.length), {
          timeoutMs: 30_000,
        });
      } finally {
        await subscription.stop();
      }

      const seenIds = seen.map((event) => event.eventId);
      expect(seen).toHaveLength(appended.length);
      expect(new Set(seenIds).size).toBe(seen.length);
      expect([...seenIds].sort()).toEqual([...appended].sort());
      expect(isStrictlyIncreasing(seen.map((event) => event.globalPosition))).toBe(true);
      for (const [streamId, versions] of groupVersionsByStream(seen)) {
        expect({ streamId, versions }).toEqual({ streamId, versions: versions.map((_, index) => index) });
      }
      for (const [streamId, ids] of appendedToOwnStream) {
        expect(seen.filter((event) => event.streamId === streamId).map((event) => event.eventId)).toEqual(ids);
      }
      const readBack = await readAllAfter(store(), before, run);
      expect(readBack.map((event) => event.eventId)).toEqual(seenIds);
    }, CONCURRENCY_TIMEOUT_MS);

    it('follows appends made through another store instance on the same storage', async () => {
      const peer = await fixture().openPeer();
      const streamId = uniqueStream('peer');
      const before = await store().headPosition();
      const seen: string[] = [];
      const subscription = peer.subscribeToAll({
        after: before,
        handler: async (event) => {
          if (event.streamId === streamId) seen.push(event.eventId);
        },
      });
      try {
        const events = [newEvent(), newEvent()];
        await store().append(streamId, [events[0]]);
        await store().append(streamId, [events[1]]);

        await expectEventually(() => expect(seen).toEqual(events.map((event) => event.eventId)), {
          timeoutMs: LIVE_TIMEOUT_MS,
        });
      } finally {
        await subscription.stop();
        await peer.close();
      }
    });
  });
}
