import { WrongExpectedVersionError } from '../errors';
import { newEvent, uniqueStream, type ContractContext } from './contract-support';

/** Several streams in one call: the rules of `append` per entry, one result per entry. */
export function appendManyContract({ store, capabilities }: ContractContext): void {
  describe('appendMany', () => {
    it('appends to several streams in entry order, each from its own version, and answers per entry', async () => {
      const [fresh, existing] = [uniqueStream('many-fresh'), uniqueStream('many-existing')];
      await store().append(existing, [newEvent()]);
      const before = await store().headPosition();
      const [a1, a2, b1, a3] = [newEvent('a1'), newEvent('a2'), newEvent('b1'), newEvent('a3')];

      const results = await store().appendMany([
        { streamId: fresh, events: [a1, a2], expectedVersion: 'no_stream' },
        { streamId: existing, events: [b1], expectedVersion: 0 },
        { streamId: fresh, events: [a3], expectedVersion: 1 },
      ]);

      const appended = (await store().readAll({ after: before })).filter((event) => [fresh, existing].includes(event.streamId));
      expect(appended.map((event) => [event.eventId, event.streamId, event.streamVersion])).toEqual([
        [a1.eventId, fresh, 0],
        [a2.eventId, fresh, 1],
        [b1.eventId, existing, 1],
        [a3.eventId, fresh, 2],
      ]);
      const positionOf = (eventId: string) => appended.find((event) => event.eventId === eventId)?.globalPosition;
      expect(results).toEqual([
        { nextExpectedVersion: 1, lastGlobalPosition: positionOf(a2.eventId), appendedCount: 2 },
        { nextExpectedVersion: 1, lastGlobalPosition: positionOf(b1.eventId), appendedCount: 1 },
        { nextExpectedVersion: 2, lastGlobalPosition: positionOf(a3.eventId), appendedCount: 1 },
      ]);
    });

    it('stores nothing for a replayed call and answers with the stored positions', async () => {
      const appends = [
        { streamId: uniqueStream('many-replay'), events: [newEvent(), newEvent()] },
        { streamId: uniqueStream('many-replay'), events: [newEvent()] },
      ];
      const original = await store().appendMany(appends);
      const head = await store().headPosition();

      const replay = await store().appendMany(appends);

      expect(replay).toEqual(original.map((result) => ({ ...result, appendedCount: 0 })));
      expect(await store().headPosition()).toBe(head);
    });

    it('appends only the fresh entries of a call that repeats stored ones (a redelivered batch with new deliveries)', async () => {
      const [seen, unseen] = [uniqueStream('many-seen'), uniqueStream('many-unseen')];
      const stored = newEvent();
      await store().append(seen, [stored]);
      const fresh = newEvent();

      const results = await store().appendMany([
        { streamId: seen, events: [stored] },
        { streamId: unseen, events: [fresh] },
      ]);

      expect(results.map((result) => result.appendedCount)).toEqual([0, 1]);
      expect((await store().readStream(seen)).map((event) => event.eventId)).toEqual([stored.eventId]);
      expect((await store().readStream(unseen)).map((event) => event.eventId)).toEqual([fresh.eventId]);
    });

    it('answers an empty call with no results', async () => {
      const head = await store().headPosition();

      expect(await store().appendMany([])).toEqual([]);
      expect(await store().headPosition()).toBe(head);
    });

    if (capabilities.appendsManyStreamsAtomically) {
      it('writes none of the entries when one of them breaks a rule', async () => {
        const [first, conflicting] = [uniqueStream('many-atomic'), uniqueStream('many-atomic')];

        const attempt = store().appendMany([
          { streamId: first, events: [newEvent()] },
          { streamId: conflicting, events: [newEvent()], expectedVersion: 3 },
        ]);

        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await store().readStream(first)).toEqual([]);
      });
    }
  });
}
