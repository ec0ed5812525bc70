/**
 * The real vendor payloads in test/fixtures/webhooks, used as the templates of the demo's
 * deliveries: each generated body starts from the sample of the same event and replaces its
 * values, so it has the vendor's shape, field for field. (The one place the demo reads them.)
 */
import githubDeployment from '../../../../test/fixtures/webhooks/github/deployment__payload.json';
import githubDeploymentStatus from '../../../../test/fixtures/webhooks/github/deployment_status__payload.json';
import githubPullRequestMerged from '../../../../test/fixtures/webhooks/github/pull_request__closed.merged.json';
import githubPullRequestOpened from '../../../../test/fixtures/webhooks/github/pull_request__opened.json';
import githubReviewSubmitted from '../../../../test/fixtures/webhooks/github/pull_request_review__submitted.json';
import githubPush from '../../../../test/fixtures/webhooks/github/push__with-new-branch.json';
import githubPushWithOrganization from '../../../../test/fixtures/webhooks/github/push__with-organization.json';
import gitlabDeployment from '../../../../test/fixtures/webhooks/gitlab/go-gitlab__deployment.json';
import gitlabMergeRequest from '../../../../test/fixtures/webhooks/gitlab/go-gitlab__merge_request.json';
import gitlabMergeRequestMerged from '../../../../test/fixtures/webhooks/gitlab/handmade__merge_request.merge.json';
import gitlabPush from '../../../../test/fixtures/webhooks/gitlab/go-gitlab__push.json';
import incidentioFollowUp from '../../../../test/fixtures/webhooks/incident-io/openapi-example__public_incident.follow_up_created_v2.json';
import incidentioIncident from '../../../../test/fixtures/webhooks/incident-io/openapi-example__public_incident.incident_created_v2.json';
import incidentioPostmortem from '../../../../test/fixtures/webhooks/incident-io/openapi-example__public_incident.postmortem_document_status_updated_v1.json';
import incidentioStatusUpdated from '../../../../test/fixtures/webhooks/incident-io/openapi-example__public_incident.incident_status_updated_v2.json';
import jiraIssueCreated from '../../../../test/fixtures/webhooks/jira/mm-jira__webhook-issue-created.json';
import jiraIssueResolved from '../../../../test/fixtures/webhooks/jira/mm-jira__webhook-issue-updated-resolved.json';
import opsgenieAcknowledge from '../../../../test/fixtures/webhooks/opsgenie/zulip__acknowledge.json';
import opsgenieClose from '../../../../test/fixtures/webhooks/opsgenie/zulip__close.json';
import opsgenieCreate from '../../../../test/fixtures/webhooks/opsgenie/zulip__create.json';
import pagerdutyAcknowledged from '../../../../test/fixtures/webhooks/pagerduty/zulip__acknowledged_v3.json';
import pagerdutyResolved from '../../../../test/fixtures/webhooks/pagerduty/zulip__resolved_v3.json';
import pagerdutyResponderAdded from '../../../../test/fixtures/webhooks/pagerduty/zulip__responder_added.json';
import pagerdutyTriggered from '../../../../test/fixtures/webhooks/pagerduty/zulip__triggered_v3.json';
import slackMessage from '../../../../test/fixtures/webhooks/slack/zulip__message_with_normal_text.json';
import slackReaction from '../../../../test/fixtures/webhooks/slack/docs__reaction_added.json';
import teamsKudos from '../../../../test/fixtures/webhooks/teams/handmade__outgoing-webhook_channel-message.kudos.json';

export const TEMPLATES = {
  github: {
    pullRequestOpened: githubPullRequestOpened,
    pullRequestMerged: githubPullRequestMerged,
    reviewSubmitted: githubReviewSubmitted,
    push: githubPush,
    pushOrganization: githubPushWithOrganization.organization,
    deployment: githubDeployment,
    deploymentStatus: githubDeploymentStatus,
  },
  gitlab: {
    mergeRequest: gitlabMergeRequest,
    mergeRequestMerged: gitlabMergeRequestMerged,
    push: gitlabPush,
    deployment: gitlabDeployment,
  },
  pagerduty: {
    triggered: pagerdutyTriggered,
    acknowledged: pagerdutyAcknowledged,
    resolved: pagerdutyResolved,
    responderAdded: pagerdutyResponderAdded,
  },
  opsgenie: { create: opsgenieCreate, acknowledge: opsgenieAcknowledge, close: opsgenieClose },
  incidentio: {
    incident: incidentioIncident,
    statusUpdated: incidentioStatusUpdated,
    followUp: incidentioFollowUp,
    postmortem: incidentioPostmortem,
  },
  jira: { issueCreated: jiraIssueCreated, issueResolved: jiraIssueResolved },
  slack: { message: slackMessage, reaction: slackReaction },
  teams: { kudos: teamsKudos },
} as const;

/**
 * A template's value with every string rewritten (`[from, to]` pairs, all occurrences): how the
 * sample's own names (`Codertocat/Hello-World`, `pig208`) become the demo's in its many URLs.
 */
export function rewriteStrings<T>(value: T, pairs: readonly (readonly [string, string])[]): T {
  if (typeof value === 'string') return pairs.reduce((text, [from, to]) => text.split(from).join(to), value as string) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => rewriteStrings(item, pairs)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewriteStrings(item, pairs)])) as T;
  }
  return value;
}
