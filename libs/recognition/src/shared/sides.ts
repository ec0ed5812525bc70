import { isDevSide, isOpsSide, sideOfKind, type Directory, type Side } from '@tandem/directory';

/** Whether two people's sides face each other: Dev and Ops, either way (someone in both counts on both). */
export function acrossSides(first: Side, second: Side): boolean {
  return (isDevSide(first) && isOpsSide(second)) || (isOpsSide(first) && isDevSide(second));
}

/**
 * The side of a team at an instant, from its dated kinds (a team's kind can change; history keeps
 * the kind it had then). The directory answers this for people but exposes no per-team query, so
 * this reads the team record's `kindHistory` (sorted by `since`; the first period also covers before).
 */
export function teamSideAt(directory: Directory, slug: string, atMs: number): 'dev' | 'ops' | 'other' | null {
  const team = directory.team(slug);
  if (!team) return null;
  let kind = team.kindHistory[0]?.kind ?? team.kind;
  for (const period of team.kindHistory) {
    if (Date.parse(period.since) <= atMs) kind = period.kind;
    else break;
  }
  return sideOfKind(kind);
}
