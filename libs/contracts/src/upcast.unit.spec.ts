import type { EventMetadata, JsonObject, RecordedEvent } from './envelope';
import { ContractError } from './errors';
import { readCanonicalEvent } from './read-event';
import { CURRENT_SCHEMA_VERSION, defineUpcasters, upcastEvent, UPCASTERS } from './upcast';

function stored(type: string, data: JsonObject, schemaVersion: number): RecordedEvent {
  const metadata: EventMetadata = { occurredAt: '2023-01-02T03:04:05Z', source: 'pagerduty', schemaVersion };
  return { eventId: 'e1', type, data, metadata, streamId: 'page-pagerduty-P1', streamVersion: 0, globalPosition: 7, recordedAt: '2023-01-02T03:04:06Z' };
}

// A pretend history: in v1 PageAcknowledged named its person `user`; v2 renamed it `by`; v3
// added nothing to this type (other types changed), v4 wrapped `by` in a list. These upcasters
// exist only in this test.
const renameUser = ({ user, ...rest }: JsonObject): JsonObject => (user === undefined ? rest : { ...rest, by: user });
const listBy = ({ by, ...rest }: JsonObject): JsonObject => (by === undefined ? rest : { ...rest, byAll: [by] });

describe('upcastEvent', () => {
  const registry = defineUpcasters([
    { type: 'PageAcknowledged', fromVersion: 1, upcast: renameUser },
    { type: 'PageAcknowledged', fromVersion: 3, upcast: listBy },
  ]);

  it('lifts an old event step by step to the target version, skipping versions without a change', () => {
    const old = stored('PageAcknowledged', { pageId: 'P1', user: { tool: 'pagerduty', id: 'U1' } }, 1);
    const lifted = upcastEvent(old, registry, 4);
    expect(lifted.data).toEqual({ pageId: 'P1', byAll: [{ tool: 'pagerduty', id: 'U1' }] });
    expect(lifted.metadata).toEqual({ ...old.metadata, schemaVersion: 4 });
    expect(lifted.globalPosition).toBe(7);
  });

  it('starts from the event own version', () => {
    const v3 = stored('PageAcknowledged', { pageId: 'P1', by: { tool: 'pagerduty', id: 'U1' } }, 3);
    expect(upcastEvent(v3, registry, 4).data).toEqual({ pageId: 'P1', byAll: [{ tool: 'pagerduty', id: 'U1' }] });
  });

  it('leaves other types untouched but stamps the version', () => {
    const other = stored('PageResolved', { pageId: 'P1', user: 'kept' }, 1);
    const lifted = upcastEvent(other, registry, 2);
    expect(lifted.data).toEqual({ pageId: 'P1', user: 'kept' });
    expect(lifted.metadata.schemaVersion).toBe(2);
  });

  it('returns the very same object for a current event (nothing copied on rebuilds)', () => {
    const current = stored('PageAcknowledged', { pageId: 'P1' }, CURRENT_SCHEMA_VERSION);
    expect(upcastEvent(current, registry)).toBe(current);
  });

  it('refuses an event written by a newer schema than this code reads', () => {
    const future = stored('PageAcknowledged', { pageId: 'P1' }, 5);
    expect(() => upcastEvent(future, registry, 4)).toThrow(
      new ContractError('CONTRACTS_UNSUPPORTED_SCHEMA_VERSION', 'PageAcknowledged has schema version 5; this code reads versions 1 to 4'),
    );
  });

  it('refuses two upcasters for the same step', () => {
    expect(() =>
      defineUpcasters([
        { type: 'PageAcknowledged', fromVersion: 1, upcast: renameUser },
        { type: 'PageAcknowledged', fromVersion: 1, upcast: listBy },
      ]),
    ).toThrow('two upcasters for PageAcknowledged from schema version 1');
  });

  it('ships no upcasters while every schema is at version 1', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
    expect(UPCASTERS.size).toBe(0);
  });
});

describe('readCanonicalEvent', () => {
  it('types a current event without copying it', () => {
    const event = stored('PageResolved', { tool: 'pagerduty', pageId: 'P1', resolvedAt: '2023-01-02T03:04:05Z' }, 1);
    const canonical = readCanonicalEvent(event);
    expect(canonical).toBe(event);
    expect(canonical.type === 'PageResolved' && canonical.data.resolvedAt).toBe('2023-01-02T03:04:05Z');
  });

  // Plays "today's schemas are version 2, the store still holds a version 1 event".
  const toVersion2 = defineUpcasters([{ type: 'PageAcknowledged', fromVersion: 1, upcast: renameUser }]);
  const v1Ack = stored('PageAcknowledged', { tool: 'pagerduty', pageId: 'P1', user: { tool: 'pagerduty', id: 'U1' }, acknowledgedAt: '2023-01-02T04:04:05+01:00' }, 1);

  it('lifts an old event and returns it as canonical data of the current schema', () => {
    const canonical = readCanonicalEvent(v1Ack, toVersion2, 2);
    expect(canonical).toEqual({
      ...v1Ack,
      metadata: { ...v1Ack.metadata, schemaVersion: 2 },
      data: { tool: 'pagerduty', pageId: 'P1', by: { tool: 'pagerduty', id: 'U1' }, acknowledgedAt: '2023-01-02T03:04:05Z' },
    });
  });

  it('refuses what a faulty upcaster produced, naming the field', () => {
    const faulty = defineUpcasters([{ type: 'PageAcknowledged', fromVersion: 1, upcast: (data) => data }]);
    expect(() => readCanonicalEvent(v1Ack, faulty, 2)).toThrow(
      'PageAcknowledged upcasted from schema version 1: PageAcknowledged.user is not a field of PageAcknowledged',
    );
  });

  it('refuses a stored event type the contracts do not know', () => {
    expect(() => readCanonicalEvent(stored('PagerExploded', {}, 1))).toThrow('unknown event type "PagerExploded" at position 7');
  });
});
