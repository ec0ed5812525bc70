export { normalizeTeams } from './normalize-teams';
