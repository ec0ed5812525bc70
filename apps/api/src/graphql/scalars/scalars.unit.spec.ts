import { Kind } from 'graphql';
import { DateTimeScalar, parseInstant } from './date-time.scalar';
import { DurationScalar, formatDurationSeconds, parseDurationSeconds } from './duration.scalar';

describe('DateTime', () => {
  it('reads RFC 3339 date-times with an offset and writes UTC with milliseconds', () => {
    expect(DateTimeScalar.parseValue('2026-03-01T09:30:00+01:00')).toEqual(new Date('2026-03-01T08:30:00.000Z'));
    expect(DateTimeScalar.parseValue('2026-03-01T08:30:00.123456Z')).toEqual(new Date('2026-03-01T08:30:00.123Z'));
    expect(DateTimeScalar.serialize(new Date('2026-03-01T08:30:00Z'))).toBe('2026-03-01T08:30:00.000Z');
    expect(DateTimeScalar.serialize('2026-03-01T09:30:00+01:00')).toBe('2026-03-01T08:30:00.000Z');
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-03-01T08:30:00Z' })).toEqual(new Date('2026-03-01T08:30:00Z'));
  });

  it.each(['2026-03-01', '2026-03-01T08:30:00', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T08:30:00+25:00', 'yesterday', ''])(
    'refuses %j as BAD_USER_INPUT',
    (text) => {
      expect(parseInstant(text)).toBeUndefined();
      expect(() => DateTimeScalar.parseValue(text)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    },
  );

  it('refuses what is not a string', () => {
    expect(() => DateTimeScalar.parseValue(1_700_000_000_000)).toThrow(/RFC 3339/);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow(/string/);
    expect(() => DateTimeScalar.serialize({})).toThrow(/cannot represent/);
  });
});

describe('Duration', () => {
  it.each([
    ['PT0S', 0],
    ['PT1H30M', 5_400],
    ['P2DT4H', 187_200],
    ['P1W', 604_800],
    ['PT0.5S', 0.5],
    ['-PT5S', -5],
    ['P1DT1H1M1.25S', 90_061.25],
  ])('reads %s as %d seconds and writes it back', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
    expect(DurationScalar.parseValue(text)).toBe(seconds);
    expect(parseDurationSeconds(formatDurationSeconds(seconds))).toBe(seconds);
  });

  it('writes the canonical form', () => {
    expect(DurationScalar.serialize(604_800)).toBe('P7D');
    expect(DurationScalar.serialize(3_600.5)).toBe('PT1H0.5S');
    expect(DurationScalar.serialize(0)).toBe('PT0S');
    expect(DurationScalar.serialize(-90)).toBe('-PT1M30S');
  });

  it.each(['P1Y', 'P1M', 'PT', 'P', '1H', 'PT1.5M', 'PT1.2345S', 'P1W2D', ''])('refuses %j as BAD_USER_INPUT', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
    expect(() => DurationScalar.parseValue(text)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
});
