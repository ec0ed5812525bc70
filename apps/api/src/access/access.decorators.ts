import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { Role } from '@tandem/auth';
import { AuditInterceptor } from './audit.interceptor';

export const ROLES_KEY = 'tandem:roles';
export const TEAM_SCOPE_KEY = 'tandem:team-scope';
export const AUDIT_KEY = 'tandem:audit';

/** The parent object and the arguments of the field being resolved. */
export type FieldInput = { parent: unknown; args: Record<string, unknown> };

/**
 * Only these roles may resolve the field (on a resolver class: all its fields). Without it, any
 * valid token may: every operation is authenticated before it reaches a resolver.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Where a team-scoped field finds its team: by default the `team` argument, else a parent's `slug`. */
export type TeamOf = (input: FieldInput) => string | undefined;

const teamArgumentOrParentSlug: TeamOf = ({ parent, args }) => {
  if (typeof args.team === 'string') return args.team;
  return typeof parent === 'object' && parent !== null && 'slug' in parent && typeof parent.slug === 'string' ? parent.slug : undefined;
};

/**
 * Team detail: admins see it for every team, leads for their own teams, members not at all
 * (`canSeeTeamDetail`). Refused with FORBIDDEN; make such a field nullable so that a list of teams
 * still answers for the teams the viewer may see.
 */
export const TeamScoped = (teamOf: TeamOf = teamArgumentOrParentSlug) => SetMetadata(TEAM_SCOPE_KEY, teamOf);

/** Whose person-level data a field reads, e.g. `team:payments`. */
export type SubjectOf = (input: FieldInput) => string;

/**
 * Person-level data: every read is written to the audit log (field, subject, token, correlation
 * id) before the data is returned; if the log cannot be written, the field fails.
 */
export const AuditPersonRead = (subjectOf: SubjectOf) => applyDecorators(SetMetadata(AUDIT_KEY, subjectOf), UseInterceptors(AuditInterceptor));
