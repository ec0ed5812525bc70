import type { TeamKind } from './organization-model';
import { sideOfKinds, type Side } from './side';
import { lastIndexAtOrBefore } from './sorted-search';

/** A membership `[fromMs, toMs)` in epoch milliseconds; an open one ends at +Infinity. */
export interface DatedMembership {
  team: string;
  fromMs: number;
  toMs: number;
}

/** What a timeline needs to know of teams: their (dated) kind. */
export interface TeamKinds {
  kindAt(team: string, atMs: number): TeamKind;
  /** The instants at which the team's kind changed. */
  changesOf(team: string): readonly number[];
}

const NO_TEAMS: readonly string[] = Object.freeze([]);

/**
 * One person's teams and side cut into segments at every instant where either changes (a
 * membership starts or ends, one of their teams changes kind), so that an as-of query is a
 * binary search and two array reads, with no allocation.
 */
export class MembershipTimeline {
  static readonly EMPTY = new MembershipTimeline(new Float64Array(0), [], []);

  private constructor(
    private readonly segmentStarts: Float64Array,
    private readonly segmentSides: readonly Side[],
    private readonly segmentTeams: readonly (readonly string[])[],
  ) {}

  static of(memberships: readonly DatedMembership[], teamKinds: TeamKinds): MembershipTimeline {
    const live = memberships.filter((membership) => membership.fromMs < membership.toMs);
    const boundaries = live.flatMap((membership) => [
      membership.fromMs,
      membership.toMs,
      ...teamKinds.changesOf(membership.team).filter((change) => membership.fromMs < change && change < membership.toMs),
    ]);
    const starts = [...new Set(boundaries)].filter(Number.isFinite).sort((a, b) => a - b);
    const teams = starts.map((start) => {
      const current = live.filter((membership) => membership.fromMs <= start && start < membership.toMs);
      return Object.freeze([...new Set(current.map((membership) => membership.team))].sort());
    });
    const sides = teams.map((segment, index) => sideOfKinds(segment.map((team) => teamKinds.kindAt(team, starts[index]))));
    return new MembershipTimeline(Float64Array.from(starts), sides, teams);
  }

  sideAt(atMs: number): Side {
    const segment = lastIndexAtOrBefore(this.segmentStarts, atMs);
    return segment < 0 ? 'none' : this.segmentSides[segment];
  }

  teamsAt(atMs: number): readonly string[] {
    const segment = lastIndexAtOrBefore(this.segmentStarts, atMs);
    return segment < 0 ? NO_TEAMS : this.segmentTeams[segment];
  }
}
