import { KPI_IDS } from '@tandem/metrics';
import { definitionVersions, LATEST_DEFINITIONS_VERSION, parseDefinitionsVersion } from './definitions-version';

describe('definitions versions', () => {
  it('reads `vN` and `N`, and refuses versions no KPI has', () => {
    expect(parseDefinitionsVersion('v1')).toBe(1);
    expect(parseDefinitionsVersion(' 1 ')).toBe(1);
    for (const bad of ['v0', `v${LATEST_DEFINITIONS_VERSION + 1}`, 'latest', '1.5']) {
      expect(() => parseDefinitionsVersion(bad)).toThrow(expect.objectContaining({ code: 'PROJECTION_UNKNOWN_DEFINITIONS' }));
    }
  });

  it('gives every KPI its highest version not above the one asked', () => {
    const versions = definitionVersions(1);
    expect(Object.keys(versions).sort()).toEqual([...KPI_IDS].sort());
    expect(new Set(Object.values(versions))).toEqual(new Set([1]));
  });
});
