import { WrongExpectedVersionError } from '../errors';
import { newEvent, uniqueStream, type ContractContext } from './contract-support';

/** Optimistic concurrency and idempotent appends. */
export function appendContract({ store, capabilities }: ContractContext): void {
  describe('append', () => {
    it('creates a stream with no_stream and returns its version and last position', async () => {
      const streamId = uniqueStream('create');
      const events = [newEvent('a'), newEvent('b'), newEvent('c')];

      const result = await store().append(streamId, events, { expectedVersion: 'no_stream' });

      const stored = await store().readStream(streamId);
      expect(stored.map((event) => [event.eventId, event.type, event.streamVersion])).toEqual([
        [events[0].eventId, 'a', 0],
        [events[1].eventId, 'b', 1],
        [events[2].eventId, 'c', 2],
      ]);
      expect(stored.map((event) => event.data)).toEqual(events.map((event) => event.data));
      expect(result).toEqual({ nextExpectedVersion: 2, lastGlobalPosition: stored[2].globalPosition });
    });

    it('rejects no_stream on an existing stream', async () => {
      const streamId = uniqueStream('exists');
      await store().append(streamId, [newEvent()], { expectedVersion: 'no_stream' });

      const attempt = store().append(streamId, [newEvent()], { expectedVersion: 'no_stream' });

      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(attempt).rejects.toMatchObject({
        code: 'EVENTSTORE_WRONG_EXPECTED_VERSION',
        streamId,
        expectedVersion: 'no_stream',
        actualVersion: 0,
      });
      expect(await store().readStream(streamId)).toHaveLength(1);
    });

    it('appends at the exact expected version and rejects a stale one', async () => {
      const streamId = uniqueStream('exact');
      await store().append(streamId, [newEvent()], { expectedVersion: 'no_stream' });

      const second = await store().append(streamId, [newEvent(), newEvent()], { expectedVersion: 0 });
      const stale = store().append(streamId, [newEvent()], { expectedVersion: 0 });

      expect(second.nextExpectedVersion).toBe(2);
      await expect(stale).rejects.toMatchObject({
        code: 'EVENTSTORE_WRONG_EXPECTED_VERSION',
        streamId,
        expectedVersion: 0,
        actualVersion: 2,
      });
      expect((await store().readStream(streamId)).map((event) => event.streamVersion)).toEqual([0, 1, 2]);
    });

    it('rejects an exact expected version on a missing stream, reporting -1', async () => {
      const streamId = uniqueStream('missing');

      await expect(store().append(streamId, [newEvent()], { expectedVersion: 3 })).rejects.toMatchObject({
        code: 'EVENTSTORE_WRONG_EXPECTED_VERSION',
        expectedVersion: 3,
        actualVersion: -1,
      });
      expect(await store().readStream(streamId)).toEqual([]);
    });

    it('appends without a check when the expected version is any', async () => {
      const streamId = uniqueStream('any');
      await store().append(streamId, [newEvent()]);

      const result = await store().append(streamId, [newEvent()], { expectedVersion: 'any' });

      expect(result.nextExpectedVersion).toBe(1);
    });

    it('stores nothing for a replay of stored event ids and answers with the original positions', async () => {
      const streamId = uniqueStream('replay');
      const events = [newEvent(), newEvent(), newEvent()];
      const original = await store().append(streamId, events, { expectedVersion: 'no_stream' });
      const headAfterOriginal = await store().headPosition();

      // The expected version is stale on purpose: a re-delivery must succeed anyway.
      const replay = await store().append(streamId, events, { expectedVersion: 'no_stream' });

      expect(replay).toEqual(original);
      expect((await store().readStream(streamId)).map((event) => event.eventId)).toEqual(
        events.map((event) => event.eventId),
      );
      expect(await store().headPosition()).toBe(headAfterOriginal);
    });

    it('appends only the new events of a batch that mixes stored and new ids', async () => {
      const streamId = uniqueStream('mixed');
      const [first, second, third] = [newEvent(), newEvent(), newEvent()];
      await store().append(streamId, [first, second], { expectedVersion: 'no_stream' });

      const result = await store().append(streamId, [second, third], { expectedVersion: 1 });

      expect(result.nextExpectedVersion).toBe(2);
      expect((await store().readStream(streamId)).map((event) => event.eventId)).toEqual([
        first.eventId,
        second.eventId,
        third.eventId,
      ]);
    });

    if (capabilities.findsEventIdsAcrossStreams) {
      it('refuses an event id that is already stored in another stream', async () => {
        const [first, second] = [uniqueStream('first'), uniqueStream('second')];
        const event = newEvent();
        await store().append(first, [event]);

        await expect(store().append(second, [newEvent(), event])).rejects.toMatchObject({
          code: 'EVENTSTORE_EVENT_ID_IN_OTHER_STREAM',
          eventId: event.eventId,
          streamId: second,
          storedInStreamId: first,
        });
        expect(await store().readStream(second)).toEqual([]);
      });
    }

    it('stores an id repeated inside one batch once', async () => {
      const streamId = uniqueStream('repeated');
      const event = newEvent();

      const result = await store().append(streamId, [event, event]);

      expect(result.nextExpectedVersion).toBe(0);
      expect(await store().readStream(streamId)).toHaveLength(1);
    });
  });
}
