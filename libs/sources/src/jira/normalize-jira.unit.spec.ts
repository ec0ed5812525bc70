import { DEFAULT_NORMALIZER_SETTINGS, toCanonicalEvents, type NormalizerSettings } from '../normalizer';
import { describeFixtureFolder } from '../shared/testing/fixture-folder';
import { withJsonFields as changed, type Json } from '../shared/testing/mutate-json';
import { fixtureRunner } from '../shared/testing/normalizer-test-kit';
import { normalizeJira } from './normalize-jira';

/** As the gateway records a Jira Cloud delivery: X-Atlassian-Webhook-Identifier as delivery id. */
const jira = fixtureRunner({
  dir: 'jira',
  source: 'jira',
  normalizer: normalizeJira,
  deliveryId: '0f5e4b0a-jira-delivery-1',
  headersFor: (deliveryId) => ({
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Atlassian Webhook HTTP Client',
    'x-atlassian-webhook-identifier': deliveryId,
    'x-atlassian-webhook-retry': '0',
  }),
});
const { delivery, normalize, events } = jira;

/** Every sample is a mattermost capture; the tests name them by what follows the prefix. */
const PREFIX = 'mm-jira__webhook-';
const fixture = (name: string): Json => jira.json(`${PREFIX}${name}`);

/** The mattermost samples are ordinary issues in projects TES, KT and IDT, of types Story, Task, Bug. */
function settingsWith(overrides: Partial<NormalizerSettings['jira']>): NormalizerSettings {
  return { ...DEFAULT_NORMALIZER_SETTINGS, jira: { ...DEFAULT_NORMALIZER_SETTINGS.jira, ...overrides } };
}
/** Variant 1: their projects are incident projects. */
const INCIDENT_PROJECTS = settingsWith({ incidentProjects: ['TES', 'KT', 'IDT'] });
/** Variant 2: their types are post-incident action items (of incidents in project INC). */
const ACTION_ITEM_TYPES = settingsWith({ incidentProjects: ['INC'], actionItemIssueTypes: ['Story', 'task', 'Bug'] });

/** The fixtures' projects are incident projects: most failures are an incident's. */
const failure = (body: Json | string, settings: NormalizerSettings = INCIDENT_PROJECTS) => jira.failure(body, settings);

const ADMIN = { tool: 'jira', id: '5c5f880629be9642ba529340', name: 'Test User', email: 'some-instance-test@gmail.com' };
const SERVER_ADMIN = { tool: 'jira', id: 'admin', name: 'Test User' };
const SAMPLE_USER = { tool: 'jira', id: '5cedcb4355a88a0fc86388ba', name: 'Sample User', email: 'user@example.com' };

/** An incident issue INC-7 (id 20007) as Jira embeds a linked issue. */
const INCIDENT_LINK = {
  id: '10100',
  type: { name: 'Relates', inward: 'relates to', outward: 'relates to' },
  outwardIssue: { id: '20007', key: 'INC-7', fields: { summary: 'Checkout down', issuetype: { name: 'Incident', subtask: false } } },
};

describeFixtureFolder(
  'normalizeJira on every Jira fixture',
  jira,
  {
    atLeast: 15,
    ignoreReason: /^jira \S+/,
    settings: [DEFAULT_NORMALIZER_SETTINGS, INCIDENT_PROJECTS, ACTION_ITEM_TYPES],
    redelivered: jira.names().map((sample) => ({ sample })),
  },
  () => {
    const names = jira.names().map((name) => name.slice(PREFIX.length));

    it.each(names.filter((name) => !name.includes('comment')))('%s with default settings: ignored, naming the issue, its project and type', (name) => {
      const body = fixture(name) as { issue: { key: string; fields: { project: { key: string }; issuetype: { name: string } } } };
      const { key, fields } = body.issue;
      expect(normalize(body as unknown as Json)).toEqual({
        outcome: 'ignored',
        reason: expect.stringMatching(
          new RegExp(`^jira issue_(created|updated|deleted) of ${key} \\(project ${fields.project.key}, type ${fields.issuetype.name}\\): neither an incident nor an action item under settings\\.jira`),
        ),
      });
    });
  },
);

describe('Jira incidents (settings: the fixtures’ projects are incident projects)', () => {
  it('issue-created: IncidentDeclared at the issue’s created time (-0800 offset), SEV2 from High, components as services', () => {
    expect(events(fixture('issue-created'), INCIDENT_PROJECTS)).toEqual([
      {
        type: 'IncidentDeclared',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T03:01:52.971Z',
        data: {
          tool: 'jira',
          incidentId: '10040',
          reference: 'TES-41',
          title: 'Unit test summary',
          severity: 'SEVERITY_SEV2',
          severityLabel: 'High',
          serviceIds: ['COMP-1'],
          declaredAt: '2019-02-16T03:01:52.971Z',
          declaredBy: ADMIN,
          status: 'INCIDENT_STATUS_TRIAGE',
        },
      },
    ]);
  });

  it('cloud-issue-created-many-fields: IncidentDeclared SEV3 (Medium) and the assignee as lead', () => {
    const result = events(fixture('cloud-issue-created-many-fields'), INCIDENT_PROJECTS);
    expect(result.map((event) => [event.type, event.streamId, event.occurredAt])).toEqual([
      ['IncidentDeclared', 'incident-jira-10509', '2019-08-27T19:43:24.193Z'],
      ['IncidentRoleAssigned', 'incident-jira-10509', '2019-08-27T19:43:24.193Z'],
    ]);
    expect(result[0].data).toMatchObject({ reference: 'KT-22', severity: 'SEVERITY_SEV3', severityLabel: 'Medium', declaredBy: SAMPLE_USER });
    expect(result[1].data).toEqual({
      tool: 'jira',
      incidentId: '10509',
      role: 'INCIDENT_ROLE_LEAD',
      roleName: 'assignee',
      assignee: SAMPLE_USER,
      assignedAt: '2019-08-27T19:43:24.193Z',
      by: SAMPLE_USER,
    });
  });

  it('issue-updated-resolved: IncidentResolved at the webhook timestamp (not updated nor resolutiondate), then the status change', () => {
    expect(events(fixture('issue-updated-resolved'), INCIDENT_PROJECTS)).toEqual([
      {
        type: 'IncidentResolved',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T03:15:40.507Z',
        data: { tool: 'jira', incidentId: '10040', resolvedAt: '2019-02-16T03:15:40.507Z', by: ADMIN },
      },
      {
        type: 'IncidentStatusChanged',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T03:15:40.507Z',
        data: {
          tool: 'jira',
          incidentId: '10040',
          status: 'INCIDENT_STATUS_RESOLVED',
          statusLabel: 'Done',
          previousStatus: 'INCIDENT_STATUS_LIVE',
          changedAt: '2019-02-16T03:15:40.507Z',
          by: ADMIN,
        },
      },
    ]);
  });

  it('issue-updated-reopened: the cleared resolution reopens it, the status goes back to triage', () => {
    expect(events(fixture('issue-updated-reopened'), INCIDENT_PROJECTS)).toEqual([
      { type: 'IncidentReopened', streamId: 'incident-jira-10040', occurredAt: '2019-02-16T03:17:06.531Z', data: { tool: 'jira', incidentId: '10040', reopenedAt: '2019-02-16T03:17:06.531Z', by: ADMIN } },
      {
        type: 'IncidentStatusChanged',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T03:17:06.531Z',
        data: { tool: 'jira', incidentId: '10040', status: 'INCIDENT_STATUS_TRIAGE', statusLabel: 'To Do', previousStatus: 'INCIDENT_STATUS_RESOLVED', changedAt: '2019-02-16T03:17:06.531Z', by: ADMIN },
      },
    ]);
  });

  it('issue-updated-started-working: IncidentStatusChanged to LIVE', () => {
    expect(events(fixture('issue-updated-started-working'), INCIDENT_PROJECTS)).toEqual([
      {
        type: 'IncidentStatusChanged',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T03:14:22.039Z',
        data: { tool: 'jira', incidentId: '10040', status: 'INCIDENT_STATUS_LIVE', statusLabel: 'In Progress', previousStatus: 'INCIDENT_STATUS_TRIAGE', changedAt: '2019-02-16T03:14:22.039Z', by: ADMIN },
      },
    ]);
  });

  it('issue-updated-raised-priority: IncidentSeverityChanged Low → High is SEV2', () => {
    expect(events(fixture('issue-updated-raised-priority'), INCIDENT_PROJECTS)).toEqual([
      {
        type: 'IncidentSeverityChanged',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T21:15:16.080Z',
        data: { tool: 'jira', incidentId: '10040', severity: 'SEVERITY_SEV2', severityLabel: 'High', changedAt: '2019-02-16T21:15:16.080Z', by: ADMIN },
      },
    ]);
  });

  it('issue-updated-assigned: the new assignee leads the incident', () => {
    expect(events(fixture('issue-updated-assigned'), INCIDENT_PROJECTS)).toEqual([
      {
        type: 'IncidentRoleAssigned',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T03:18:01.752Z',
        data: { tool: 'jira', incidentId: '10040', role: 'INCIDENT_ROLE_LEAD', roleName: 'assignee', assignee: ADMIN, assignedAt: '2019-02-16T03:18:01.752Z', by: ADMIN },
      },
    ]);
  });

  it('server-issue-updated-resolved (Server/DC, no fieldId): status then resolution, by the user name', () => {
    const result = events(fixture('server-issue-updated-resolved'), INCIDENT_PROJECTS);
    const by = { ...SERVER_ADMIN, email: 'admin@admin.com' };
    expect(result).toEqual([
      {
        type: 'IncidentStatusChanged',
        streamId: 'incident-jira-10300',
        occurredAt: '2019-08-12T23:23:02.025Z',
        data: { tool: 'jira', incidentId: '10300', status: 'INCIDENT_STATUS_RESOLVED', statusLabel: 'Resolved', previousStatus: 'INCIDENT_STATUS_LIVE', changedAt: '2019-08-12T23:23:02.025Z', by },
      },
      { type: 'IncidentResolved', streamId: 'incident-jira-10300', occurredAt: '2019-08-12T23:23:02.025Z', data: { tool: 'jira', incidentId: '10300', resolvedAt: '2019-08-12T23:23:02.025Z', by } },
    ]);
  });

  it('server-issue-updated-in-progress: Reopened → In Progress is LIVE', () => {
    expect(events(fixture('server-issue-updated-in-progress'), INCIDENT_PROJECTS)[0]).toMatchObject({
      type: 'IncidentStatusChanged',
      occurredAt: '2019-08-14T03:02:33.680Z',
      data: { incidentId: '10300', status: 'INCIDENT_STATUS_LIVE', previousStatus: 'INCIDENT_STATUS_LIVE', by: { ...SERVER_ADMIN, email: 'test@example.com' } },
    });
  });

  it.each([
    ['issue-updated-labels', 'jira issue_updated of incident TES-41: no incident-relevant change (labels)'],
    ['issue-updated-sprint', 'jira issue_updated of incident TES-41: no incident-relevant change (Sprint)'],
    ['issue-deleted', 'jira issue_deleted of incident IDT-19: the canonical contract has no incident deletion, so its recorded history stands'],
    ['cloud-comment-created-mention-user', 'jira comment_created 10019 on incident TES-41: the canonical contract has no incident-participation event for comments'],
    ['cloud-comment-updated', 'jira comment_updated 10019 on incident TES-41: the canonical contract has no incident-participation event for comments'],
    [
      'server-comment-created',
      'jira comment_created 10082 on issue 10013: the delivery carries no issue (Jira Server), so it cannot be classed, and comments are not recorded',
    ],
  ])('%s is ignored: %s', (name, reason) => {
    expect(normalize(fixture(name), INCIDENT_PROJECTS)).toEqual({ outcome: 'ignored', reason });
  });

  it('an issue of an incident type is an incident under the default settings (type Incident)', () => {
    const body = changed(fixture('issue-created'), { 'issue.fields.issuetype.name': 'Incident' });
    expect(events(body, DEFAULT_NORMALIZER_SETTINGS).map((event) => event.type)).toEqual(['IncidentDeclared']);
  });

  it('a sub-task in an incident project is not an incident', () => {
    const body = changed(fixture('issue-created'), { 'issue.fields.issuetype': { name: 'Sub-task', subtask: true } });
    expect(normalize(body, INCIDENT_PROJECTS)).toEqual({ outcome: 'ignored', reason: expect.stringMatching(/^jira issue_created of TES-41 \(project TES, type Sub-task\): neither/) });
  });

  it.each([
    ['Highest', 'SEVERITY_SEV1'],
    ['High', 'SEVERITY_SEV2'],
    ['Medium', 'SEVERITY_SEV3'],
    ['Low', 'SEVERITY_SEV4'],
    ['Lowest', 'SEVERITY_SEV5'],
    ['Blocker', 'SEVERITY_SEV1'],
    ['P4', 'SEVERITY_SEV4'],
  ])('priority %s is %s', (priority, severity) => {
    const body = changed(fixture('issue-created'), { 'issue.fields.priority': { id: '1', name: priority } });
    expect(events(body, INCIDENT_PROJECTS)[0].data).toMatchObject({ severity, severityLabel: priority });
  });

  it('a custom priority keeps its label but has no severity; a change to it is not a severity change', () => {
    const created = changed(fixture('issue-created'), { 'issue.fields.priority': { name: 'Urgent-ish' } });
    expect(events(created, INCIDENT_PROJECTS)[0].data).toMatchObject({ severityLabel: 'Urgent-ish' });
    expect(events(created, INCIDENT_PROJECTS)[0].data).not.toHaveProperty('severity');
    const raised = changed(fixture('issue-updated-raised-priority'), { 'changelog.items.0.toString': 'Urgent-ish' });
    expect(normalize(raised, INCIDENT_PROJECTS)).toEqual({ outcome: 'ignored', reason: 'jira issue_updated of incident TES-41: no incident-relevant change (priority)' });
  });

  it('a workflow without a resolution field: the move into a done status resolves, out of it reopens', () => {
    const base = fixture('issue-updated-started-working');
    const done = changed(base, { 'changelog.items': [{ field: 'status', fieldId: 'status', from: '3', fromString: 'In Progress', to: '10002', toString: 'Done' }] });
    expect(events(done, INCIDENT_PROJECTS).map((event) => event.type)).toEqual(['IncidentStatusChanged', 'IncidentResolved']);
    const back = changed(base, { 'changelog.items': [{ field: 'status', fieldId: 'status', from: '10002', fromString: 'Done', to: '3', toString: 'In Progress' }] });
    expect(events(back, INCIDENT_PROJECTS).map((event) => event.type)).toEqual(['IncidentStatusChanged', 'IncidentReopened']);
  });

  it('a Mitigated status (JSM incident workflows) also gives IncidentMitigated; Canceled is CANCELED', () => {
    const base = fixture('issue-updated-started-working');
    const mitigated = changed(base, { 'changelog.items': [{ field: 'status', from: '3', fromString: 'In Progress', to: '5', toString: 'Mitigated' }] });
    expect(events(mitigated, INCIDENT_PROJECTS)).toEqual([
      expect.objectContaining({ type: 'IncidentStatusChanged', data: expect.objectContaining({ status: 'INCIDENT_STATUS_MITIGATED' }) }),
      { type: 'IncidentMitigated', streamId: 'incident-jira-10040', occurredAt: '2019-02-16T03:14:22.039Z', data: { tool: 'jira', incidentId: '10040', mitigatedAt: '2019-02-16T03:14:22.039Z', by: ADMIN } },
    ]);
    const canceled = changed(base, { 'changelog.items': [{ field: 'status', from: '3', fromString: 'In Progress', to: '6', toString: 'Canceled' }] });
    expect(events(canceled, INCIDENT_PROJECTS)).toEqual([
      expect.objectContaining({ type: 'IncidentStatusChanged', data: expect.objectContaining({ status: 'INCIDENT_STATUS_CANCELED', statusLabel: 'Canceled' }) }),
    ]);
  });

  it('an issue moved into an incident type is declared when it changes', () => {
    const body = changed(fixture('issue-updated-labels'), {
      'issue.fields.issuetype.name': 'Incident',
      'changelog.items': [{ field: 'issuetype', fieldId: 'issuetype', from: '10001', fromString: 'Story', to: '10005', toString: 'Incident' }],
    });
    expect(events(body, DEFAULT_NORMALIZER_SETTINGS)).toEqual([
      expect.objectContaining({ type: 'IncidentDeclared', occurredAt: '2019-02-16T21:12:10.065Z', data: expect.objectContaining({ incidentId: '10040', declaredAt: '2019-02-16T21:12:10.065Z' }) }),
    ]);
  });

  it('an incident re-typed as a Story is DECLINED: it never was an incident', () => {
    const body = changed(fixture('issue-updated-labels'), {
      'changelog.items': [{ field: 'issuetype', fieldId: 'issuetype', from: '10005', fromString: 'Incident', to: '10001', toString: 'Story' }],
    });
    expect(events(body, DEFAULT_NORMALIZER_SETTINGS)).toEqual([
      {
        type: 'IncidentStatusChanged',
        streamId: 'incident-jira-10040',
        occurredAt: '2019-02-16T21:12:10.065Z',
        data: {
          tool: 'jira',
          incidentId: '10040',
          status: 'INCIDENT_STATUS_DECLINED',
          statusLabel: 'type changed from Incident to Story',
          changedAt: '2019-02-16T21:12:10.065Z',
          by: ADMIN,
        },
      },
    ]);
  });

  it('a Cloud app account (automation) is a bot', () => {
    const body = changed(fixture('issue-updated-started-working'), { user: { accountId: '557058:automation', displayName: 'Automation for Jira', accountType: 'app' } });
    expect(events(body, INCIDENT_PROJECTS)[0].data).toMatchObject({ by: { tool: 'jira', id: '557058:automation', name: 'Automation for Jira', bot: true } });
  });
});

describe('Jira action items (settings: the fixtures’ types are action items of INC incidents)', () => {
  it('issue-created linked to incident INC-7: ActionItemCreated for that incident, at the created time, by its creator', () => {
    const body = changed(fixture('issue-created'), { 'issue.fields.issuelinks': [INCIDENT_LINK], 'issue.fields.duedate': '2019-03-01' });
    expect(events(body, ACTION_ITEM_TYPES)).toEqual([
      {
        type: 'ActionItemCreated',
        streamId: 'actionitem-jira-10040',
        occurredAt: '2019-02-16T03:01:52.971Z',
        data: {
          tool: 'jira',
          actionItemId: '10040',
          incident: { tool: 'jira', id: '20007' },
          dueAt: '2019-03-01T23:59:59.999Z',
          createdAt: '2019-02-16T03:01:52.971Z',
          createdBy: { identity: ADMIN },
        },
      },
    ]);
  });

  it('cloud-issue-created-many-fields under a parent in incident project INC: ActionItemCreated with its assignee and no due date', () => {
    const parent = { id: '20008', key: 'INC-8', fields: { issuetype: { name: 'Epic', subtask: false } } };
    const body = changed(fixture('cloud-issue-created-many-fields'), { 'issue.fields.parent': parent });
    expect(events(body, ACTION_ITEM_TYPES)[0].data).toEqual({
      tool: 'jira',
      actionItemId: '10509',
      incident: { tool: 'jira', id: '20008' },
      assignee: { identity: SAMPLE_USER },
      createdAt: '2019-08-27T19:43:24.193Z',
      createdBy: { identity: SAMPLE_USER },
    });
  });

  it('issue-created with no incident link: ignored until it is linked', () => {
    expect(normalize(fixture('issue-created'), ACTION_ITEM_TYPES)).toEqual({
      outcome: 'ignored',
      reason:
        'jira issue_created of action item TES-41: it names no incident (no parent or issue link to an incident issue), so it cannot count for one; it is recorded when it is linked',
    });
  });

  it('a link to its incident added later: ActionItemCreated (as of its creation) when the link is added', () => {
    const body = changed(fixture('issue-updated-labels'), {
      'issue.fields.issuelinks': [INCIDENT_LINK],
      'changelog.items': [{ field: 'Link', fieldtype: 'jira', from: null, fromString: null, to: 'INC-7', toString: 'This issue relates to INC-7' }],
    });
    expect(events(body, ACTION_ITEM_TYPES)).toEqual([
      {
        type: 'ActionItemCreated',
        streamId: 'actionitem-jira-10040',
        occurredAt: '2019-02-16T03:01:52.971Z',
        data: { tool: 'jira', actionItemId: '10040', incident: { tool: 'jira', id: '20007' }, createdAt: '2019-02-16T03:01:52.971Z' },
      },
    ]);
  });

  it('issue-updated-resolved: ActionItemClosed COMPLETED at the webhook timestamp', () => {
    expect(events(fixture('issue-updated-resolved'), ACTION_ITEM_TYPES)).toEqual([
      {
        type: 'ActionItemClosed',
        streamId: 'actionitem-jira-10040',
        occurredAt: '2019-02-16T03:15:40.507Z',
        data: { tool: 'jira', actionItemId: '10040', closedAt: '2019-02-16T03:15:40.507Z', closedBy: { identity: ADMIN }, outcome: 'ACTION_ITEM_OUTCOME_COMPLETED' },
      },
    ]);
  });

  it("a Won't Do resolution closes it as NOT_DOING", () => {
    const body = changed(fixture('issue-updated-resolved'), { 'changelog.items.0.toString': "Won't Do" });
    expect(events(body, ACTION_ITEM_TYPES)[0].data).toMatchObject({ outcome: 'ACTION_ITEM_OUTCOME_NOT_DOING' });
  });

  it('server-issue-updated-resolved (Server/DC): ActionItemClosed by the user name', () => {
    expect(events(fixture('server-issue-updated-resolved'), ACTION_ITEM_TYPES)).toEqual([
      {
        type: 'ActionItemClosed',
        streamId: 'actionitem-jira-10300',
        occurredAt: '2019-08-12T23:23:02.025Z',
        data: { tool: 'jira', actionItemId: '10300', closedAt: '2019-08-12T23:23:02.025Z', closedBy: { identity: { ...SERVER_ADMIN, email: 'admin@admin.com' } }, outcome: 'ACTION_ITEM_OUTCOME_COMPLETED' },
      },
    ]);
  });

  it('issue-updated-reopened: ActionItemReopened', () => {
    expect(events(fixture('issue-updated-reopened'), ACTION_ITEM_TYPES)).toEqual([
      { type: 'ActionItemReopened', streamId: 'actionitem-jira-10040', occurredAt: '2019-02-16T03:17:06.531Z', data: { tool: 'jira', actionItemId: '10040', reopenedAt: '2019-02-16T03:17:06.531Z', by: { identity: ADMIN } } },
    ]);
  });

  it('issue-updated-assigned: ActionItemAssigned; an unassignment has no assignee', () => {
    expect(events(fixture('issue-updated-assigned'), ACTION_ITEM_TYPES)).toEqual([
      {
        type: 'ActionItemAssigned',
        streamId: 'actionitem-jira-10040',
        occurredAt: '2019-02-16T03:18:01.752Z',
        data: { tool: 'jira', actionItemId: '10040', assignee: { identity: ADMIN }, assignedAt: '2019-02-16T03:18:01.752Z', by: { identity: ADMIN } },
      },
    ]);
    const unassigned = changed(fixture('issue-updated-assigned'), { 'issue.fields.assignee': null, 'changelog.items.0.to': null, 'changelog.items.0.toString': null });
    expect(events(unassigned, ACTION_ITEM_TYPES)[0].data).not.toHaveProperty('assignee');
  });

  it('a due date set and removed: ActionItemDueDateChanged (end of the due day, UTC), then without a date', () => {
    const base = fixture('issue-updated-labels');
    const set = changed(base, {
      'issue.fields.duedate': '2019-03-01',
      'changelog.items': [{ field: 'duedate', fieldtype: 'jira', fieldId: 'duedate', from: null, fromString: null, to: '2019-03-01', toString: '1/Mar/19' }],
    });
    expect(events(set, ACTION_ITEM_TYPES)).toEqual([
      {
        type: 'ActionItemDueDateChanged',
        streamId: 'actionitem-jira-10040',
        occurredAt: '2019-02-16T21:12:10.065Z',
        data: { tool: 'jira', actionItemId: '10040', dueAt: '2019-03-01T23:59:59.999Z', changedAt: '2019-02-16T21:12:10.065Z', by: { identity: ADMIN } },
      },
    ]);
    const removed = changed(base, { 'changelog.items': [{ field: 'duedate', fieldId: 'duedate', from: '2019-03-01', fromString: '1/Mar/19', to: null, toString: null }] });
    expect(events(removed, ACTION_ITEM_TYPES)[0].data).toEqual({ tool: 'jira', actionItemId: '10040', changedAt: '2019-02-16T21:12:10.065Z', by: { identity: ADMIN } });
  });

  it('issue-deleted: ActionItemClosed NOT_DOING (it will never be done and must not stay open)', () => {
    expect(events(fixture('issue-deleted'), ACTION_ITEM_TYPES)).toEqual([
      {
        type: 'ActionItemClosed',
        streamId: 'actionitem-jira-10303',
        occurredAt: '2019-07-03T18:05:36.176Z',
        data: { tool: 'jira', actionItemId: '10303', closedAt: '2019-07-03T18:05:36.176Z', closedBy: { identity: ADMIN }, outcome: 'ACTION_ITEM_OUTCOME_NOT_DOING' },
      },
    ]);
  });

  it.each([
    ['issue-updated-started-working', 'jira issue_updated of action item TES-41: no action-item-relevant change (status)'],
    ['issue-updated-raised-priority', 'jira issue_updated of action item TES-41: no action-item-relevant change (priority)'],
    ['cloud-comment-updated', 'jira comment_updated 10019 on action item TES-41: a comment changes nothing about an action item'],
  ])('%s is ignored: %s', (name, reason) => {
    expect(normalize(fixture(name), ACTION_ITEM_TYPES)).toEqual({ outcome: 'ignored', reason });
  });

  it('an action-item type wins over an incident project (post-incident actions filed in the incident project)', () => {
    const settings = settingsWith({ incidentProjects: ['TES'], actionItemIssueTypes: ['Story'] });
    const body = changed(fixture('issue-created'), { 'issue.fields.issuelinks': [INCIDENT_LINK] });
    expect(events(body, settings).map((event) => event.type)).toEqual(['ActionItemCreated']);
  });
});

describe('Jira failures', () => {
  const created = fixture('issue-created');

  it.each([
    ['timestamp dropped', { timestamp: undefined }, /^jira jira:issue_created: timestamp: expected number, received undefined$/],
    ['timestamp a string', { timestamp: '1550286113023' }, /^jira jira:issue_created: timestamp: expected number, received string$/],
    ['issue.key dropped', { 'issue.key': undefined }, /^jira jira:issue_created: issue\.key: expected string, received undefined$/],
    ['issue.id blank', { 'issue.id': '' }, /^jira jira:issue_created: issue\.id: expected a non-empty string$/],
    ['issue.fields.project dropped', { 'issue.fields.project': undefined }, /^jira jira:issue_created: issue\.fields\.project: expected object, received undefined$/],
    ['issue.fields.issuetype.name a number', { 'issue.fields.issuetype.name': 7 }, /^jira jira:issue_created: issue\.fields\.issuetype\.name: expected string, received number$/],
    ['issue.fields.created dropped (an incident)', { 'issue.fields.created': undefined }, /^jira jira:issue_created: issue\.fields\.created: expected string, received undefined$/],
    ['issue.fields.created unreadable', { 'issue.fields.created': 'last tuesday' }, /^issue\.fields\.created: cannot read time "last tuesday"/],
    ['changelog.items not a list', { 'changelog.items': {} }, /^jira jira:issue_created: changelog\.items: expected array, received object$/],
    ['webhookEvent dropped', { webhookEvent: undefined }, /^jira delivery: webhookEvent: expected string, received undefined$/],
  ])('%s → MALFORMED naming the field', (_case, changes, message) => {
    const error = failure(changed(created, changes));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(message);
  });

  it('an unreadable due date on an action item → MALFORMED naming it', () => {
    const body = changed(created, { 'issue.fields.issuelinks': [INCIDENT_LINK], 'issue.fields.duedate': '01/03/2019' });
    expect(failure(body, ACTION_ITEM_TYPES)).toMatchObject({ code: 'MALFORMED', message: 'issue.fields.duedate: expected a Jira date like "2024-05-10", got "01/03/2019"' });
  });

  it('an ordinary issue is not held to the fields only incidents need', () => {
    expect(normalize(changed(created, { 'issue.fields.created': undefined, 'issue.fields.status': 'weird' }))).toMatchObject({ outcome: 'ignored' });
  });

  it('a body that is not JSON is MALFORMED', () => {
    expect(failure('webhookEvent=jira:issue_created')).toMatchObject({ code: 'MALFORMED', message: 'jira delivery body is not JSON' });
  });

  it.each([
    ['worklog_created', 'jira worklog_created: time logging is not a collaboration signal Tandem measures'],
    ['issuelink_created', expect.stringMatching(/^jira issuelink_created: it names only issue ids/)],
    ['jira:version_released', 'jira jira:version_released: release versions are not tracked'],
  ])('%s is knowingly ignored', (webhookEvent, reason) => {
    expect(normalize(changed(created, { webhookEvent }))).toEqual({ outcome: 'ignored', reason });
  });

  it('an unknown webhookEvent → UNKNOWN_EVENT_TYPE', () => {
    expect(failure(changed(created, { webhookEvent: 'jira:issue_teleported' }))).toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
      message: 'jira webhookEvent "jira:issue_teleported" is neither handled nor knowingly ignored',
    });
  });
});

describe('Jira canonical events', () => {
  it('a different delivery id gives different ids', () => {
    const derived = events(fixture('issue-updated-resolved'), INCIDENT_PROJECTS);
    const one = toCanonicalEvents(delivery('{}', 'delivery-a'), derived);
    const two = toCanonicalEvents(delivery('{}', 'delivery-b'), derived);
    expect(one[0].event.eventId).not.toBe(two[0].event.eventId);
  });
});
