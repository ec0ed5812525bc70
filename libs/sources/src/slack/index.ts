export { normalizeSlack } from './normalize-slack';
