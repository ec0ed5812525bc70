import { retryAfterMs } from './retry-after';

describe('retryAfterMs', () => {
  it('reads seconds, as Slack and Microsoft send them', () => {
    expect(retryAfterMs('30')).toBe(30_000);
    expect(retryAfterMs(' 1.5 ')).toBe(1_500);
    expect(retryAfterMs('0')).toBe(0);
  });

  it('reads an HTTP date as the time left until then, never negative', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(retryAfterMs('Mon, 30 Nov 2026 10:00:45 GMT', now)).toBe(45_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('is undefined when absent or unreadable, so the caller uses its own backoff', () => {
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('-5')).toBeUndefined();
  });
});
