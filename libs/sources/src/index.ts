import type { NormalizerRegistry } from './normalizer';
import { normalizeGithub } from './github';
import { normalizeGitlab } from './gitlab';
import { normalizeIncidentio } from './incidentio';
import { normalizeJira } from './jira';
import { normalizeOpsgenie } from './opsgenie';
import { normalizePagerduty } from './pagerduty';
import { normalizeSlack } from './slack';
import { normalizeTeams } from './teams';

export * from './normalizer';
export * from './normalization-error';
export * from './vendor-time';

/** One pure normalizer per webhook source; a source without one does not compile. */
export const NORMALIZERS: NormalizerRegistry = {
  github: normalizeGithub,
  gitlab: normalizeGitlab,
  slack: normalizeSlack,
  teams: normalizeTeams,
  pagerduty: normalizePagerduty,
  opsgenie: normalizeOpsgenie,
  incidentio: normalizeIncidentio,
  jira: normalizeJira,
};
