import type { NormalizerSettings } from '../normalizer';
import type { JiraClassifiedIssue, JiraLinkedIssue, JiraTrackedFields } from './jira-payload';

export type JiraIssueKind = 'incident' | 'actionItem';

/**
 * What an issue is under `settings.jira`, all names compared case-insensitively:
 * 1. its type is an incident type → incident;
 * 2. its type is an action-item type → action item (even inside an incident project: the
 *    post-incident actions of an incident project are action items);
 * 3. it lives in an incident project and is not a sub-task → incident;
 * 4. otherwise neither (undefined).
 */
export function classifyJiraIssue(issue: JiraClassifiedIssue, jira: NormalizerSettings['jira']): JiraIssueKind | undefined {
  return classify(issue.fields.project.key, issue.fields.issuetype, jira);
}

/**
 * The incident an action item belongs to: its parent when the parent is an incident, else the first
 * linked issue (in Jira's order) that is one. A linked issue's project is its key's prefix (`INC-7`).
 */
export function incidentOfActionItem(fields: JiraTrackedFields, jira: NormalizerSettings['jira']): JiraLinkedIssue | undefined {
  const candidates = [fields.parent, ...(fields.issuelinks ?? []).flatMap((link) => [link.inwardIssue, link.outwardIssue])];
  return candidates.find((issue): issue is JiraLinkedIssue => issue !== null && issue !== undefined && isIncident(issue, jira));
}

function isIncident(issue: JiraLinkedIssue, jira: NormalizerSettings['jira']): boolean {
  const project = issue.key.slice(0, Math.max(0, issue.key.lastIndexOf('-')));
  const type = issue.fields?.issuetype;
  return classify(project, type ?? undefined, jira) === 'incident';
}

function classify(
  project: string,
  type: { name: string; subtask?: boolean | null | undefined } | undefined,
  jira: NormalizerSettings['jira'],
): JiraIssueKind | undefined {
  if (type !== undefined && includes(jira.incidentIssueTypes, type.name)) return 'incident';
  if (type !== undefined && includes(jira.actionItemIssueTypes, type.name)) return 'actionItem';
  if (type?.subtask !== true && includes(jira.incidentProjects, project)) return 'incident';
  return undefined;
}

function includes(names: readonly string[], name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return names.some((candidate) => candidate.trim().toLowerCase() === wanted);
}
