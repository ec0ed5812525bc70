import type { Viewer } from '@tandem/auth';

/**
 * What the access rules of the cacheable fields read of a viewer, as a key: two viewers of one
 * class get the same answer to the same operation. Those rules are `@Roles` (the role) and
 * `canSeeTeamDetail` (@TeamScoped, requireScopeDetail, `Person.teams`), which gives admins every
 * team's detail, leads their own teams', and members none, whatever their teams: so a lead's
 * class names their teams and a member's does not. The token and its person are not read by them.
 */
export function accessClassOf(viewer: Viewer): string {
  if (viewer.role !== 'lead') return viewer.role;
  return `lead:${JSON.stringify([...new Set(viewer.teams)].sort())}`;
}
