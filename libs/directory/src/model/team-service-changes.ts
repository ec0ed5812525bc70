import type { EventDataMap } from '@tandem/contracts';
import { withPeriod } from './dated-periods';
import type { DirectoryDraft } from './directory-draft';
import type { OwnershipPeriod, TeamKindPeriod, TeamRecord } from './directory-state';
import { rangesFromJson, serviceFromJson, teamKindFromJson } from './event-codecs';
import { updatePerson } from './person-changes';

/** A team's kind is dated like a membership: a re-org does not rewrite which side history was on. */
export function defineTeam(draft: DirectoryDraft, data: EventDataMap['TeamDefined'], occurredAt: string): void {
  if (!data.slug) return;
  const existing = draft.team(data.slug);
  const kind = teamKindFromJson(data.kind);
  const period: TeamKindPeriod = { since: occurredAt, kind };
  const team: TeamRecord = {
    slug: data.slug,
    name: data.name ?? data.slug,
    kind,
    kindHistory: withPeriod(existing?.kindHistory ?? [], period, (a, b) => a.kind === b.kind),
    parentSlug: data.parentSlug ?? null,
    workingHours: existing?.workingHours ?? null,
    retiredAt: null,
  };
  draft.writableTeams().set(data.slug, team);
}

export function retireTeam(draft: DirectoryDraft, data: EventDataMap['TeamRetired'], occurredAt: string): void {
  const team = data.slug ? draft.team(data.slug) : undefined;
  if (team) draft.writableTeams().set(team.slug, { ...team, retiredAt: data.retiredAt ?? occurredAt });
}

/** Ownership is dated: incidents are attributed to whoever owned the service when they happened. */
export function defineService(draft: DirectoryDraft, data: EventDataMap['ServiceDefined'], occurredAt: string): void {
  if (!data.slug || !data.ownedBy) return;
  const { ownedBy, operatedBy, ...service } = serviceFromJson(data);
  const period: OwnershipPeriod = { since: occurredAt, ownedBy, operatedBy };
  const ownership = withPeriod(draft.service(data.slug)?.ownership ?? [], period, (a, b) => a.ownedBy === b.ownedBy && a.operatedBy === b.operatedBy);
  draft.writableServices().set(data.slug, { ...service, ownership, retiredAt: null });
}

export function retireService(draft: DirectoryDraft, data: EventDataMap['ServiceRetired'], occurredAt: string): void {
  const service = data.slug ? draft.service(data.slug) : undefined;
  if (service) draft.writableServices().set(service.slug, { ...service, retiredAt: data.retiredAt ?? occurredAt });
}

/** An empty list of hours clears them: the person (or team) falls back to the next default. */
export function setWorkingHours(draft: DirectoryDraft, data: EventDataMap['WorkingHoursSet']): void {
  const ranges = rangesFromJson(data.hours);
  const workingHours = ranges.length > 0 && data.timeZone ? { timezone: data.timeZone, ranges } : null;
  if (data.personId) {
    updatePerson(draft, data.personId, (person) => ({ ...person, workingHours }));
    return;
  }
  const team = data.teamSlug ? draft.team(data.teamSlug) : undefined;
  if (team) draft.writableTeams().set(team.slug, { ...team, workingHours });
}
