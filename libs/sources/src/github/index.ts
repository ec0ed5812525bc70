export { normalizeGithub } from './normalize-github';
