import type { Directory } from '@tandem/directory';
import type { Millis } from './millis';
import { memoizedPer } from './memoized-per';

/**
 * Team sizes at the last instant asked, per directory (immutable): every scope of a batch asks
 * the sizes at the same window's last instant (a snapshot asks 51 scopes of each of 52 windows),
 * and counting a team's members at an instant filters all its memberships.
 */
const lastTeamSizes = memoizedPer((_directory: Directory) => ({ at: Number.NaN, sizes: new Map<string, number>() }));

export function teamSizeAt(directory: Directory, team: string, at: Millis): number {
  const remembered = lastTeamSizes(directory);
  if (remembered.at !== at) {
    remembered.at = at;
    remembered.sizes.clear();
  }
  let size = remembered.sizes.get(team);
  if (size === undefined) remembered.sizes.set(team, (size = directory.teamSize(team, at)));
  return size;
}
