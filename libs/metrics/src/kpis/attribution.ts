import { isDevSide, isOpsSide, type Directory, type Side } from '@tandem/directory';
import type { Millis } from '../shared/millis';

/**
 * Team attribution as of an instant (metrics.md): an item reaches the owning and the operating
 * team of its services, a person's act the teams the person was in then. Each team once.
 */
export class Attribution {
  constructor(private readonly directory: Directory) {}

  serviceTeams(services: readonly (string | null)[], at: Millis | null): string[] {
    if (at === null) return [];
    const teams = new Set<string>();
    for (const service of services) {
      if (service === null) continue;
      const owner = this.directory.owningTeam(service, at);
      const operator = this.directory.operatingTeam(service, at);
      if (owner) teams.add(owner);
      if (operator) teams.add(operator);
    }
    return [...teams];
  }

  personTeams(personId: string | null, at: Millis | null): readonly string[] {
    return personId === null || at === null ? [] : this.directory.teamsOf(personId, at);
  }

  sideOf(personId: string | null, at: Millis | null): Side {
    return personId === null || at === null ? 'none' : this.directory.sideOf(personId, at);
  }

  isDev(personId: string | null, at: Millis | null): boolean {
    return isDevSide(this.sideOf(personId, at));
  }
}

/** Every team of the lists, once. */
export function unionOf(...lists: (readonly string[])[]): string[] {
  // Called per sample on lists of a few teams: a linear scan allocates less than a Set and flat().
  const union: string[] = [];
  for (const list of lists) {
    for (const team of list) if (!union.includes(team)) union.push(team);
  }
  return union;
}

/** Whether two people's sides face each other: Dev and Ops, in either direction (someone in both counts on both). */
export function acrossSides(first: Side, second: Side): boolean {
  return (isDevSide(first) && isOpsSide(second)) || (isOpsSide(first) && isDevSide(second));
}
