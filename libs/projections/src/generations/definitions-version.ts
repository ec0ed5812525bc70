import { KPI_DEFINITIONS, KPI_IDS, latestVersion, type KpiId } from '@tandem/metrics';
import { ProjectionError } from '../store/projection-store';

/** The newest definitions version any KPI has: what a generation computes unless told otherwise. */
export const LATEST_DEFINITIONS_VERSION = Math.max(...KPI_IDS.map((id) => latestVersion(id)));

/**
 * The definitions of version N: for each KPI, its highest version not above N (a KPI unchanged
 * since version 1 is still computed by its version 1 under "definitions v3"). Every value still
 * names its own version.
 */
export function definitionVersions(version: number): Record<KpiId, number> {
  requireDefinitionsVersion(version);
  const versions = {} as Record<KpiId, number>;
  for (const id of KPI_IDS) {
    const known = Object.keys(KPI_DEFINITIONS[id])
      .map(Number)
      .filter((candidate) => candidate <= version);
    versions[id] = Math.max(...known);
  }
  return versions;
}

/** `v2`, `2` → 2; a version no KPI has is refused with the versions there are. */
export function parseDefinitionsVersion(text: string): number {
  const match = /^v?(\d+)$/i.exec(text.trim());
  const version = match ? Number(match[1]) : Number.NaN;
  requireDefinitionsVersion(version, text);
  return version;
}

function requireDefinitionsVersion(version: number, asGiven: string = String(version)): void {
  if (!Number.isSafeInteger(version) || version < 1 || version > LATEST_DEFINITIONS_VERSION) {
    throw new ProjectionError('PROJECTION_UNKNOWN_DEFINITIONS', `definitions version must be v1 … v${LATEST_DEFINITIONS_VERSION}; got "${asGiven}"`);
  }
}
