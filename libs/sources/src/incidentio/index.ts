export { normalizeIncidentio } from './normalize-incidentio';
