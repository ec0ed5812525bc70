import { CONFIGURED_IDENTITY_TOOLS, type ExternalRef, type OrganizationModel, type PersonDefinition, type ReportsDelivery, type ServiceDefinition, type TeamDefinition, type WorkingHours } from '../model/organization-model';
import { shiftToRanges } from '../model/working-hours';
import { fileDateToInstant } from './file-dates';
import type { OrganizationFile, PersonEntry, ServiceEntry, TeamEntry, ZonedShift } from './organization-file-schema';

function toWorkingHours(shift: ZonedShift | undefined, timezone: string): WorkingHours | null {
  return shift ? { timezone: shift.timezone ?? timezone, ranges: shiftToRanges(shift.days, shift.start, shift.end) } : null;
}

function toTeam(entry: TeamEntry, timezone: string): TeamDefinition {
  return {
    slug: entry.slug,
    name: entry.name,
    kind: entry.kind,
    parentSlug: entry.parent ?? null,
    workingHours: toWorkingHours(entry.workingHours, timezone),
  };
}

function toPerson(entry: PersonEntry, timezone: string): PersonDefinition {
  return {
    id: entry.id,
    name: entry.name,
    email: entry.email ?? null,
    identities: CONFIGURED_IDENTITY_TOOLS.flatMap((tool) => {
      const id = entry.identities[tool];
      return id === undefined ? [] : [{ tool, id }];
    }),
    memberships: entry.memberships.map((membership) => ({
      team: membership.team,
      from: fileDateToInstant(membership.from, timezone),
      to: membership.to === null ? null : fileDateToInstant(membership.to, timezone),
    })),
    workingHours: toWorkingHours(entry.workingHours, timezone),
    bot: entry.bot,
    optOutOfAutomaticRecognition: entry.optOutOfAutomaticRecognition,
  };
}

/** `acme/checkout` is a GitHub repository; `gitlab:group/project` a GitLab one. */
export function repositoryRef(repo: string): ExternalRef {
  const [, tool, id] = /^(?:(github|gitlab):)?(.*)$/.exec(repo) ?? [];
  return { tool: tool ?? 'github', id: id ?? repo };
}

function refsByTool(idsByTool: Record<string, readonly string[]>): ExternalRef[] {
  return Object.entries(idsByTool).flatMap(([tool, ids]) => ids.map((id) => ({ tool, id })));
}

function toService(entry: ServiceEntry): ServiceDefinition {
  return {
    slug: entry.slug,
    name: entry.name ?? null,
    ownedBy: entry.ownedBy,
    operatedBy: entry.operatedBy,
    repositories: entry.repos.map(repositoryRef),
    pagingServices: refsByTool(entry.paging),
    incidentServices: refsByTool(entry.incidentServices),
    channels: refsByTool(entry.channels),
    slo: entry.slo ? { availabilityTarget: entry.slo.availability, severityThreshold: entry.slo.severity } : null,
  };
}

/** The validated file as the organisation model: dates turned into instants, shifts into ranges. */
export function toOrganizationModel(file: OrganizationFile): OrganizationModel {
  const { organization, kpis, recognition, reports } = file;
  const timezone = organization.timezone ?? 'UTC';
  const { kudosTrigger } = recognition;
  return {
    config: {
      name: organization.name,
      timezone: organization.timezone,
      minGroupSize: organization.minGroupSize,
      defaultWorkingHours: organization.workingHours && shiftToRanges(organization.workingHours.days, organization.workingHours.start, organization.workingHours.end),
      kpis: {
        linkWindowSeconds: kpis.linkWindow,
        participationSeverity: kpis.participationSeverity,
        postmortemSeverity: kpis.postmortemSeverity,
        postmortemDueSeconds: kpis.postmortemDue,
        actionItemDueSeconds: kpis.actionItemDue,
        infraPaths: kpis.infraPaths,
        productionEnvironments: kpis.productionEnvironments,
      },
      recognition: {
        kudosTriggers: typeof kudosTrigger === 'string' ? [kudosTrigger] : kudosTrigger,
        kudosReactions: recognition.kudosEmoji,
        kudosPerDay: recognition.kudosPerDay,
        kudosValues: recognition.values,
        disabledRules: recognition.disabledRules,
        selfDealingMaxShare: recognition.selfDealing?.maxShare,
        selfDealingWindowDays: recognition.selfDealing?.windowDays,
        selfDealingMinKudos: recognition.selfDealing?.minKudos,
      },
    },
    teams: file.teams.map((entry) => toTeam(entry, timezone)),
    people: file.people.map((entry) => toPerson(entry, timezone)),
    services: file.services.map(toService),
    delivery: {
      recognitionPostTo: recognition.postTo,
      reports: reports ? reportsDelivery(reports, timezone) : null,
      snapshots: file.snapshots && { ...file.snapshots, timezone: file.snapshots.timezone ?? timezone },
    },
  };
}

/** `weekly` and its older name `cron` become one field; the time zone defaults to the organisation's. */
function reportsDelivery({ cron, weekly, ...rest }: NonNullable<OrganizationFile['reports']>, timezone: string): ReportsDelivery {
  return { ...rest, cron: weekly ?? cron, timezone: rest.timezone ?? timezone };
}
