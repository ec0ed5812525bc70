import githubPushWithOrganization from '../../../../test/fixtures/webhooks/github/push__with-organization.json';
import jiraIssueAssigned from '../../../../test/fixtures/webhooks/jira/mm-jira__webhook-issue-updated-assigned.json';
import pagerdutyPriorityUpdated from '../../../../test/fixtures/webhooks/pagerduty/pd-docs__envelope__incident.priority_updated.json';
import slackMessageShapes from '../../../../test/fixtures/webhooks/slack/java-slack-sdk__MessagePayload.json';
import type { DemoDelivery } from '../demo-delivery';
import { generateDemo } from '../generate-demo';
import { TEMPLATES } from './fixture-templates';

/** Every field path of a JSON value (`.a.b`, array items as `[]`), the event type key generalised. */
function fieldPaths(value: unknown, prefix = '', paths = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) fieldPaths(item, `${prefix}[]`, paths);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const name = key.startsWith('public_incident.') ? '<resource>' : key;
      paths.add(`${prefix}.${name}`);
      fieldPaths(item, `${prefix}.${name}`, paths);
    }
  }
  return paths;
}

/** The kind of a delivery, as the vendor names it. */
function kindOf(delivery: DemoDelivery, body: Record<string, unknown>): string {
  switch (delivery.source) {
    case 'github':
      return `github ${delivery.headers['x-github-event']}${delivery.headers['x-github-event'] === 'push' ? '' : ` ${String(body.action)}`}`;
    case 'gitlab':
      return `gitlab ${delivery.headers['x-gitlab-event']}`;
    case 'pagerduty':
      return `pagerduty ${String((body.event as Record<string, unknown>).event_type)}`;
    case 'opsgenie':
      return `opsgenie ${String(body.action)}`;
    case 'incidentio':
      return `incidentio ${String(body.event_type)}`;
    case 'jira':
      return `jira ${String(body.webhookEvent)}`;
    case 'slack':
      return `slack ${String((body.event as Record<string, unknown>).type)}`;
    case 'teams':
      return 'teams message';
  }
}

/**
 * The vendor samples each kind of delivery is built from. Where one sample leaves a field empty or
 * null, another sample of the same vendor shows its shape (an assigned Jira issue, a PagerDuty
 * priority, a Slack thread reply, a push to an organisation's repository).
 */
const SAMPLES: Readonly<Record<string, readonly object[]>> = {
  'github pull_request opened': [TEMPLATES.github.pullRequestOpened],
  'github pull_request closed': [TEMPLATES.github.pullRequestMerged],
  'github pull_request_review submitted': [TEMPLATES.github.reviewSubmitted],
  'github push': [TEMPLATES.github.push, githubPushWithOrganization],
  'github deployment created': [TEMPLATES.github.deployment],
  'github deployment_status created': [TEMPLATES.github.deploymentStatus],
  'gitlab Merge Request Hook': [TEMPLATES.gitlab.mergeRequest, TEMPLATES.gitlab.mergeRequestMerged],
  'gitlab Push Hook': [TEMPLATES.gitlab.push],
  'gitlab Deployment Hook': [TEMPLATES.gitlab.deployment],
  'pagerduty incident.triggered': [TEMPLATES.pagerduty.triggered, pagerdutyPriorityUpdated],
  'pagerduty incident.acknowledged': [TEMPLATES.pagerduty.acknowledged, pagerdutyPriorityUpdated],
  'pagerduty incident.resolved': [TEMPLATES.pagerduty.resolved, pagerdutyPriorityUpdated],
  'pagerduty incident.responder.added': [TEMPLATES.pagerduty.responderAdded],
  'opsgenie Create': [TEMPLATES.opsgenie.create],
  'opsgenie Acknowledge': [TEMPLATES.opsgenie.acknowledge],
  'opsgenie Close': [TEMPLATES.opsgenie.close],
  'incidentio public_incident.incident_created_v2': [TEMPLATES.incidentio.incident],
  'incidentio public_incident.incident_updated_v2': [TEMPLATES.incidentio.incident],
  'incidentio public_incident.incident_status_updated_v2': [TEMPLATES.incidentio.statusUpdated],
  'incidentio public_incident.follow_up_created_v2': [TEMPLATES.incidentio.followUp],
  'incidentio public_incident.follow_up_updated_v2': [TEMPLATES.incidentio.followUp],
  'incidentio public_incident.postmortem_document_status_updated_v1': [TEMPLATES.incidentio.postmortem],
  'jira jira:issue_created': [TEMPLATES.jira.issueCreated, jiraIssueAssigned],
  'jira jira:issue_updated': [TEMPLATES.jira.issueResolved, jiraIssueAssigned],
  'slack message': [TEMPLATES.slack.message, slackMessageShapes],
  'slack reaction_added': [TEMPLATES.slack.reaction],
  'teams message': [TEMPLATES.teams.kudos],
};

/**
 * Fields no sample shows, each documented by its vendor: a GitHub deployment's free-form payload
 * naming what a rollback undoes, GitLab's `environment_tier`, a Jira issue link, the user element of
 * a Slack rich-text mention, and the AAD object id of a mentioned Teams account (Bot Framework
 * ChannelAccount).
 */
const DOCUMENTED_ADDITIONS = [
  /^\.deployment\.payload\.reverts_(deployment_id|sha)$/,
  /^\.environment_tier$/,
  /^\.issue\.fields\.issuelinks\[\]/,
  /^\.event\.blocks\[\]\.elements\[\]\.elements\[\]\.user_id$/,
  /^\.entities\[\]\.mentioned\.aadObjectId$/,
];

describe('demo deliveries', () => {
  it('carry only the fields of the vendor samples they are built from (and a few documented ones)', () => {
    const seen = new Map<string, Set<string>>();
    for (const delivery of generateDemo({ seed: 42, scale: 'small', until: new Date('2026-03-02T12:00:00.000Z'), weeks: 5 }).deliveries()) {
      const body = JSON.parse(delivery.body.toString('utf8')) as Record<string, unknown>;
      const kind = kindOf(delivery, body);
      seen.set(kind, fieldPaths(body, '', seen.get(kind)));
    }
    expect([...seen.keys()].sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const [kind, paths] of seen) {
      const sampled = new Set(SAMPLES[kind].flatMap((sample) => [...fieldPaths(sample)]));
      const invented = [...paths].filter((path) => !sampled.has(path) && !DOCUMENTED_ADDITIONS.some((pattern) => pattern.test(path)));
      expect({ kind, invented }).toEqual({ kind, invented: [] });
    }
  });
});
