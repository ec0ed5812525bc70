/** Decimal places every exported number is rounded to: a microsecond, or a millionth of a ratio. */
export const EXPORT_DECIMALS = 6;
const SCALE = 10 ** EXPORT_DECIMALS;

/**
 * A KPI number as snapshots and reports carry it: rounded to `EXPORT_DECIMALS` places, so the last
 * bits of a floating-point median or mean never decide a file's bytes, and -0 made 0.
 */
export function fixedNumber(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`a KPI number must be finite, got ${value}`);
  const rounded = Math.round(value * SCALE) / SCALE;
  return rounded === 0 ? 0 : rounded;
}

export function fixedOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : fixedNumber(value);
}
