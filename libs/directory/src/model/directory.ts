import { resolveSettings } from './default-settings';
import type { DirectoryEvent } from './directory-events';
import { DirectoryIndex } from './directory-index';
import { EMPTY_DIRECTORY_STATE, type DirectoryState, type PersonRecord, type ServiceRecord, type TeamRecord } from './directory-state';
import { applyDirectoryEvents } from './evolve-directory';
import { normalizeEmail, normalizeExternalId, normalizeRepo } from './identity-keys';
import { toEpochMs, type Instant } from './instant';
import { MembershipTimeline } from './membership-timeline';
import { lastIndexAtOrBefore } from './sorted-search';
import { GIT_EMAIL_TOOL, type OrganizationSettings, type WorkingHours } from './organization-model';
import type { Side } from './side';
import { isWithinHours } from './working-hours';

const UNCONFIGURED_SETTINGS = resolveSettings({ name: '', kpis: {}, recognition: {} });

/**
 * The organisation as of the events folded so far, with as-of queries: who was in which team and
 * on which side at an instant, who owned a service then, whose identity an id is.
 *
 * Immutable: `apply` returns a new directory. The look-up index is built by the first query.
 */
export class Directory {
  private index?: DirectoryIndex;
  private resolvedSettings?: OrganizationSettings;

  constructor(readonly state: DirectoryState = EMPTY_DIRECTORY_STATE) {}

  static empty(): Directory {
    return new Directory();
  }

  apply(events: readonly DirectoryEvent[]): Directory {
    return events.length === 0 ? this : new Directory(applyDirectoryEvents(this.state, events));
  }

  /** The settings with every default filled in (all defaults until the organisation is configured). */
  get settings(): OrganizationSettings {
    if (!this.state.config) return UNCONFIGURED_SETTINGS;
    return (this.resolvedSettings ??= resolveSettings(this.state.config));
  }

  team(slug: string): TeamRecord | undefined {
    return this.state.teams.get(slug);
  }

  teams(options: { includeRetired?: boolean } = {}): readonly TeamRecord[] {
    return [...this.state.teams.values()].filter((team) => options.includeRetired || team.retiredAt === null);
  }

  person(personId: string): PersonRecord | undefined {
    return this.state.people.get(personId);
  }

  people(): readonly PersonRecord[] {
    return [...this.state.people.values()];
  }

  /** People created for identities seen in events but not (yet) linked to a configured person. */
  unresolvedPeople(): readonly PersonRecord[] {
    return this.people().filter((person) => person.unresolved);
  }

  service(slug: string): ServiceRecord | undefined {
    return this.state.services.get(slug);
  }

  services(options: { includeRetired?: boolean } = {}): readonly ServiceRecord[] {
    return [...this.state.services.values()].filter((service) => options.includeRetired || service.retiredAt === null);
  }

  /**
   * The person an identity belongs to (configured or unresolved), or undefined if never seen.
   * A `git` identity (a commit author's email) also resolves through registered emails.
   */
  resolveIdentity(tool: string, externalId: string): string | undefined {
    const normalizedId = normalizeExternalId(tool, externalId);
    const linked = this.state.identityOwners.get(tool)?.get(normalizedId);
    return linked === undefined && tool === GIT_EMAIL_TOOL ? this.state.emailOwners.get(normalizedId) : linked;
  }

  /** The registered person whose email this is. */
  personByEmail(email: string): string | undefined {
    return this.state.emailOwners.get(normalizeEmail(email));
  }

  isBot(personId: string): boolean {
    return this.state.people.get(personId)?.bot ?? false;
  }

  /** The teams (slugs, sorted) the person was a member of at the instant; none for a bot. */
  teamsOf(personId: string, at: Instant): readonly string[] {
    return this.timelineOf(personId).teamsAt(toEpochMs(at));
  }

  sideOf(personId: string, at: Instant): Side {
    return this.timelineOf(personId).sideAt(toEpochMs(at));
  }

  /** The people (never bots) in the team at the instant, each once. */
  membersOf(team: string, at: Instant): readonly string[] {
    const atMs = toEpochMs(at);
    const members = this.lookups().teamMembers.get(team) ?? [];
    return [...new Set(members.filter((member) => member.fromMs <= atMs && atMs < member.toMs).map((member) => member.personId))];
  }

  /** What the privacy rule (`minGroupSize`) compares against. */
  teamSize(team: string, at: Instant): number {
    return this.membersOf(team, at).length;
  }

  serviceForRepo(repo: string): string | undefined {
    return this.lookups().serviceByRepo.get(normalizeRepo(repo));
  }

  serviceForPagingService(tool: string, pagingServiceId: string): string | undefined {
    return this.lookups().serviceByPagingService.get(tool, pagingServiceId);
  }

  serviceForIncidentService(tool: string, incidentServiceId: string): string | undefined {
    return this.lookups().serviceByIncidentService.get(tool, incidentServiceId);
  }

  serviceForChannel(tool: string, channelId: string): string | undefined {
    return this.lookups().serviceByChannel.get(tool, channelId);
  }

  owningTeam(service: string, at: Instant): string | undefined {
    return this.lookups().ownership.get(service)?.at(toEpochMs(at))?.ownedBy;
  }

  operatingTeam(service: string, at: Instant): string | undefined {
    return this.lookups().ownership.get(service)?.at(toEpochMs(at))?.operatedBy ?? undefined;
  }

  /**
   * The person's own working hours; else, given an instant, those of the first of their teams
   * then that has some; else the organisation's default.
   */
  workingHours(personId: string, at?: Instant): WorkingHours {
    const own = this.state.people.get(personId)?.workingHours;
    if (own) return own;
    const teamHours = at === undefined ? undefined : this.teamsOf(personId, at).map((team) => this.team(team)?.workingHours).find(Boolean);
    return teamHours ?? this.settings.defaultWorkingHours;
  }

  isWithinWorkingHours(personId: string, at: Instant): boolean {
    return isWithinHours(this.workingHours(personId, at), toEpochMs(at));
  }

  /**
   * The first instant after `at` at which an as-of answer may differ from the same answer at `at`
   * (a membership starts or ends, a team changes kind, a service changes hands), or +Infinity.
   * Until then every question about "now" gets the answer it gets at `at`: what a cache of answers
   * that depend on the clock through the directory may rely on.
   */
  nextChangeAfter(at: Instant): number {
    const instants = this.lookups().changeInstants;
    const next = lastIndexAtOrBefore(instants, toEpochMs(at)) + 1;
    return next < instants.length ? instants[next] : Number.POSITIVE_INFINITY;
  }

  private timelineOf(personId: string): MembershipTimeline {
    return this.lookups().timelines.get(personId) ?? MembershipTimeline.EMPTY;
  }

  private lookups(): DirectoryIndex {
    return (this.index ??= new DirectoryIndex(this.state));
  }
}

/** The directory that replaying these events gives: the same events, the same directory. */
export function buildDirectory(events: readonly DirectoryEvent[]): Directory {
  return Directory.empty().apply(events);
}
