export { normalizeOpsgenie } from './normalize-opsgenie';
