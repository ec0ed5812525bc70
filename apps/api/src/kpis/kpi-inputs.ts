import { canSeeTeamDetail, type Viewer } from '@tandem/auth';
import type { Directory } from '@tandem/directory';
import { KPI_IDS, MetricsError, type KpiId, type KpiScope, type KpiValue as MetricsKpiValue } from '@tandem/metrics';
import { ProjectionError } from '@tandem/projections';
import type { RequestLoaders } from '../context/request-loader';
import { badUserInput, forbidden } from '../graphql/errors/api-errors';
import { keptInstant } from '../graphql/scalars/date-time.scalar';
import type { KpiScopeInput, KpiValue } from './kpis.types';

/** `[from, to)` as the read model takes it; BAD_USER_INPUT unless from is before to. */
export function windowOf(from: Date, to: Date): { from: string; to: string } {
  if (from.getTime() >= to.getTime()) {
    throw badUserInput(`from (${from.toISOString()}) must be before to (${to.toISOString()})`, { argument: 'from' });
  }
  return { from: from.toISOString(), to: to.toISOString() };
}

export function kpiIdOf(id: string): KpiId {
  if (!(KPI_IDS as readonly string[]).includes(id)) {
    throw badUserInput(`unknown KPI "${id}"; the KPIs are ${KPI_IDS.join(', ')}`, { argument: 'id' });
  }
  return id as KpiId;
}

function requireTeam(directory: Directory, slug: string): string {
  if (!directory.team(slug)) throw badUserInput(`unknown team "${slug}"`, { argument: 'scope' });
  return slug;
}

/** The scope a `KpiScope` input names, its teams and service checked against the directory. */
export function scopeOf(input: KpiScopeInput | null | undefined, directory: Directory): KpiScope {
  const team = input?.team ?? undefined;
  const teams = input?.teams ?? undefined;
  const service = input?.service ?? undefined;
  const given = [team, teams, service].filter((part) => part !== undefined).length;
  if (given > 1) throw badUserInput('scope: give one of team, teams or service (none: the organisation)', { argument: 'scope' });
  if (team !== undefined) return { kind: 'team', team: requireTeam(directory, team) };
  if (teams !== undefined) {
    if (teams.length === 1) return { kind: 'team', team: requireTeam(directory, teams[0]) };
    if (teams.length !== 2) throw badUserInput(`scope.teams: give one or two teams; got ${teams.length}`, { argument: 'scope' });
    return { kind: 'team_pair', teams: [requireTeam(directory, teams[0]), requireTeam(directory, teams[1])] };
  }
  if (service !== undefined) {
    if (!directory.service(service)) throw badUserInput(`unknown service "${service}"`, { argument: 'scope' });
    return { kind: 'service', service };
  }
  return { kind: 'organization' };
}

/** The teams whose detail a scope shows: a service's owning and operating teams now. */
function teamsOfScope(scope: KpiScope, directory: Directory): (string | undefined)[] {
  switch (scope.kind) {
    case 'organization':
      return [undefined];
    case 'team':
      return [scope.team];
    case 'team_pair':
      return [...scope.teams];
    case 'service': {
      const now = Date.now();
      const teams = [directory.owningTeam(scope.service, now), directory.operatingTeam(scope.service, now)].filter((team): team is string => team !== undefined);
      return teams.length > 0 ? teams : [undefined];
    }
  }
}

/**
 * Person-level detail of a scope (the facts behind a value, an incident list) is for admins, and
 * for leads of every team in the scope (of a service: of a team owning or running it).
 */
export function requireScopeDetail(viewer: Viewer, scope: KpiScope, directory: Directory, field: string): void {
  const teams = teamsOfScope(scope, directory);
  const allowed = scope.kind === 'service' ? teams.some((team) => canSeeTeamDetail(viewer, team)) : teams.every((team) => canSeeTeamDetail(viewer, team));
  if (!allowed) {
    const named = scope.kind === 'organization' ? 'the organisation' : teams.filter((team) => team !== undefined).join(' and ') || 'this scope';
    throw forbidden(`${field} of ${named} is for admins and the team's leads`);
  }
}

/** The read model's input errors as BAD_USER_INPUT; anything else is rethrown (internal). */
export async function asUserInput<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof MetricsError) throw badUserInput(error.message, { reason: error.code });
    if (error instanceof ProjectionError && error.code !== 'PROJECTION_CONFLICT' && error.code !== 'PROJECTION_NO_GENERATION') {
      throw badUserInput(error.message, { reason: error.code });
    }
    throw error;
  }
}

/**
 * The GraphQL values of the read model's kept values (the same object for as long as the read
 * model keeps it): a dashboard's ~220 values per request are converted once, not per request.
 * Only values without an as-of or loaders, which make them the same for every request.
 */
const convertedValues = new WeakMap<MetricsKpiValue, KpiValue>();

/** The GraphQL value of the metrics core's, keeping what it was computed for (its `explain` field needs it). Do not modify it: it may be shared. */
export function kpiValueOf(value: MetricsKpiValue, asOf?: string, loaders?: RequestLoaders): KpiValue {
  if (asOf !== undefined || loaders) return convertedValueOf(value, asOf, loaders);
  let converted = convertedValues.get(value);
  if (converted === undefined) convertedValues.set(value, (converted = convertedValueOf(value)));
  return converted;
}

function convertedValueOf(value: MetricsKpiValue, asOf?: string, loaders?: RequestLoaders): KpiValue {
  return {
    kpi: value.kpi,
    version: value.version,
    value: value.value,
    unit: value.unit,
    sampleSize: value.sampleSize,
    numerator: value.numerator ?? null,
    denominator: value.denominator ?? null,
    p90: value.p90 ?? null,
    mean: value.mean ?? null,
    suppressed: value.suppressed,
    from: keptInstant(value.window.from),
    to: keptInstant(value.window.to),
    origin: { kpi: value.kpi, version: value.version, scope: value.scope, from: value.window.from, to: value.window.to, ...(asOf === undefined ? {} : { asOf }), ...(loaders ? { loaders } : {}) },
  };
}

export function instantOf(text: string | null | undefined): Date | null {
  return text === null || text === undefined ? null : new Date(text);
}
