const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const;

export const DURATION_PATTERN = /^(\d+)(s|m|h|d|w)$/;

/** Seconds in a duration written as `30m`, `24h`, `7d` or `2w`; undefined if it is not one. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * SECONDS_PER_UNIT[match[2] as keyof typeof SECONDS_PER_UNIT];
}
