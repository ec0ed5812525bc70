import { NormalizationError } from '../normalization-error';
import type { Normalization, Normalizer } from '../normalizer';
import { parseJsonBody, parsePayload } from '../shared/payload';
import { deploymentFamily, deploymentStatusFamily } from './deployments';
import { actionOnly } from './github-payload';
import type { GithubFamily } from './github-routing';
import { issuesFamily } from './issues';
import {
  issueCommentFamily,
  pullRequestFamily,
  pullRequestReviewCommentFamily,
  pullRequestReviewFamily,
} from './pull-requests';
import { pushFamily } from './pushes';
import { workflowRunFamily } from './workflow-runs';

const EVENT_HEADER = 'x-github-event';

/** The `X-GitHub-Event` values that become canonical events (for some of their actions). */
const FAMILIES: Readonly<Record<string, GithubFamily>> = {
  pull_request: pullRequestFamily,
  pull_request_review: pullRequestReviewFamily,
  pull_request_review_comment: pullRequestReviewCommentFamily,
  issue_comment: issueCommentFamily,
  push: pushFamily,
  deployment: deploymentFamily,
  deployment_status: deploymentStatusFamily,
  workflow_run: workflowRunFamily,
  issues: issuesFamily,
};

/** Events GitHub documents that Tandem knowingly does not use, and why. */
const IGNORED_EVENTS: Readonly<Record<string, string>> = {
  ping: 'the hook test sent when a webhook is created; carries no activity',
  pull_request_review_thread: 'resolving a thread is bookkeeping; its comments arrive as pull_request_review_comment',
  deployment_review: 'an approval gate on a deployment; its outcome arrives as deployment_status',
  deployment_protection_rule: 'a protection-rule check on a deployment; its outcome arrives as deployment_status',
  workflow_job: 'single jobs are too fine-grained; the run arrives as workflow_run completed',
  check_run: 'CI results arrive as workflow_run completed; third-party checks are not a KPI input',
  check_suite: 'CI results arrive as workflow_run completed; third-party checks are not a KPI input',
  status: 'commit statuses are not a KPI input; deployments arrive as deployment_status',
  release: 'releases are not deployments; deployments arrive as deployment/deployment_status',
  create: 'a branch or tag creation also arrives as push (created: true) with its shas',
  delete: 'a branch or tag deletion also arrives as push (deleted: true) with its shas',
  installation: 'GitHub App installation bookkeeping',
  installation_repositories: 'GitHub App installation bookkeeping',
};

/**
 * GitHub webhooks → canonical events. The event type is the `X-GitHub-Event` header; its `action`
 * picks the fact. Every `occurredAt` is a time from the payload.
 */
export const normalizeGithub: Normalizer = (delivery, settings, parsed): Normalization => {
  const event = delivery.headers[EVENT_HEADER];
  if (!event) throw new NormalizationError('MALFORMED', `GitHub delivery without the ${EVENT_HEADER} header`);
  const skipped = IGNORED_EVENTS[event];
  if (skipped !== undefined) return { outcome: 'ignored', reason: `GitHub ${event}: ${skipped}` };
  const family = FAMILIES[event];
  if (family === undefined) throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitHub event "${event}" is not handled`);

  const body = parseJsonBody(delivery, parsed);
  let label = event;
  if (family.handled !== 'any') {
    const { action } = parsePayload(actionOnly, body, `GitHub ${event} delivery`);
    label = `${event}.${action}`;
    const reason = family.ignored[action];
    if (reason !== undefined) return { outcome: 'ignored', reason: `GitHub ${label}: ${reason}` };
    if (!family.handled.includes(action)) {
      throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitHub ${event} action "${action}" is not handled`);
    }
  }
  const result = family.normalize(body, settings);
  return result.outcome === 'ignored' ? { outcome: 'ignored', reason: `GitHub ${label}: ${result.reason}` } : result;
};
