import type { Role } from './roles';

/** Who is asking: the token's id, role and teams (a lead's teams, a member's own). */
export interface Viewer {
  readonly tokenId: string;
  readonly role: Role;
  readonly teams: readonly string[];
  /** The person the token was issued to (their tandem.yaml id), if any: giveKudos and setRecognitionOptOut act as them. */
  readonly personId?: string;
}

export function hasRole(viewer: Viewer, roles: readonly Role[]): boolean {
  return roles.includes(viewer.role);
}

/**
 * Team detail (who is in a team, person-level facts) is for admins, and for the leads of that
 * team. An unknown team (`undefined`: an organisation-wide view of detail) is for admins only.
 */
export function canSeeTeamDetail(viewer: Viewer, team: string | undefined): boolean {
  if (viewer.role === 'admin') return true;
  return viewer.role === 'lead' && team !== undefined && viewer.teams.includes(team);
}
