import type { NewEvent } from '@tandem/contracts';
import { planAppendMany } from './append-many-plan';
import { EventIdInOtherStreamError, WrongExpectedVersionError } from './errors';

const event = (eventId: string): NewEvent => ({
  eventId,
  type: 'TestHappened',
  data: {},
  metadata: { occurredAt: '2024-01-01T00:00:00.000Z', source: 'test', schemaVersion: 1 },
});

describe('planAppendMany', () => {
  it('numbers each stream from its own end and gives positions after the head, in entry order', () => {
    const state = { head: 10, streamEnds: [{ streamId: 'b', version: 3, globalPosition: 9 }], stored: [] };

    const plan = planAppendMany(state, [
      { streamId: 'a', events: [event('a1'), event('a2')], expectedVersion: 'no_stream' },
      { streamId: 'b', events: [event('b1')], expectedVersion: 3 },
    ]);

    expect(plan.rows.map((row) => [row.globalPosition, row.streamId, row.streamVersion, row.event.eventId])).toEqual([
      [11, 'a', 0, 'a1'],
      [12, 'a', 1, 'a2'],
      [13, 'b', 4, 'b1'],
    ]);
    expect(plan.results).toEqual([
      { nextExpectedVersion: 1, lastGlobalPosition: 12, appendedCount: 2 },
      { nextExpectedVersion: 4, lastGlobalPosition: 13, appendedCount: 1 },
    ]);
  });

  it('lets a later entry of the same stream see what the earlier ones append, including their ids', () => {
    const plan = planAppendMany({ head: 0, streamEnds: [], stored: [] }, [
      { streamId: 's', events: [event('e1')] },
      { streamId: 's', events: [event('e1'), event('e2')], expectedVersion: 0 },
    ]);

    expect(plan.rows.map((row) => [row.event.eventId, row.streamVersion])).toEqual([
      ['e1', 0],
      ['e2', 1],
    ]);
    expect(plan.results[1]).toEqual({ nextExpectedVersion: 1, lastGlobalPosition: 2, appendedCount: 1 });
  });

  it('answers a stored entry with its stored positions and writes nothing for it', () => {
    const stored = [{ eventId: 'e1', streamId: 's', streamVersion: 0, globalPosition: 5 }];

    const plan = planAppendMany({ head: 7, streamEnds: [{ streamId: 's', version: 0, globalPosition: 5 }], stored }, [
      { streamId: 's', events: [event('e1')], expectedVersion: 'no_stream' },
    ]);

    expect(plan).toEqual({ rows: [], results: [{ nextExpectedVersion: 0, lastGlobalPosition: 5, appendedCount: 0 }] });
  });

  it('throws for the first entry that breaks a rule', () => {
    expect(() =>
      planAppendMany({ head: 0, streamEnds: [], stored: [] }, [
        { streamId: 'a', events: [event('x')] },
        { streamId: 'b', events: [event('x')] },
      ]),
    ).toThrow(EventIdInOtherStreamError);
    expect(() => planAppendMany({ head: 0, streamEnds: [], stored: [] }, [{ streamId: 'a', events: [event('y')], expectedVersion: 2 }])).toThrow(
      WrongExpectedVersionError,
    );
  });
});
