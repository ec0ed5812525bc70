import type { WebhookSource } from '../webhook-source';
import { github } from './github';
import { gitlab } from './gitlab';
import { incidentio } from './incidentio';
import { jira } from './jira';
import { opsgenie } from './opsgenie';
import { pagerduty } from './pagerduty';
import { slack } from './slack';
import { teams } from './teams';
import type { VendorProfile } from './vendor-profile';

/** One profile per source: adding a source without one does not compile. */
export const VENDORS: Readonly<Record<WebhookSource, VendorProfile>> = {
  github,
  gitlab,
  slack,
  teams,
  pagerduty,
  opsgenie,
  incidentio,
  jira,
};

export { OPSGENIE_TOKEN_HEADER } from './opsgenie';
