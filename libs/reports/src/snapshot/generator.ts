/**
 * What every snapshot names as its producer. A constant, not read from package.json at run time:
 * the core does no I/O, and a snapshot must not change bytes because of where it was run from.
 * A unit test keeps it equal to package.json's version.
 */
export const SNAPSHOT_GENERATOR = { name: 'tandem', version: '0.1.0' } as const;
