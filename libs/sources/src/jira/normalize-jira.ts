import { NormalizationError } from '../normalization-error';
import type { Normalization, Normalizer, NormalizerSettings } from '../normalizer';
import { parseJsonBody, parsePayload } from '../shared/payload';
import { normalizeJiraActionItem } from './jira-action-items';
import { readJiraChange } from './jira-changes';
import { classifyJiraIssue } from './jira-classify';
import { normalizeJiraIncident, retypedIncident } from './jira-incidents';
import { jiraCommentDelivery, jiraDelivery, jiraIssueDelivery, jiraTrackedIssue } from './jira-payload';

const ISSUE_EVENTS = new Set(['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted']);
const COMMENT_EVENTS = new Set(['comment_created', 'comment_updated', 'comment_deleted']);

/** Other Jira webhook events Tandem knowingly does not use, with the reason. */
const IGNORED_EVENTS: readonly [RegExp, string][] = [
  [/^(jira:)?worklog_/, 'time logging is not a collaboration signal Tandem measures'],
  [
    /^issuelink_/,
    'it names only issue ids; a link that ties an action item to its incident is read from the jira:issue_updated Jira sends with it',
  ],
  [/^attachment_/, 'attachments are not a collaboration signal Tandem measures'],
  [/^(jira:)?version_/, 'release versions are not tracked'],
  [/^(sprint|board)_/, 'agile planning is not tracked'],
  [/^project_/, 'project administration, not activity'],
  [/^user_/, 'people come from tandem.yaml, not from Jira'],
  [/^option_/, 'Jira configuration, not activity'],
  [/^issue_property_/, 'app-stored issue properties, not activity'],
];

/**
 * Jira webhooks: issues classed as incidents or post-incident action items by `settings.jira`
 * become incident and action-item events; every other issue, and every comment, is ignored with a
 * reason that names it.
 */
export const normalizeJira: Normalizer = (delivery, settings, parsed) => {
  const body = parseJsonBody(delivery, parsed);
  const { webhookEvent } = parsePayload(jiraDelivery, body, 'jira delivery');
  if (ISSUE_EVENTS.has(webhookEvent)) return normalizeIssue(webhookEvent, body, settings);
  if (COMMENT_EVENTS.has(webhookEvent)) return normalizeComment(webhookEvent, body, settings);
  const ignored = IGNORED_EVENTS.find(([pattern]) => pattern.test(webhookEvent));
  if (ignored !== undefined) return { outcome: 'ignored', reason: `jira ${webhookEvent}: ${ignored[1]}` };
  throw new NormalizationError('UNKNOWN_EVENT_TYPE', `jira webhookEvent "${webhookEvent}" is neither handled nor knowingly ignored`);
};

function normalizeIssue(webhookEvent: string, body: unknown, settings: NormalizerSettings): Normalization {
  const delivery = parsePayload(jiraIssueDelivery, body, `jira ${webhookEvent}`);
  const { issue } = delivery;
  const kind = classifyJiraIssue(issue, settings.jira);
  if (kind === undefined) {
    const retyped = retypedIncident(webhookEvent, delivery, settings);
    if (retyped !== undefined) return { outcome: 'events', events: [retyped] };
    return {
      outcome: 'ignored',
      reason:
        `jira ${webhookEvent.replace(/^jira:/, '')} of ${issue.key} (project ${issue.fields.project.key}, type ${issue.fields.issuetype.name}): ` +
        'neither an incident nor an action item under settings.jira (incidentProjects, incidentIssueTypes, actionItemIssueTypes)',
    };
  }
  const { fields } = parsePayload(jiraTrackedIssue, body, `jira ${webhookEvent}`).issue;
  const change = readJiraChange(webhookEvent, delivery, fields);
  return kind === 'incident' ? normalizeJiraIncident(change) : normalizeJiraActionItem(change, settings);
}

/** Jira Server names a comment's issue only in the comment's REST URL. */
const ISSUE_IN_COMMENT_URL = /\/issue\/([^/]+)\/comment\//;

/**
 * Comments are not recorded: the canonical contract has no event for a comment on an incident
 * (participation counts acknowledgements, roles, responders and incident-channel posts), and a
 * comment changes nothing about an action item. The reason says which issue it was on.
 */
function normalizeComment(webhookEvent: string, body: unknown, settings: NormalizerSettings): Normalization {
  const { comment, issue } = parsePayload(jiraCommentDelivery, body, `jira ${webhookEvent}`);
  if (!issue) {
    const issueId = comment.self?.match(ISSUE_IN_COMMENT_URL)?.[1] ?? 'unknown';
    return {
      outcome: 'ignored',
      reason: `jira ${webhookEvent} ${comment.id} on issue ${issueId}: the delivery carries no issue (Jira Server), so it cannot be classed, and comments are not recorded`,
    };
  }
  const kind = classifyJiraIssue(issue, settings.jira);
  const on =
    kind === 'incident'
      ? `incident ${issue.key}: the canonical contract has no incident-participation event for comments`
      : kind === 'actionItem'
        ? `action item ${issue.key}: a comment changes nothing about an action item`
        : `${issue.key} (project ${issue.fields.project.key}, type ${issue.fields.issuetype.name}): neither an incident nor an action item under settings.jira`;
  return { outcome: 'ignored', reason: `jira ${webhookEvent} ${comment.id} on ${on}` };
}
