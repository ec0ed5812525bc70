// Access control's functional core: token format, roles and the visibility rules. No I/O; the
// tokens' table lives in @tandem/persistence, the GraphQL guards in apps/api.
export { ROLES, isRole, type Role } from './roles';
export { API_TOKEN_PREFIX, apiTokenHint, bearerToken, generateApiToken, hashApiToken, isWellFormedApiToken } from './api-token';
export { canSeeTeamDetail, hasRole, type Viewer } from './viewer';
