import type { EventDataMap } from '@tandem/contracts';
import {
  SEVERITIES,
  TEAM_KINDS,
  WEEKDAYS,
  type ExternalRef,
  type OrganizationConfig,
  type ServiceDefinition,
  type Severity,
  type TeamKind,
  type Weekday,
  type WorkingHoursRange,
} from './organization-model';

/**
 * The one place that knows how the directory's values are spelt in the canonical events (proto3
 * JSON: `TEAM_KIND_SRE`, `SEVERITY_SEV2`, `WEEKDAY_MONDAY`, unset optional fields).
 */

type TeamKindJson = NonNullable<EventDataMap['TeamDefined']['kind']>;
type SeverityJson = `SEVERITY_${Severity}`;
type WorkingHoursRangeJson = NonNullable<EventDataMap['WorkingHoursSet']['hours']>[number];
type WeekdayJson = NonNullable<WorkingHoursRangeJson['day']>;
type ExternalRefJson = NonNullable<EventDataMap['ServiceDefined']['repositories']>[number];
export type LinkRuleJson = NonNullable<EventDataMap['IdentityLinked']['rule']>;

const WEEKDAY_JSON: Readonly<Record<Weekday, WeekdayJson>> = {
  mon: 'WEEKDAY_MONDAY',
  tue: 'WEEKDAY_TUESDAY',
  wed: 'WEEKDAY_WEDNESDAY',
  thu: 'WEEKDAY_THURSDAY',
  fri: 'WEEKDAY_FRIDAY',
  sat: 'WEEKDAY_SATURDAY',
  sun: 'WEEKDAY_SUNDAY',
};

export function teamKindToJson(kind: TeamKind): TeamKindJson {
  return `TEAM_KIND_${kind.toUpperCase()}` as TeamKindJson;
}

/** Unknown or unspecified kinds count as `other`: such a team is on neither side. */
export function teamKindFromJson(kind: TeamKindJson | undefined): TeamKind {
  const name = (kind ?? '').replace('TEAM_KIND_', '').toLowerCase();
  return TEAM_KINDS.find((known) => known === name) ?? 'other';
}

function severityToJson(severity: Severity): SeverityJson {
  return `SEVERITY_${severity}`;
}

function severityFromJson(severity: string | undefined): Severity | undefined {
  return SEVERITIES.find((known) => severity === `SEVERITY_${known}`);
}

export function rangesToJson(ranges: readonly WorkingHoursRange[]): WorkingHoursRangeJson[] {
  return ranges.map((range) => ({ day: WEEKDAY_JSON[range.day], startMinute: range.startMinute, endMinute: range.endMinute }));
}

export function rangesFromJson(ranges: readonly WorkingHoursRangeJson[] | undefined): WorkingHoursRange[] {
  return (ranges ?? []).flatMap((range) => {
    const day = WEEKDAYS.find((weekday) => WEEKDAY_JSON[weekday] === range.day);
    return day ? [{ day, startMinute: range.startMinute ?? 0, endMinute: range.endMinute ?? 0 }] : [];
  });
}

function refsFromJson(refs: readonly ExternalRefJson[] | undefined): ExternalRef[] {
  return (refs ?? []).flatMap((ref) => (ref.tool && ref.id ? [{ tool: ref.tool, id: ref.id }] : []));
}

export function configToJson(config: OrganizationConfig, changedBy: string): EventDataMap['OrganizationConfigured'] {
  const { kpis, recognition } = config;
  return {
    name: config.name,
    timeZone: config.timezone,
    minGroupSize: config.minGroupSize,
    kpi: {
      linkWindowSeconds: kpis.linkWindowSeconds,
      participationSeverity: kpis.participationSeverity && severityToJson(kpis.participationSeverity),
      postmortemSeverity: kpis.postmortemSeverity && severityToJson(kpis.postmortemSeverity),
      postmortemDueSeconds: kpis.postmortemDueSeconds,
      actionItemDueSeconds: kpis.actionItemDueSeconds,
      infraPaths: [...(kpis.infraPaths ?? [])],
      productionEnvironments: [...(kpis.productionEnvironments ?? [])],
    },
    recognition: {
      kudosTriggers: [...(recognition.kudosTriggers ?? [])],
      kudosReactions: [...(recognition.kudosReactions ?? [])],
      kudosPerDay: recognition.kudosPerDay,
      kudosValues: [...(recognition.kudosValues ?? [])],
      disabledRules: [...(recognition.disabledRules ?? [])],
      selfDealingMaxShare: recognition.selfDealingMaxShare,
      selfDealingWindowDays: recognition.selfDealingWindowDays,
      selfDealingMinKudos: recognition.selfDealingMinKudos,
    },
    defaultWorkingHours: rangesToJson(config.defaultWorkingHours ?? []),
    changedBy,
  };
}

export function configFromJson(data: EventDataMap['OrganizationConfigured']): OrganizationConfig {
  const kpi = data.kpi ?? {};
  const recognition = data.recognition ?? {};
  return {
    name: data.name ?? '',
    timezone: data.timeZone,
    minGroupSize: data.minGroupSize,
    defaultWorkingHours: rangesFromJson(data.defaultWorkingHours),
    kpis: {
      linkWindowSeconds: kpi.linkWindowSeconds,
      participationSeverity: severityFromJson(kpi.participationSeverity),
      postmortemSeverity: severityFromJson(kpi.postmortemSeverity),
      postmortemDueSeconds: kpi.postmortemDueSeconds,
      actionItemDueSeconds: kpi.actionItemDueSeconds,
      infraPaths: kpi.infraPaths ?? [],
      productionEnvironments: kpi.productionEnvironments ?? [],
    },
    recognition: {
      kudosTriggers: recognition.kudosTriggers ?? [],
      kudosReactions: recognition.kudosReactions ?? [],
      kudosPerDay: recognition.kudosPerDay,
      kudosValues: recognition.kudosValues ?? [],
      disabledRules: recognition.disabledRules ?? [],
      // proto3 JSON spells non-finite doubles as strings; tandem.yaml only allows a share in (0, 1].
      selfDealingMaxShare: typeof recognition.selfDealingMaxShare === 'number' ? recognition.selfDealingMaxShare : undefined,
      selfDealingWindowDays: recognition.selfDealingWindowDays,
      selfDealingMinKudos: recognition.selfDealingMinKudos,
    },
  };
}

export function serviceToJson(service: ServiceDefinition, changedBy: string): EventDataMap['ServiceDefined'] {
  return {
    slug: service.slug,
    name: service.name ?? undefined,
    ownedBy: service.ownedBy,
    operatedBy: service.operatedBy ?? undefined,
    repositories: service.repositories.map((ref) => ({ ...ref })),
    pagingServices: service.pagingServices.map((ref) => ({ ...ref })),
    incidentServices: service.incidentServices.map((ref) => ({ ...ref })),
    channels: service.channels.map((ref) => ({ ...ref })),
    slo: service.slo
      ? { availabilityTarget: service.slo.availabilityTarget, severityThreshold: severityToJson(service.slo.severityThreshold) }
      : undefined,
    changedBy,
  };
}

export function serviceFromJson(data: EventDataMap['ServiceDefined']): ServiceDefinition {
  const severityThreshold = severityFromJson(data.slo?.severityThreshold);
  const availabilityTarget = data.slo?.availabilityTarget;
  return {
    slug: data.slug ?? '',
    name: data.name ?? null,
    ownedBy: data.ownedBy ?? '',
    operatedBy: data.operatedBy ?? null,
    repositories: refsFromJson(data.repositories),
    pagingServices: refsFromJson(data.pagingServices),
    incidentServices: refsFromJson(data.incidentServices),
    channels: refsFromJson(data.channels),
    slo: typeof availabilityTarget === 'number' && severityThreshold ? { availabilityTarget, severityThreshold } : null,
  };
}
