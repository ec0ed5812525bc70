export { normalizePagerduty } from './normalize-pagerduty';
