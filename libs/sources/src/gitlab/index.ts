export { normalizeGitlab } from './normalize-gitlab';
