import type { SeverityJson } from '@tandem/contracts';
import type { Severity } from '@tandem/directory';

/** Normalized severity as a number: 1 (SEV1, the worst) … 5. "At or above SEV3" is `level <= 3`. */
export type SeverityLevel = 1 | 2 | 3 | 4 | 5;

const LEVEL_OF_JSON: Readonly<Record<SeverityJson, SeverityLevel | null>> = {
  SEVERITY_UNSPECIFIED: null,
  SEVERITY_SEV1: 1,
  SEVERITY_SEV2: 2,
  SEVERITY_SEV3: 3,
  SEVERITY_SEV4: 4,
  SEVERITY_SEV5: 5,
};

const LEVEL_OF_NAME: Readonly<Record<Severity, SeverityLevel>> = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4, SEV5: 5 };

/** The level of an event's severity; null when unset or UNSPECIFIED (unknown). */
export function severityLevel(severity: SeverityJson | undefined): SeverityLevel | null {
  return severity === undefined ? null : LEVEL_OF_JSON[severity];
}

export function levelOfSeverityName(name: Severity): SeverityLevel {
  return LEVEL_OF_NAME[name];
}

/** The worse of two severities (the lower level); unknown loses to any known one. */
export function worseSeverity(a: SeverityLevel | null, b: SeverityLevel | null): SeverityLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** An unknown severity is never "at or above" a threshold. */
export function isAtOrAbove(level: SeverityLevel | null, threshold: SeverityLevel): boolean {
  return level !== null && level <= threshold;
}

export function severityName(level: SeverityLevel | null): Severity | null {
  return level === null ? null : (`SEV${level}` as Severity);
}
