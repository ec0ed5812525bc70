export { normalizeJira } from './normalize-jira';
