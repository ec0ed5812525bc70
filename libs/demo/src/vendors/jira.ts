import type { EventType } from '@tandem/contracts';
import type { DemoDelivery } from '../demo-delivery';
import type { DemoOrganization, DemoPerson } from '../organization/demo-organization';
import type { JiraIssue } from '../story/story-model';
import { rewriteStrings, TEMPLATES } from './fixture-templates';
import { jsonBody } from './payload';

const TEMPLATE_SITE = 'https://some-instance-test.atlassian.net';

/** `2026-03-01T10:00:00.000+0000`: Jira's time format (offset without a colon). */
function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const STATUSES = {
  open: { id: '10001', name: 'Open', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  working: { id: '3', name: 'Work in progress', category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
  done: { id: '10002', name: 'Done', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
  resolved: { id: '5', name: 'Resolved', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
} as const;

type StatusName = keyof typeof STATUSES;

const ISSUE_TYPES = {
  Incident: { id: '10100', description: 'A customer-facing problem with one of our apps.', avatarId: 10_304 },
  'Action Item': { id: '10101', description: 'A post-incident action that keeps it from happening again.', avatarId: 10_318 },
} as const;

const PRIORITY_IDS = { Highest: '1', High: '2', Medium: '3' } as const;

/**
 * Jira Cloud issue webhooks (jira:issue_created, jira:issue_updated) from the Mattermost captures:
 * the Mobile team tracks its app incidents, and their action items, in Jira.
 */
export class JiraPayloads {
  private readonly created;
  private readonly resolved;
  private readonly site: string;

  constructor(
    private readonly org: DemoOrganization,
    private readonly nextDeliveryId: () => string,
  ) {
    this.site = org.jira.site;
    this.created = rewriteStrings(TEMPLATES.jira.issueCreated, [[TEMPLATE_SITE, this.site]]);
    this.resolved = rewriteStrings(TEMPLATES.jira.issueResolved, [[TEMPLATE_SITE, this.site]]);
  }

  issueCreated(issue: JiraIssue): DemoDelivery {
    const expected: EventType[] = issue.type === 'Incident' ? ['IncidentDeclared', 'IncidentRoleAssigned'] : ['ActionItemCreated'];
    return this.delivery(issue.createdAt, expected, {
      ...this.created,
      timestamp: issue.createdAt,
      webhookEvent: 'jira:issue_created',
      issue_event_type_name: 'issue_created',
      user: this.user(issue.reporter),
      issue: this.issueObject(issue, 'open', issue.createdAt, null),
      changelog: {
        id: String(issue.createdAt % 1_000_000),
        items: [
          { field: 'priority', fieldtype: 'jira', fieldId: 'priority', from: null, fromString: null, to: PRIORITY_IDS[issue.priority], toString: issue.priority },
          { field: 'Status', fieldtype: 'jira', fieldId: 'status', from: null, fromString: null, to: STATUSES.open.id, toString: STATUSES.open.name },
          { field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: null, to: null, toString: issue.summary },
        ],
      },
    });
  }

  /** An incident someone starts working on: its status moves to Work in progress. */
  incidentStarted(issue: JiraIssue, by: DemoPerson, at: number): DemoDelivery {
    return this.delivery(at, ['IncidentStatusChanged'], {
      ...this.resolved,
      timestamp: at,
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_work_started',
      user: this.user(by),
      issue: this.issueObject(issue, 'working', at, null),
      changelog: {
        id: String(at % 1_000_000),
        items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: STATUSES.open.id, fromString: STATUSES.open.name, to: STATUSES.working.id, toString: STATUSES.working.name }],
      },
    });
  }

  /** Resolved as Done: an incident over, or an action item completed. */
  issueResolved(issue: JiraIssue, by: DemoPerson, at: number): DemoDelivery {
    const incident = issue.type === 'Incident';
    const from = incident ? STATUSES.working : STATUSES.open;
    const to = incident ? STATUSES.resolved : STATUSES.done;
    return this.delivery(at, incident ? ['IncidentResolved', 'IncidentStatusChanged'] : ['ActionItemClosed'], {
      ...this.resolved,
      timestamp: at,
      webhookEvent: 'jira:issue_updated',
      issue_event_type_name: 'issue_generic',
      user: this.user(by),
      issue: this.issueObject(issue, incident ? 'resolved' : 'done', at, at),
      changelog: {
        id: String(at % 1_000_000),
        items: [
          { field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
          { field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name },
        ],
      },
    });
  }

  private issueObject(issue: JiraIssue, statusName: StatusName, at: number, resolvedAt: number | null): object {
    const fields = this.created.issue.fields;
    const status = STATUSES[statusName];
    const type = ISSUE_TYPES[issue.type];
    const project = this.org.jira.incidentProject;
    return {
      id: issue.id,
      self: `${this.site}/rest/api/2/issue/${issue.id}`,
      key: issue.key,
      fields: {
        ...fields,
        issuetype: { ...fields.issuetype, self: `${this.site}/rest/api/2/issuetype/${type.id}`, id: type.id, description: type.description, name: issue.type, subtask: false, avatarId: type.avatarId },
        project: { ...fields.project, self: `${this.site}/rest/api/2/project/10200`, id: '10200', key: project, name: 'Mobile' },
        resolution: resolvedAt === null ? null : { ...this.resolved.issue.fields.resolution },
        resolutiondate: resolvedAt === null ? null : jiraTime(resolvedAt),
        lastViewed: null,
        watches: { ...fields.watches, self: `${this.site}/rest/api/2/issue/${issue.key}/watchers` },
        created: jiraTime(issue.createdAt),
        priority: { ...fields.priority, self: `${this.site}/rest/api/2/priority/${PRIORITY_IDS[issue.priority]}`, name: issue.priority, id: PRIORITY_IDS[issue.priority] },
        labels: issue.type === 'Incident' ? ['customer-impact'] : ['post-incident'],
        issuelinks: issue.incident ? [this.link(issue.incident)] : [],
        assignee: this.user(issue.assignee),
        updated: jiraTime(at),
        status: {
          ...fields.status,
          self: `${this.site}/rest/api/2/status/${status.id}`,
          name: status.name,
          id: status.id,
          statusCategory: { ...fields.status.statusCategory, self: `${this.site}/rest/api/2/statuscategory/${status.category.id}`, ...status.category },
        },
        components: [{ self: `${this.site}/rest/api/2/component/10300`, id: '10300', name: issue.component, description: `The ${issue.component} service` }],
        description: issue.type === 'Incident' ? 'Crash-free sessions dropped below the alert threshold.' : 'Agreed in the post-incident review.',
        summary: issue.summary,
        creator: this.user(issue.reporter),
        reporter: this.user(issue.reporter),
        duedate: issue.dueDate ?? null,
        votes: { ...fields.votes, self: `${this.site}/rest/api/2/issue/${issue.key}/votes` },
      },
    };
  }

  /** The action item's link to its incident ("relates to"), as Jira embeds the linked issue. */
  private link(incident: JiraIssue): object {
    return {
      id: String(Number(incident.id) + 50_000),
      self: `${this.site}/rest/api/2/issueLink/${Number(incident.id) + 50_000}`,
      type: { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to', self: `${this.site}/rest/api/2/issueLinkType/10003` },
      outwardIssue: {
        id: incident.id,
        key: incident.key,
        self: `${this.site}/rest/api/2/issue/${incident.id}`,
        fields: {
          summary: incident.summary,
          priority: { name: incident.priority, id: PRIORITY_IDS[incident.priority] },
          issuetype: { id: ISSUE_TYPES.Incident.id, name: 'Incident', subtask: false },
        },
      },
    };
  }

  private user(person: DemoPerson): object {
    return {
      ...this.created.user,
      self: `${this.site}/rest/api/2/user?accountId=${person.jira}`,
      name: person.id,
      key: person.id,
      accountId: person.jira,
      emailAddress: person.email,
      displayName: person.name,
      active: true,
      timeZone: 'Europe/Berlin',
    };
  }

  private delivery(at: number, expectedEvents: DemoDelivery['expectedEvents'], body: object): DemoDelivery {
    const deliveryId = this.nextDeliveryId();
    return {
      source: 'jira',
      deliveryId,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Atlassian Webhook HTTP Client',
        'x-atlassian-webhook-identifier': deliveryId,
        'x-atlassian-webhook-retry': '0',
        'x-atlassian-webhook-flow': 'Primary',
      },
      body: jsonBody(body),
      at: new Date(at).toISOString(),
      expectedEvents,
    };
  }
}
