import { acmeDirectory, applyYaml } from '../../test/acme-organization';
import { Directory } from './directory';
import { shiftToRanges } from './working-hours';
import { fileDateToInstant } from '../organization-file/file-dates';

describe('working hours', () => {
  const directory = acmeDirectory();

  it('follows Berlin across the start of summer time', () => {
    // Friday 27 March 2026 is still CET (UTC+1); Monday 30 March is CEST (UTC+2).
    expect(directory.isWithinWorkingHours('alice', '2026-03-27T07:30:00Z')).toBe(false);
    expect(directory.isWithinWorkingHours('alice', '2026-03-27T08:30:00Z')).toBe(true);
    expect(directory.isWithinWorkingHours('alice', '2026-03-30T07:30:00Z')).toBe(true);
    expect(directory.isWithinWorkingHours('alice', '2026-03-30T16:00:00Z')).toBe(false);
  });

  it('reads each person on their own clock: New York, before and after its DST change', () => {
    // carol works 08:00–16:00 in New York; EST (UTC−5) until 8 March 2026, then EDT (UTC−4).
    expect(directory.isWithinWorkingHours('carol', '2026-03-02T12:59:00Z')).toBe(false);
    expect(directory.isWithinWorkingHours('carol', '2026-03-02T13:00:00Z')).toBe(true);
    expect(directory.isWithinWorkingHours('carol', '2026-03-09T12:00:00Z')).toBe(true);
    expect(directory.isWithinWorkingHours('carol', '2026-03-09T19:59:00Z')).toBe(true);
    expect(directory.isWithinWorkingHours('carol', '2026-03-09T20:00:00Z')).toBe(false);
  });

  it('falls back to the organisation default (Mon–Fri 09:00–18:00 in its zone)', () => {
    expect(directory.workingHours('dave').timezone).toBe('Europe/Berlin');
    expect(directory.isWithinWorkingHours('dave', '2026-02-02T10:00:00Z')).toBe(true);
    expect(directory.isWithinWorkingHours('dave', '2026-02-07T10:00:00Z')).toBe(false);
  });

  it("uses a team's hours for members without their own, overnight shifts included", () => {
    const { directory: withNoc } = applyYaml(
      Directory.empty(),
      `organization: { name: Acme, timezone: Europe/Paris }
teams:
  - { slug: noc, name: NOC, kind: ops, workingHours: { days: [fri], start: "22:00", end: "06:00" } }
people:
  - { id: zoe, name: Zoe, memberships: [ { team: noc, from: 2026-01-01 } ] }
`,
      '2026-01-01T00:00:00.000Z',
    );
    // Friday 6 February 2026, Paris is UTC+1.
    expect(withNoc.isWithinWorkingHours('zoe', '2026-02-06T20:59:00Z')).toBe(false);
    expect(withNoc.isWithinWorkingHours('zoe', '2026-02-06T22:00:00Z')).toBe(true);
    expect(withNoc.isWithinWorkingHours('zoe', '2026-02-07T04:59:00Z')).toBe(true);
    expect(withNoc.isWithinWorkingHours('zoe', '2026-02-07T05:00:00Z')).toBe(false);
    // Without an instant there is no team to take hours from.
    expect(withNoc.workingHours('zoe').ranges).toHaveLength(5);
  });

  it('splits a shift that runs past midnight into two ranges', () => {
    expect(shiftToRanges(['sun'], '20:00', '04:00')).toEqual([
      { day: 'sun', startMinute: 1200, endMinute: 1440 },
      { day: 'mon', startMinute: 0, endMinute: 240 },
    ]);
    expect(shiftToRanges(['mon'], '18:00', '00:00')).toEqual([{ day: 'mon', startMinute: 1080, endMinute: 1440 }]);
  });

  it('turns a file date into local midnight, on either side of a DST change', () => {
    expect(fileDateToInstant('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(fileDateToInstant('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
    expect(fileDateToInstant('2026-11-02', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
    expect(fileDateToInstant('2026-03-01T10:00:00+02:00', 'UTC')).toBe('2026-03-01T08:00:00.000Z');
  });
});
