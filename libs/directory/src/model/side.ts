import type { TeamKind } from './organization-model';

/**
 * Which side of the Dev ↔ Ops divide a person is on at an instant (metrics.md): `dev` for Dev
 * teams, `ops` for ops, sre and platform teams, `both` for someone in teams of both sides at
 * once, `other` for someone only in `other` teams, `none` for no team (or a bot).
 */
export type Side = 'dev' | 'ops' | 'both' | 'other' | 'none';

const DEV = 1;
const OPS = 2;
const OTHER = 4;

const KIND_BITS: Readonly<Record<TeamKind, number>> = { dev: DEV, ops: OPS, sre: OPS, platform: OPS, other: OTHER };

/** The side of one team: a team is never on both sides. */
export function sideOfKind(kind: TeamKind): 'dev' | 'ops' | 'other' {
  const bits = KIND_BITS[kind];
  return bits === DEV ? 'dev' : bits === OPS ? 'ops' : 'other';
}

/** The side of someone who is, at one instant, in teams of these kinds. */
export function sideOfKinds(kinds: Iterable<TeamKind>): Side {
  let bits = 0;
  for (const kind of kinds) bits |= KIND_BITS[kind];
  if (bits & DEV && bits & OPS) return 'both';
  if (bits & DEV) return 'dev';
  if (bits & OPS) return 'ops';
  return bits & OTHER ? 'other' : 'none';
}

export function isDevSide(side: Side): boolean {
  return side === 'dev' || side === 'both';
}

export function isOpsSide(side: Side): boolean {
  return side === 'ops' || side === 'both';
}
