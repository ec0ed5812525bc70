import { randomUUID } from 'node:crypto';
import { archivedPages, type ArchivedDelivery, type DeliveryArchive } from '../delivery-archive.port';

export interface DeliveryArchiveFixture {
  archive: DeliveryArchive;
  /** Closes the archive and removes its storage. */
  dispose(): Promise<void>;
}

/** A source name of its own per test, so tests sharing one archive never see each other's rows. */
const uniqueSource = (): string => `test-${randomUUID()}`;

function delivery(source: string, overrides: Partial<ArchivedDelivery> = {}): ArchivedDelivery {
  return {
    source,
    deliveryId: randomUUID(),
    receivedAt: '2026-03-01T10:00:00.000Z',
    correlationId: randomUUID(),
    headers: { 'x-github-event': 'pull_request' },
    body: '{"action":"opened"}',
    outcome: 'recorded',
    ...overrides,
  };
}

/** The behaviour every DeliveryArchive adapter must have, on its real backend. */
export function deliveryArchiveContract(name: string, factory: () => Promise<DeliveryArchiveFixture>): void {
  describe(`${name} honours the delivery archive contract`, () => {
    let fixture: DeliveryArchiveFixture | undefined;
    const archive = (): DeliveryArchive => {
      if (!fixture) throw new Error('the archive fixture failed to start');
      return fixture.archive;
    };

    beforeAll(async () => {
      fixture = await factory();
    });

    afterAll(async () => {
      await fixture?.dispose();
    });

    const all = async (source: string, since?: string): Promise<ArchivedDelivery[]> => {
      const rows: ArchivedDelivery[] = [];
      for await (const page of archivedPages(archive(), { source, since }, 2)) rows.push(...page);
      return rows;
    };

    it('keeps every field and reads deliveries back in (receivedAt, source, deliveryId) order', async () => {
      const source = uniqueSource();
      const later = delivery(source, { receivedAt: '2026-03-01T10:00:01.500Z', outcome: 'ignored', reason: 'a ping' });
      const [first, second] = [delivery(source, { deliveryId: 'a' }), delivery(source, { deliveryId: 'b', outcome: 'dead_lettered', reason: 'MALFORMED' })];

      await archive().record([later, second, first]);

      expect(await all(source)).toEqual([first, second, later]);
    });

    it('replaces outcome, reason, headers and body on a second reading, and keeps when and how it first came', async () => {
      const source = uniqueSource();
      const original = delivery(source, { outcome: 'dead_lettered', reason: 'UNKNOWN_EVENT_TYPE' });
      const { reason: _dropped, ...withoutReason } = original;
      const fixed: ArchivedDelivery = { ...withoutReason, receivedAt: '2026-03-02T00:00:00.000Z', correlationId: 'later', headers: {}, body: '{}', outcome: 'recorded' };
      const again = delivery(source);

      await archive().record([original]);
      await archive().record([fixed]);
      await archive().record([again, { ...again, correlationId: 'later', outcome: 'ignored', reason: 'redelivered in the same call' }]);

      const byDeliveryId = (rows: ArchivedDelivery[]) => [...rows].sort((a, b) => a.deliveryId.localeCompare(b.deliveryId));
      expect(byDeliveryId(await all(source))).toEqual(
        byDeliveryId([
          { ...fixed, receivedAt: original.receivedAt, correlationId: original.correlationId },
          { ...again, outcome: 'ignored', reason: 'redelivered in the same call' },
        ]),
      );
    });

    it('filters by source and by the instant received, counts, and pages through each delivery once', async () => {
      const [source, other] = [uniqueSource(), uniqueSource()];
      const deliveries = Array.from({ length: 5 }, (_, index) => delivery(source, { receivedAt: `2026-03-0${index + 1}T00:00:00.000Z` }));
      await archive().record([...deliveries, delivery(other)]);

      expect(await archive().count({ source })).toBe(5);
      expect(await archive().count({ source, since: '2026-03-03T00:00:00.000Z' })).toBe(3);
      expect((await all(source)).map((row) => row.deliveryId)).toEqual(deliveries.map((row) => row.deliveryId));
      expect((await all(source, '2026-03-03T00:00:00+00:00')).map((row) => row.deliveryId)).toEqual(deliveries.slice(2).map((row) => row.deliveryId));
    });

    it('stores a body given as UTF-8 bytes as it stores the same text, NUL included', async () => {
      const source = uniqueSource();
      const text = '{"title":"Fix ✓ naïve 😀 <@U1>","n":1}';
      const [asBytes, nulAsBytes, nulAsText] = ['a', 'b', 'c'].map((deliveryId) => delivery(source, { deliveryId }));

      await archive().record([
        { ...asBytes, body: Buffer.from(text, 'utf8') },
        { ...nulAsBytes, body: Buffer.from('a\u0000b', 'utf8') },
        { ...nulAsText, body: 'a\u0000b' },
      ]);

      const [storedBytes, storedNulBytes, storedNulText] = await all(source);
      expect(storedBytes).toEqual({ ...asBytes, body: text });
      expect(storedNulBytes.body).toBe(storedNulText.body);
    });

    it('accepts any text a broken delivery may carry (NUL, unpaired surrogates, megabytes)', async () => {
      const source = uniqueSource();
      const broken = delivery(source, { body: `a\u0000b\ud800c${'x'.repeat(2_000_000)}`, headers: { 'user-agent': 'nul\u0000\udfff' }, outcome: 'dead_lettered', reason: 'MALFORMED' });

      await archive().record([broken]);

      const [stored] = await all(source);
      expect(stored.deliveryId).toBe(broken.deliveryId);
      expect(stored.body.endsWith('x'.repeat(2_000_000))).toBe(true);
    });

    it('records a call of more deliveries than one database statement can bind, all of them', async () => {
      const source = uniqueSource();
      const many = Array.from({ length: 10_000 }, () => delivery(source));

      await archive().record(many);

      expect(await archive().count({ source })).toBe(many.length);
    });

    it('records nothing for an empty call', async () => {
      await expect(archive().record([])).resolves.toBeUndefined();
    });
  });
}
