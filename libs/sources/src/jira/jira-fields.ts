import type { IncidentStatusJson, SeverityJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import { timeAt } from '../shared/payload';
import { severityOfLevel } from '../shared/severity';
import { fromIsoTime } from '../vendor-time';

/**
 * Jira priority → severity (metrics.md): Highest, High, Medium, Low, Lowest → SEV1..SEV5. Jira's
 * other stock schemes read the same way: Blocker, Critical, Major, Minor, Trivial (Server/DC) and
 * P1..P5. Any other (custom) name is unknown: undefined.
 */
const LEVEL_BY_PRIORITY: Readonly<Record<string, number>> = {
  highest: 1,
  high: 2,
  medium: 3,
  low: 4,
  lowest: 5,
  blocker: 1,
  critical: 2,
  major: 3,
  minor: 4,
  trivial: 5,
  p1: 1,
  p2: 2,
  p3: 3,
  p4: 4,
  p5: 5,
};

export function severityOfJiraPriority(name: string | null | undefined): SeverityJson | undefined {
  const level = name ? LEVEL_BY_PRIORITY[name.trim().toLowerCase()] : undefined;
  return level === undefined ? undefined : severityOfLevel(level);
}

/** Status names that say more than their category (checked in order), then the category. */
const STATUS_BY_NAME: readonly [RegExp, IncidentStatusJson][] = [
  [/declin|reject/, 'INCIDENT_STATUS_DECLINED'],
  [/cancel|won'?t do|not an incident/, 'INCIDENT_STATUS_CANCELED'],
  [/mitigat/, 'INCIDENT_STATUS_MITIGATED'],
  [/post.?incident|post.?mortem|learning/, 'INCIDENT_STATUS_POST_INCIDENT'],
  [/closed/, 'INCIDENT_STATUS_CLOSED'],
  [/resolv|done|fixed|complete/, 'INCIDENT_STATUS_RESOLVED'],
  [/reopen|progress|investigat|identif|monitor|escalat|work/, 'INCIDENT_STATUS_LIVE'],
  [/triage|^new$|^open$|to do|backlog|reported|waiting for support/, 'INCIDENT_STATUS_TRIAGE'],
];

const STATUS_BY_CATEGORY: Readonly<Record<string, IncidentStatusJson>> = {
  new: 'INCIDENT_STATUS_TRIAGE',
  indeterminate: 'INCIDENT_STATUS_LIVE',
  done: 'INCIDENT_STATUS_RESOLVED',
};

/**
 * A Jira status as an incident status: by its name when the name says (JSM incident workflows:
 * Open, Work in progress, Mitigated, Resolved, Closed, Canceled), else by its category (new,
 * indeterminate, done) when known; undefined when neither tells.
 */
export function incidentStatusOf(name: string | null | undefined, category?: string): IncidentStatusJson | undefined {
  const lower = (name ?? '').trim().toLowerCase();
  const byName = lower === '' ? undefined : STATUS_BY_NAME.find(([pattern]) => pattern.test(lower))?.[1];
  return byName ?? (category === undefined ? undefined : STATUS_BY_CATEGORY[category]);
}

/** Resolutions that close an item without doing it. */
const NOT_DONE_RESOLUTION = /won'?t|duplicate|cannot reproduce|declin|cancel|obsolete|not (a bug|needed|doing)|invalid/i;

export function isNotDoneResolution(name: string): boolean {
  return NOT_DONE_RESOLUTION.test(name);
}

/**
 * A Jira date-only field (`duedate: "2024-05-10"`) as the last instant of that day in UTC: Jira dates
 * carry no zone, and "closed by its due date" must include the whole due day.
 */
export function endOfJiraDay(value: string, field: string): string {
  // Server changelogs may add a midnight time (`2024-05-10 00:00:00.0`): the date is what counts.
  const date = /^(\d{4}-\d{2}-\d{2})(?:[ T][\d:.]*)?$/.exec(value.trim())?.[1];
  if (date === undefined) {
    throw new NormalizationError('MALFORMED', `${field}: expected a Jira date like "2024-05-10", got ${JSON.stringify(value)}`);
  }
  return timeAt(fromIsoTime, `${date}T23:59:59.999Z`, field);
}
