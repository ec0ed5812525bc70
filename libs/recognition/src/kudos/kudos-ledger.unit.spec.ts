import type { KudosGivenJson } from '@tandem/contracts';
import { calendarDayOf, KudosLedger } from '@tandem/recognition';
import { deliveredTwiceShuffled } from '../testing/recognition-events';

const kudos = (kudosId: string, givenAt: string): KudosGivenJson => ({ kudosId, fromPersonId: 'megan', toPersonIds: ['bob'], givenAt, via: 'api' });

describe('KudosLedger', () => {
  it('records each kudos once and lists a giver\'s kudos by time then id, whatever the arrival order', () => {
    const given = [kudos('b', '2026-02-02T10:00:00Z'), kudos('a', '2026-02-02T10:00:00Z'), kudos('c', '2026-02-01T10:00:00Z')];
    const ledger = new KudosLedger();
    for (const each of deliveredTwiceShuffled(given)) ledger.record(each);
    expect(ledger.kudosBy('megan').map((each) => each.kudosId)).toEqual(['c', 'a', 'b']);
    expect(ledger.kudosBy('bob')).toEqual([]);
  });
});

describe('calendarDayOf', () => {
  it("is the organisation's local day, 23 hours long when the clocks go forward", () => {
    expect(calendarDayOf(Date.parse('2024-03-31T12:00:00Z'), 'Europe/Berlin')).toEqual({ startMs: Date.parse('2024-03-30T23:00:00Z'), endMs: Date.parse('2024-03-31T22:00:00Z') });
    expect(calendarDayOf(Date.parse('2024-06-23T22:30:00Z'), 'Europe/Berlin').startMs).toBe(Date.parse('2024-06-23T22:00:00Z'));
  });
});
