import { millisOf } from './millis';

describe('millisOf', () => {
  it('reads instants exactly as Date.parse does', () => {
    const instants = ['2026-02-02T10:00:00Z', '2026-02-02T10:00:00.5Z', '2026-02-02T10:00:00.123Z', '2026-02-02T10:00:00.123456789Z', '2024-02-29T23:59:59.999Z', '1999-12-31T00:00:00Z'];
    for (const instant of instants) expect(millisOf(instant)).toBe(Date.parse(instant));
  });

  it('falls back to Date.parse for other formats, and gives null for what is not a date', () => {
    expect(millisOf('2026-02-02T12:00:00+02:00')).toBe(Date.parse('2026-02-02T10:00:00Z'));
    expect(millisOf('2026-13-02T10:00:00Z')).toBeNull();
    expect(millisOf('not a date')).toBeNull();
    expect(millisOf(undefined)).toBeNull();
  });
});
