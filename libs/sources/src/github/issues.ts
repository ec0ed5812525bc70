import type { Normalization } from '../normalizer';
import {
  incidentLabelIn,
  incidentLabelledEvents,
  incidentLabelRemovedEvent,
  incidentReopenedEvent,
  incidentResolvedEvent,
  isIncidentLabel,
  type IssueIncident,
} from '../shared/issue-incident';
import { parsePayload, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { GITHUB, githubIdentity } from './github-identity';
import { issuesDelivery, type IssuesDelivery } from './github-payload';
import { ignored, type GithubFamily } from './github-routing';

const NOT_AN_INCIDENT = 'the issue has no incident label (settings.incidentLabels)';

/**
 * Issues matter only as incidents: an issue becomes one when it gets an incident label, stops
 * being one when the last such label goes, and closing/reopening it resolves/reopens the
 * incident. GitHub sends a `labeled` delivery for labels set when the issue is opened, so `opened`
 * itself carries nothing new.
 *
 * GitHub sends no time for a label change, a close is `closed_at`, a reopen has none: the action
 * sets `issue.updated_at`, the vendor's own time of the change.
 */
export const issuesFamily: GithubFamily = {
  handled: ['labeled', 'unlabeled', 'closed', 'reopened'],
  ignored: {
    opened: 'labels set at creation arrive as their own labeled deliveries',
    edited: 'title and body edits do not enter any KPI',
    deleted: 'a deleted issue keeps its recorded incident history',
    transferred: 'issue transfers do not enter any KPI',
    pinned: 'pinning does not enter any KPI',
    unpinned: 'pinning does not enter any KPI',
    assigned: 'issue assignees do not enter any KPI',
    unassigned: 'issue assignees do not enter any KPI',
    locked: 'conversation locking does not enter any KPI',
    unlocked: 'conversation locking does not enter any KPI',
    milestoned: 'milestones do not enter any KPI',
    demilestoned: 'milestones do not enter any KPI',
    typed: 'issue types do not enter any KPI; incidents are marked by label',
    untyped: 'issue types do not enter any KPI; incidents are marked by label',
  },
  normalize: (body, settings): Normalization => {
    const delivery = parsePayload(issuesDelivery, body, 'GitHub issues delivery');
    const issue = issueIncident(delivery);
    const by = githubIdentity(delivery.sender);
    const updatedAt = () => timeAt(fromIsoTime, delivery.issue.updated_at, 'issue.updated_at');
    const incidentLabel = incidentLabelIn(issue.labels, settings.incidentLabels);

    if (delivery.action === 'labeled' || delivery.action === 'unlabeled') {
      const label = delivery.label?.name;
      if (label === undefined) return ignored(`no label in the delivery`);
      if (!isIncidentLabel(label, settings.incidentLabels)) return ignored(`label ${label} is not an incident label`);
      // `issue.labels` is the state after the change: another incident label left on the issue
      // means it already was, and still is, an incident.
      const otherIncidentLabel = incidentLabelIn(
        issue.labels.filter((name) => name !== label),
        settings.incidentLabels,
      );
      if (otherIncidentLabel !== undefined) return ignored(`the issue is already an incident through label ${otherIncidentLabel}`);
      if (delivery.action === 'unlabeled') {
        return { outcome: 'events', events: [incidentLabelRemovedEvent(issue, label, updatedAt(), by)] };
      }
      const labelledAt = updatedAt();
      const events = incidentLabelledEvents(issue, { label, by, at: labelledAt });
      // Labelled after it was closed: the incident is already over, at the issue's close.
      const closedAt = delivery.issue.closed_at;
      if (delivery.issue.state === 'closed' && typeof closedAt === 'string') {
        events.push(incidentResolvedEvent(issue, timeAt(fromIsoTime, closedAt, 'issue.closed_at')));
      }
      return { outcome: 'events', events };
    }

    if (incidentLabel === undefined) return ignored(NOT_AN_INCIDENT);
    if (delivery.action === 'closed') {
      const closedAt = delivery.issue.closed_at;
      const resolvedAt = typeof closedAt === 'string' ? timeAt(fromIsoTime, closedAt, 'issue.closed_at') : updatedAt();
      return { outcome: 'events', events: [incidentResolvedEvent(issue, resolvedAt, by)] };
    }
    return { outcome: 'events', events: [incidentReopenedEvent(issue, updatedAt(), by)] };
  },
};

function issueIncident(delivery: IssuesDelivery): IssueIncident {
  return {
    tool: GITHUB,
    repo: delivery.repository.full_name,
    number: delivery.issue.number,
    title: delivery.issue.title,
    labels: delivery.issue.labels.map((label) => label.name),
    issueOpenedAt: timeAt(fromIsoTime, delivery.issue.created_at, 'issue.created_at'),
  };
}
