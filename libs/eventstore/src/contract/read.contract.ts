import type { EventMetadata, RecordedEvent } from '@tandem/contracts';
import { isStrictlyIncreasing, newEvent, uniqueStream, type ContractContext } from './contract-support';

/** Stream reads, global reads, and what the store records beside the event. */
export function readContract({ store }: ContractContext): void {
  describe('read', () => {
    it('reads a stream from a version, in stream order', async () => {
      const streamId = uniqueStream('from');
      const events = Array.from({ length: 5 }, (_, index) => newEvent(`t${index}`));
      await store().append(streamId, events);

      const tail = await store().readStream(streamId, { fromVersion: 3 });

      expect(tail.map((event) => [event.streamVersion, event.eventId])).toEqual([
        [3, events[3].eventId],
        [4, events[4].eventId],
      ]);
    });

    it('reads a missing stream as empty', async () => {
      expect(await store().readStream(uniqueStream('nothing'))).toEqual([]);
    });

    it('pages through all streams in global order after a position', async () => {
      const before = await store().headPosition();
      const [left, right] = [uniqueStream('left'), uniqueStream('right')];
      const appended: string[] = [];
      for (const [streamId, count] of [[left, 2], [right, 3], [left, 2]] as const) {
        const events = Array.from({ length: count }, () => newEvent());
        await store().append(streamId, events);
        appended.push(...events.map((event) => event.eventId));
      }

      const pages: RecordedEvent[][] = [];
      let after = before;
      for (;;) {
        const page = await store().readAll({ after, limit: 3 });
        pages.push(page);
        if (page.length === 0) break;
        after = page[page.length - 1].globalPosition;
      }

      const all = pages.flat();
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1, 0]);
      expect(all.map((event) => event.eventId)).toEqual(appended);
      expect(isStrictlyIncreasing(all.map((event) => event.globalPosition))).toBe(true);
      expect(all[0].globalPosition).toBeGreaterThan(before);
      expect(await store().headPosition()).toBe(all[all.length - 1].globalPosition);
    });

    it('round-trips every metadata field and sets recordedAt itself', async () => {
      const streamId = uniqueStream('metadata');
      const metadata: EventMetadata = {
        occurredAt: '2024-03-01T08:15:30.123Z',
        source: 'github',
        sourceDeliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        schemaVersion: 3,
      };
      const minimal: EventMetadata = { occurredAt: '2024-03-01T08:15:31.000Z', source: 'api', schemaVersion: 1 };
      const startedAt = Date.now();

      await store().append(streamId, [newEvent('full', metadata), newEvent('minimal', minimal)]);

      const finishedAt = Date.now();
      const [full, bare] = await store().readStream(streamId);
      expect(full.metadata).toEqual(metadata);
      expect(bare.metadata).toStrictEqual(minimal);
      for (const event of [full, bare]) {
        expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
        // Allow for a store clock (database server) that is a little off ours.
        expect(Date.parse(event.recordedAt)).toBeGreaterThanOrEqual(startedAt - 2_000);
        expect(Date.parse(event.recordedAt)).toBeLessThanOrEqual(finishedAt + 2_000);
      }
    });
  });
}
