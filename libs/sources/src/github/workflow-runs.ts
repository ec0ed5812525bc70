import { streamFor, type WorkflowConclusionJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import { optionalTimeAt, parsePayload, timeAt } from '../shared/payload';
import { fromIsoTime } from '../vendor-time';
import { GITHUB, optionalGithubIdentity } from './github-identity';
import { workflowRunDelivery } from './github-payload';
import type { GithubFamily } from './github-routing';

const CONCLUSIONS: Record<string, WorkflowConclusionJson> = {
  success: 'WORKFLOW_CONCLUSION_SUCCESS',
  failure: 'WORKFLOW_CONCLUSION_FAILURE',
  // The run could not start (bad workflow file): it failed.
  startup_failure: 'WORKFLOW_CONCLUSION_FAILURE',
  cancelled: 'WORKFLOW_CONCLUSION_CANCELLED',
  skipped: 'WORKFLOW_CONCLUSION_SKIPPED',
  timed_out: 'WORKFLOW_CONCLUSION_TIMED_OUT',
  neutral: 'WORKFLOW_CONCLUSION_NEUTRAL',
  action_required: 'WORKFLOW_CONCLUSION_ACTION_REQUIRED',
  stale: 'WORKFLOW_CONCLUSION_STALE',
};

/** A GitHub Actions run; only its completion is a fact Tandem keeps. */
export const workflowRunFamily: GithubFamily = {
  handled: ['completed'],
  ignored: {
    requested: 'a run that has not finished yet; its completed delivery is the fact',
    in_progress: 'a run that has not finished yet; its completed delivery is the fact',
  },
  normalize: (body) => {
    const delivery = parsePayload(workflowRunDelivery, body, 'GitHub workflow_run delivery');
    const run = delivery.workflow_run;
    const conclusion = run.conclusion === null ? undefined : CONCLUSIONS[run.conclusion];
    if (conclusion === undefined) {
      throw new NormalizationError(
        'MALFORMED',
        `workflow_run.conclusion: expected one of ${Object.keys(CONCLUSIONS).join(', ')} for a completed run, received ${JSON.stringify(run.conclusion)}`,
      );
    }
    // workflow_run.name is empty for runs of unnamed workflows; workflow.name and the file path
    // name the workflow then.
    const workflowName = run.name || delivery.workflow?.name || run.path;
    if (!workflowName) {
      throw new NormalizationError('MALFORMED', 'workflow_run.name: expected a name (or workflow.name, or workflow_run.path)');
    }
    const repo = delivery.repository.full_name;
    // A completed run's last update is its completion; GitHub has no separate completed_at here.
    const completedAt = timeAt(fromIsoTime, run.updated_at, 'workflow_run.updated_at');
    const startedAt = optionalTimeAt(fromIsoTime, run.run_started_at, 'workflow_run.run_started_at');
    const actor = optionalGithubIdentity(run.triggering_actor ?? run.actor);
    return {
      outcome: 'events',
      events: [
        {
          type: 'WorkflowRunCompleted',
          streamId: streamFor.repository(GITHUB, repo),
          occurredAt: completedAt,
          data: {
            tool: GITHUB,
            repo,
            runId: String(run.id),
            workflowName,
            ...(run.event ? { trigger: run.event } : {}),
            headSha: run.head_sha,
            ...(run.head_branch ? { headBranch: run.head_branch } : {}),
            conclusion,
            ...(startedAt ? { startedAt } : {}),
            completedAt,
            ...(actor ? { actor } : {}),
            pullRequestNumbers: (run.pull_requests ?? []).map((pr) => pr.number),
            ...(run.run_attempt !== undefined ? { runAttempt: run.run_attempt } : {}),
          },
        },
      ],
    };
  },
};
