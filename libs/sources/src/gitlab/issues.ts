import type { SeverityJson } from '@tandem/contracts';
import type { DerivedEvent, Normalization, NormalizerSettings } from '../normalizer';
import {
  incidentLabelIn,
  incidentLabelledEvents,
  incidentLabelRemovedEvent,
  incidentReopenedEvent,
  incidentResolvedEvent,
  type IssueIncident,
} from '../shared/issue-incident';
import { parsePayload, timeAt } from '../shared/payload';
import { fromGitlabTime } from '../vendor-time';
import { GITLAB, gitlabIdentity } from './gitlab-identity';
import { issueDelivery, type IssueDelivery } from './gitlab-payload';

/** GitLab's own issue severity (incidents), when no `sevN` label says otherwise. */
const GITLAB_SEVERITY: Record<string, SeverityJson> = {
  critical: 'SEVERITY_SEV1',
  high: 'SEVERITY_SEV2',
  medium: 'SEVERITY_SEV3',
  low: 'SEVERITY_SEV4',
};

/**
 * Issue Hook: issues matter only as incidents (a label in `settings.incidentLabels`). An issue
 * opened with the label, or updated to get it (`changes.labels`), declares the incident; losing
 * the last incident label declines it; closing and reopening resolve and reopen it. Everything else
 * is ignored.
 */
export function normalizeIssue(body: unknown, settings: NormalizerSettings): Normalization {
  const delivery = parsePayload(issueDelivery, body, 'GitLab Issue Hook');
  const attributes = delivery.object_attributes;
  const action = attributes.action ?? 'update';
  const labels = (attributes.labels ?? delivery.labels ?? []).map((label) => label.title);
  const issue: IssueIncident = {
    tool: GITLAB,
    repo: delivery.project.path_with_namespace,
    number: attributes.iid,
    title: attributes.title,
    labels,
    issueOpenedAt: timeAt(fromGitlabTime, attributes.created_at, 'object_attributes.created_at'),
  };
  const by = gitlabIdentity(delivery.user);
  const incidentLabel = incidentLabelIn(labels, settings.incidentLabels);
  const events: DerivedEvent[] = [];

  const labelChange = delivery.changes?.labels;
  const before = labelChange ? incidentLabelIn((labelChange.previous ?? []).map((label) => label.title), settings.incidentLabels) : undefined;
  if (action === 'open' && incidentLabel !== undefined) {
    events.push(...declared(issue, incidentLabel, issue.issueOpenedAt, by, attributes.severity));
  } else if (labelChange && before === undefined && incidentLabel !== undefined) {
    events.push(...declared(issue, incidentLabel, actionTime(delivery), by, attributes.severity));
    if (attributes.state === 'closed') events.push(incidentResolvedEvent(issue, closeTime(delivery)));
  } else if (labelChange && before !== undefined && incidentLabel === undefined) {
    events.push(incidentLabelRemovedEvent(issue, before, actionTime(delivery), by));
  }

  if (incidentLabel !== undefined && action === 'close') events.push(incidentResolvedEvent(issue, closeTime(delivery), by));
  if (incidentLabel !== undefined && action === 'reopen') events.push(incidentReopenedEvent(issue, actionTime(delivery), by));

  if (events.length > 0) return { outcome: 'events', events };
  return {
    outcome: 'ignored',
    reason:
      incidentLabel === undefined
        ? `GitLab Issue Hook ${action}: the issue has no incident label (settings.incidentLabels)`
        : `GitLab Issue Hook ${action}: no change to the incident's label or state`,
  };
}

function declared(issue: IssueIncident, label: string, at: string, by: ReturnType<typeof gitlabIdentity>, severity?: string | null) {
  const gitlabSeverity = severity ? GITLAB_SEVERITY[severity.toLowerCase()] : undefined;
  return incidentLabelledEvents(issue, {
    label,
    by,
    at,
    ...(gitlabSeverity ? { fallbackSeverity: { severity: gitlabSeverity, label: severity ?? '' } } : {}),
  });
}

/** The update this action made (`changes.updated_at.current`), else the record's `updated_at`. */
function actionTime(delivery: IssueDelivery): string {
  const changed = delivery.changes?.updated_at?.current;
  return typeof changed === 'string'
    ? timeAt(fromGitlabTime, changed, 'changes.updated_at.current')
    : timeAt(fromGitlabTime, delivery.object_attributes.updated_at, 'object_attributes.updated_at');
}

/** `closed_at`, else the close this action recorded, else the action's time. */
function closeTime(delivery: IssueDelivery): string {
  const closedAt = delivery.object_attributes.closed_at;
  if (typeof closedAt === 'string') return timeAt(fromGitlabTime, closedAt, 'object_attributes.closed_at');
  const changed = delivery.changes?.closed_at?.current;
  if (typeof changed === 'string') return timeAt(fromGitlabTime, changed, 'changes.closed_at.current');
  return actionTime(delivery);
}
