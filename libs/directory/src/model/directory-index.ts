import { PeriodTimeline } from './dated-periods';
import type { DirectoryState, OwnershipPeriod, PersonRecord, TeamKindPeriod, TeamRecord } from './directory-state';
import { normalizeRepo } from './identity-keys';
import { MembershipTimeline, type DatedMembership, type TeamKinds } from './membership-timeline';
import type { ExternalRef, TeamKind } from './organization-model';

export interface TeamMember extends DatedMembership {
  personId: string;
}

function addTo<Key, Value>(index: Map<Key, Value[]>, key: Key, value: Value): void {
  const values = index.get(key);
  if (values) values.push(value);
  else index.set(key, [value]);
}

/** Service look-ups by a vendor's id: tool → id → service slug. */
class RefIndex {
  private readonly byTool = new Map<string, Map<string, string>>();

  add(ref: ExternalRef, service: string): void {
    let ids = this.byTool.get(ref.tool);
    if (!ids) this.byTool.set(ref.tool, (ids = new Map()));
    ids.set(ref.id, service);
  }

  get(tool: string, id: string): string | undefined {
    return this.byTool.get(tool)?.get(id);
  }
}

class DatedTeamKinds implements TeamKinds {
  private readonly timelines = new Map<string, PeriodTimeline<TeamKindPeriod>>();

  constructor(teams: Iterable<TeamRecord>) {
    for (const team of teams) this.timelines.set(team.slug, new PeriodTimeline(team.kindHistory));
  }

  kindAt(team: string, atMs: number): TeamKind {
    return this.timelines.get(team)?.at(atMs)?.kind ?? 'other';
  }

  changesOf(team: string): readonly number[] {
    return [...(this.timelines.get(team)?.startsMs.subarray(1) ?? [])];
  }
}

/** A retired team has no members from its retirement on. */
function datedMemberships(person: PersonRecord, teams: ReadonlyMap<string, TeamRecord>): DatedMembership[] {
  return person.memberships.map((membership) => {
    const retiredAt = teams.get(membership.team)?.retiredAt;
    const toMs = membership.to === null ? Number.POSITIVE_INFINITY : Date.parse(membership.to);
    return { team: membership.team, fromMs: Date.parse(membership.from), toMs: retiredAt ? Math.min(toMs, Date.parse(retiredAt)) : toMs };
  });
}

/** The look-up structures of one directory state, built once, by the first query that needs them. */
export class DirectoryIndex {
  readonly timelines = new Map<string, MembershipTimeline>();
  readonly teamMembers = new Map<string, TeamMember[]>();
  readonly serviceByRepo = new Map<string, string>();
  readonly serviceByPagingService = new RefIndex();
  readonly serviceByIncidentService = new RefIndex();
  readonly serviceByChannel = new RefIndex();
  readonly ownership = new Map<string, PeriodTimeline<OwnershipPeriod>>();
  /** Every instant at which some as-of answer changes (see `Directory.nextChangeAfter`), ascending, once each. */
  readonly changeInstants: Float64Array;

  constructor(state: DirectoryState) {
    const teamKinds = new DatedTeamKinds(state.teams.values());
    const changes: number[] = [];
    for (const person of state.people.values()) {
      // Bots never count as people: no side, no team, not in any team's size.
      if (person.bot) continue;
      const memberships = datedMemberships(person, state.teams);
      this.timelines.set(person.id, MembershipTimeline.of(memberships, teamKinds));
      for (const membership of memberships) {
        addTo(this.teamMembers, membership.team, { ...membership, personId: person.id });
        changes.push(membership.fromMs, membership.toMs);
      }
    }
    for (const team of state.teams.values()) changes.push(...teamKinds.changesOf(team.slug));
    for (const service of state.services.values()) {
      for (const repo of service.repositories) this.serviceByRepo.set(normalizeRepo(repo.id), service.slug);
      for (const ref of service.pagingServices) this.serviceByPagingService.add(ref, service.slug);
      for (const ref of service.incidentServices) this.serviceByIncidentService.add(ref, service.slug);
      for (const ref of service.channels) this.serviceByChannel.add(ref, service.slug);
      const ownership = new PeriodTimeline(service.ownership);
      this.ownership.set(service.slug, ownership);
      changes.push(...ownership.startsMs.subarray(1));
    }
    this.changeInstants = Float64Array.from(new Set(changes.filter(Number.isFinite))).sort();
  }
}
