import { streamFor, type WorkflowConclusionJson } from '@tandem/contracts';
import { NormalizationError } from '../normalization-error';
import type { Normalization } from '../normalizer';
import { optionalTimeAt, parsePayload, timeAt } from '../shared/payload';
import { fromGitlabTime } from '../vendor-time';
import { GITLAB, optionalGitlabIdentity } from './gitlab-identity';
import { pipelineDelivery } from './gitlab-payload';

const FINISHED: Record<string, WorkflowConclusionJson> = {
  success: 'WORKFLOW_CONCLUSION_SUCCESS',
  failed: 'WORKFLOW_CONCLUSION_FAILURE',
  canceled: 'WORKFLOW_CONCLUSION_CANCELLED',
  skipped: 'WORKFLOW_CONCLUSION_SKIPPED',
};

/** Pipeline statuses before the end: the pipeline's finished delivery is the fact. */
const NOT_FINISHED = new Set([
  'created',
  'waiting_for_resource',
  'preparing',
  'waiting_for_callback',
  'pending',
  'running',
  'canceling',
  'manual',
  'scheduled',
]);

/** Pipeline Hook → WorkflowRunCompleted for finished pipelines. */
export function normalizePipeline(body: unknown): Normalization {
  const delivery = parsePayload(pipelineDelivery, body, 'GitLab Pipeline Hook');
  const pipeline = delivery.object_attributes;
  if (NOT_FINISHED.has(pipeline.status)) {
    return { outcome: 'ignored', reason: `GitLab Pipeline Hook ${pipeline.status}: not finished; the finished delivery is the fact` };
  }
  const conclusion = FINISHED[pipeline.status];
  if (conclusion === undefined) {
    throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitLab Pipeline Hook status "${pipeline.status}" is not handled`);
  }
  if (typeof pipeline.finished_at !== 'string') {
    // A pipeline canceled or skipped before any job ran never finishes in GitLab's records.
    if (pipeline.status === 'canceled' || pipeline.status === 'skipped') {
      return { outcome: 'ignored', reason: `GitLab Pipeline Hook ${pipeline.status}: the pipeline never ran (no finished_at)` };
    }
    throw new NormalizationError('MALFORMED', `object_attributes.finished_at: expected string for a ${pipeline.status} pipeline`);
  }
  const completedAt = timeAt(fromGitlabTime, pipeline.finished_at, 'object_attributes.finished_at');
  // The hook has no start time; created_at (queued) is the closest the vendor gives.
  const startedAt = optionalTimeAt(fromGitlabTime, pipeline.created_at, 'object_attributes.created_at');
  const repo = delivery.project.path_with_namespace;
  const actor = optionalGitlabIdentity(delivery.user);
  return {
    outcome: 'events',
    events: [
      {
        type: 'WorkflowRunCompleted',
        streamId: streamFor.repository(GITLAB, repo),
        occurredAt: completedAt,
        data: {
          tool: GITLAB,
          repo,
          runId: String(pipeline.id),
          // Pipelines are named only when the CI file names them (workflow:name, GitLab 16+).
          workflowName: pipeline.name || 'pipeline',
          ...(pipeline.source ? { trigger: pipeline.source } : {}),
          headSha: pipeline.sha,
          ...(pipeline.ref && pipeline.tag !== true ? { headBranch: pipeline.ref } : {}),
          conclusion,
          ...(startedAt ? { startedAt } : {}),
          completedAt,
          ...(actor ? { actor } : {}),
          pullRequestNumbers: delivery.merge_request ? [delivery.merge_request.iid] : [],
        },
      },
    ],
  };
}
