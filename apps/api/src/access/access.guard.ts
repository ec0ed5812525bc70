import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { canSeeTeamDetail, hasRole, type Role } from '@tandem/auth';
import { forbidden, unauthenticated } from '../graphql/errors/api-errors';
import { ROLES_KEY, TEAM_SCOPE_KEY, type TeamOf } from './access.decorators';
import { resolverCall } from './field-input';

/**
 * Every GraphQL resolver (fields included) passes here: the viewer must exist, have one of the
 * field's `@Roles`, and see the team of a `@TeamScoped` field. HTTP routes are not its business.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(execution: ExecutionContext): boolean {
    if (execution.getType<GqlContextType>() !== 'graphql') return true;
    const call = resolverCall(execution);
    const viewer = call.context?.viewer;
    if (!viewer) throw unauthenticated();
    const targets = [execution.getHandler(), execution.getClass()];
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(viewer, roles)) {
      throw forbidden(`${call.info.parentType.name}.${call.info.fieldName} is for the ${roles.join(' or ')} role`);
    }
    const teamOf = this.reflector.get<TeamOf | undefined>(TEAM_SCOPE_KEY, execution.getHandler());
    if (teamOf) {
      const team = teamOf(call);
      if (!canSeeTeamDetail(viewer, team)) {
        throw forbidden(`${call.info.parentType.name}.${call.info.fieldName} of ${team ?? 'the organisation'} is for admins and the team's leads`);
      }
    }
    return true;
  }
}
