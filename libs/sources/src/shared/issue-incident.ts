import { streamFor, type ExternalIdentityJson, type SeverityJson } from '@tandem/contracts';
import type { DerivedEvent } from '../normalizer';
import { severityOfLevel } from './severity';

/**
 * Issues used as incidents (GitHub, GitLab): an issue becomes an incident when it gets one of the
 * configured incident labels (`settings.incidentLabels`). The incident is keyed `org/repo#12` on
 * the incident stream, so its later close (IncidentResolved) and reopen land beside it.
 */

/** The configured incident label among `labels` (case-insensitive), as the issue spells it. */
export function incidentLabelIn(labels: readonly string[], incidentLabels: readonly string[]): string | undefined {
  const wanted = new Set(incidentLabels.map((label) => label.trim().toLowerCase()));
  return labels.find((label) => wanted.has(label.trim().toLowerCase()));
}

export function isIncidentLabel(label: string, incidentLabels: readonly string[]): boolean {
  return incidentLabelIn([label], incidentLabels) !== undefined;
}

/**
 * The worst severity named by a label such as `sev2`, `SEV-2`, `severity:2` or `severity::2`
 * (GitLab scoped labels); undefined when no label names one.
 */
export function severityFromLabels(labels: readonly string[]): { severity: SeverityJson; label: string } | undefined {
  let worst: { rank: number; label: string } | undefined;
  for (const label of labels) {
    const match = /^\s*sev(?:erity)?\s*[-_:\s]*\s*([1-5])\s*$/i.exec(label);
    if (!match) continue;
    const rank = Number(match[1]);
    if (worst === undefined || rank < worst.rank) worst = { rank, label };
  }
  return worst && { severity: severityOfLevel(worst.rank), label: worst.label };
}

export interface IssueIncident {
  tool: string;
  repo: string;
  number: number;
  title?: string | null;
  labels: readonly string[];
  issueOpenedAt: string;
}

export function issueIncidentId(tool: string, repo: string, number: number): { tool: string; id: string } {
  return { tool, id: `${repo}#${number}` };
}

function incidentStream(issue: Pick<IssueIncident, 'tool' | 'repo' | 'number'>): string {
  const ref = issueIncidentId(issue.tool, issue.repo, issue.number);
  return streamFor.incident(ref.tool, ref.id);
}

/**
 * The label that makes the issue an incident: IssueLabelledAsIncident (the git-side fact) and the
 * IncidentDeclared that every incident KPI reads. The issue's opening is when the problem was first
 * reported, hence the impact start.
 */
export function incidentLabelledEvents(
  issue: IssueIncident,
  labelling: { label: string; by?: ExternalIdentityJson; at: string; fallbackSeverity?: { severity: SeverityJson; label: string } },
): DerivedEvent[] {
  const incident = issueIncidentId(issue.tool, issue.repo, issue.number);
  const streamId = incidentStream(issue);
  const severity = severityFromLabels(issue.labels) ?? labelling.fallbackSeverity;
  return [
    {
      type: 'IssueLabelledAsIncident',
      streamId,
      occurredAt: labelling.at,
      data: {
        tool: issue.tool,
        repo: issue.repo,
        number: issue.number,
        label: labelling.label,
        ...(labelling.by ? { labelledBy: labelling.by } : {}),
        labelledAt: labelling.at,
        issueOpenedAt: issue.issueOpenedAt,
        ...(severity ? { severity: severity.severity } : {}),
        incident,
      },
    },
    {
      type: 'IncidentDeclared',
      streamId,
      occurredAt: labelling.at,
      data: {
        tool: issue.tool,
        incidentId: incident.id,
        ...(issue.title ? { title: issue.title } : {}),
        ...(severity ? { severity: severity.severity, severityLabel: severity.label } : {}),
        declaredAt: labelling.at,
        ...(labelling.by ? { declaredBy: labelling.by } : {}),
        impactStartedAt: issue.issueOpenedAt,
        status: 'INCIDENT_STATUS_LIVE',
      },
    },
  ];
}

export function incidentResolvedEvent(
  issue: Pick<IssueIncident, 'tool' | 'repo' | 'number'>,
  resolvedAt: string,
  by?: ExternalIdentityJson,
): DerivedEvent {
  return {
    type: 'IncidentResolved',
    streamId: incidentStream(issue),
    occurredAt: resolvedAt,
    data: { tool: issue.tool, incidentId: issueIncidentId(issue.tool, issue.repo, issue.number).id, resolvedAt, ...(by ? { by } : {}) },
  };
}

export function incidentReopenedEvent(
  issue: Pick<IssueIncident, 'tool' | 'repo' | 'number'>,
  reopenedAt: string,
  by?: ExternalIdentityJson,
): DerivedEvent {
  return {
    type: 'IncidentReopened',
    streamId: incidentStream(issue),
    occurredAt: reopenedAt,
    data: { tool: issue.tool, incidentId: issueIncidentId(issue.tool, issue.repo, issue.number).id, reopenedAt, ...(by ? { by } : {}) },
  };
}

/**
 * The last incident label was removed: the issue was not an incident after all. DECLINED leaves it
 * out of every KPI (incidents.proto), which is what removing a mistaken label means.
 */
export function incidentLabelRemovedEvent(
  issue: Pick<IssueIncident, 'tool' | 'repo' | 'number'>,
  label: string,
  changedAt: string,
  by?: ExternalIdentityJson,
): DerivedEvent {
  return {
    type: 'IncidentStatusChanged',
    streamId: incidentStream(issue),
    occurredAt: changedAt,
    data: {
      tool: issue.tool,
      incidentId: issueIncidentId(issue.tool, issue.repo, issue.number).id,
      status: 'INCIDENT_STATUS_DECLINED',
      statusLabel: `label ${label} removed`,
      changedAt,
      ...(by ? { by } : {}),
    },
  };
}
