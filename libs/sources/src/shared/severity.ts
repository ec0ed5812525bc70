import type { SeverityJson } from '@tandem/contracts';

/**
 * Normalized severity (metrics.md): SEV1 is the worst, SEV5 the mildest. Each tool maps its own
 * scale onto these five levels; the helpers here are the pieces several tools share.
 */
const SEVERITY_BY_LEVEL: readonly SeverityJson[] = ['SEVERITY_SEV1', 'SEVERITY_SEV2', 'SEVERITY_SEV3', 'SEVERITY_SEV4', 'SEVERITY_SEV5'];

/** Level 1..5 to SEV1..SEV5; a level outside the scale is clamped to its nearest end. */
export function severityOfLevel(level: number): SeverityJson {
  const clamped = Math.min(5, Math.max(1, Math.round(level)));
  return SEVERITY_BY_LEVEL[clamped - 1];
}

/**
 * A priority label `P1`..`P5` (PagerDuty, Opsgenie) as SEV1..SEV5 (metrics.md); any other label
 * is not a priority Tandem can read, so `undefined`.
 */
export function severityOfPriorityLabel(label: string): SeverityJson | undefined {
  const match = /^P([1-5])$/i.exec(label.trim());
  return match ? severityOfLevel(Number(match[1])) : undefined;
}
