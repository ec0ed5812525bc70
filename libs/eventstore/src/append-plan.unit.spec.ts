import type { NewEvent } from '@tandem/contracts';
import { planAppend, type AppendState } from './append-plan';
import { EventIdInOtherStreamError, WrongExpectedVersionError } from './errors';

const event = (eventId: string): NewEvent => ({
  eventId,
  type: 'TestHappened',
  data: {},
  metadata: { occurredAt: '2024-01-01T00:00:00.000Z', source: 'test', schemaVersion: 1 },
});

const emptyStream: AppendState = { streamId: 's', currentVersion: -1, lastGlobalPosition: 0, stored: [] };
const streamAtVersion1: AppendState = { streamId: 's', currentVersion: 1, lastGlobalPosition: 42, stored: [] };

describe('planAppend', () => {
  it('numbers fresh events after the current version', () => {
    const plan = planAppend(streamAtVersion1, [event('a'), event('b')], 1);

    expect(plan).toEqual({ kind: 'append', events: [event('a'), event('b')], firstVersion: 2, nextExpectedVersion: 3 });
  });

  it('keeps the first of ids repeated inside the batch', () => {
    const plan = planAppend(emptyStream, [event('a'), event('b'), event('a')], 'no_stream');

    expect(plan).toEqual({ kind: 'append', events: [event('a'), event('b')], firstVersion: 0, nextExpectedVersion: 1 });
  });

  it('answers a full replay with the stored positions, without checking the version', () => {
    const state: AppendState = {
      ...streamAtVersion1,
      stored: [
        { eventId: 'a', streamId: 's', streamVersion: 0, globalPosition: 40 },
        { eventId: 'b', streamId: 's', streamVersion: 1, globalPosition: 42 },
      ],
    };

    expect(planAppend(state, [event('a'), event('b')], 'no_stream')).toEqual({
      kind: 'already-stored',
      result: { nextExpectedVersion: 1, lastGlobalPosition: 42 },
    });
  });

  it('refuses an event id already stored in another stream', () => {
    const state: AppendState = {
      ...emptyStream,
      stored: [{ eventId: 'a', streamId: 'other', streamVersion: 0, globalPosition: 7 }],
    };

    expect(() => planAppend(state, [event('a')], 'any')).toThrow(EventIdInOtherStreamError);
  });

  it('checks the expected version of an empty batch and answers with the stream as it is', () => {
    expect(planAppend(streamAtVersion1, [], 1)).toEqual({
      kind: 'nothing-to-append',
      result: { nextExpectedVersion: 1, lastGlobalPosition: 42 },
    });
    expect(() => planAppend(emptyStream, [], 0)).toThrow(WrongExpectedVersionError);
  });
});
