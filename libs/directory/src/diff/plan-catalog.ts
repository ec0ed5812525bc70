import { streamFor } from '@tandem/contracts';
import type { Directory } from '../model/directory';
import type { ServiceRecord } from '../model/directory-state';
import { configToJson, serviceToJson, teamKindToJson } from '../model/event-codecs';
import type { OrganizationConfig, ServiceDefinition, TeamDefinition } from '../model/organization-model';
import type { EventPlan } from './event-plan';
import { sameWorkingHours, workingHoursData } from './plan-people';

function sameConfig(a: OrganizationConfig, b: OrganizationConfig): boolean {
  return JSON.stringify(configToJson(a, '')) === JSON.stringify(configToJson(b, ''));
}

export function planOrganization(plan: EventPlan, directory: Directory, desired: OrganizationConfig): void {
  const current = directory.state.config;
  if (current && sameConfig(current, desired)) return;
  plan.add(streamFor.organization(), 'OrganizationConfigured', configToJson(desired, plan.by));
}

export function planTeam(plan: EventPlan, directory: Directory, desired: TeamDefinition, timezone: string): void {
  const current = directory.team(desired.slug);
  const stream = streamFor.team(desired.slug);
  const unchanged =
    current && current.retiredAt === null && current.name === desired.name && current.kind === desired.kind && current.parentSlug === desired.parentSlug;
  if (!unchanged) {
    plan.add(stream, 'TeamDefined', {
      slug: desired.slug,
      name: desired.name,
      kind: teamKindToJson(desired.kind),
      parentSlug: desired.parentSlug ?? undefined,
      changedBy: plan.by,
    });
  }
  if (!sameWorkingHours(current?.workingHours ?? null, desired.workingHours)) {
    plan.add(stream, 'WorkingHoursSet', { teamSlug: desired.slug, ...workingHoursData(desired.workingHours, timezone), changedBy: plan.by });
  }
}

function currentDefinition(service: ServiceRecord): ServiceDefinition {
  const latest = service.ownership[service.ownership.length - 1];
  return { ...service, ownedBy: latest?.ownedBy ?? '', operatedBy: latest?.operatedBy ?? null };
}

export function planService(plan: EventPlan, directory: Directory, desired: ServiceDefinition): void {
  const current = directory.service(desired.slug);
  const unchanged =
    current && current.retiredAt === null && JSON.stringify(serviceToJson(currentDefinition(current), '')) === JSON.stringify(serviceToJson(desired, ''));
  if (!unchanged) plan.add(streamFor.service(desired.slug), 'ServiceDefined', serviceToJson(desired, plan.by));
}

/** Teams and services the model no longer has are retired, not deleted: history still names them. */
export function planRetirements(plan: EventPlan, directory: Directory, desiredTeams: ReadonlySet<string>, desiredServices: ReadonlySet<string>): void {
  for (const team of directory.teams()) {
    if (!desiredTeams.has(team.slug)) plan.add(streamFor.team(team.slug), 'TeamRetired', { slug: team.slug, retiredAt: plan.atIso, changedBy: plan.by });
  }
  for (const service of directory.services()) {
    if (!desiredServices.has(service.slug)) {
      plan.add(streamFor.service(service.slug), 'ServiceRetired', { slug: service.slug, retiredAt: plan.atIso, changedBy: plan.by });
    }
  }
}
