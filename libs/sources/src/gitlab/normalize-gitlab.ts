import { NormalizationError } from '../normalization-error';
import type { Normalization, Normalizer, NormalizerSettings } from '../normalizer';
import { parseJsonBody } from '../shared/payload';
import { normalizeDeployment } from './deployments';
import { normalizeIssue } from './issues';
import { normalizeMergeRequest, normalizeNote } from './merge-requests';
import { normalizePipeline } from './pipelines';
import { normalizePush } from './pushes';

const EVENT_HEADER = 'x-gitlab-event';

/** The `X-Gitlab-Event` values that become canonical events (for some of their states). */
const HANDLERS: Readonly<Record<string, (body: unknown, settings: NormalizerSettings) => Normalization>> = {
  'Merge Request Hook': normalizeMergeRequest,
  'Note Hook': normalizeNote,
  // Internal notes (GitLab 15+): a comment like any other, and no text is kept anyway.
  'Confidential Note Hook': normalizeNote,
  'Push Hook': normalizePush,
  'Pipeline Hook': normalizePipeline,
  'Deployment Hook': normalizeDeployment,
  'Issue Hook': normalizeIssue,
  'Confidential Issue Hook': normalizeIssue,
};

/** Events GitLab documents that Tandem knowingly does not use, and why. */
const IGNORED_EVENTS: Readonly<Record<string, string>> = {
  'Tag Push Hook': 'tags are not deployments; the commits reach branches through Push Hook',
  'Job Hook': 'single jobs are too fine-grained; the pipeline arrives as Pipeline Hook',
  'Release Hook': 'releases are not deployments; deployments arrive as Deployment Hook',
  'Member Hook': 'project and group membership is not team membership (that comes from tandem.yaml)',
  'Feature Flag Hook': 'feature-flag toggles are not deployments',
  'Wiki Page Hook': 'wiki edits do not enter any KPI',
  'Emoji Hook': 'award emoji do not enter any KPI',
  'Subgroup Hook': 'group structure does not enter any KPI',
  'Project Hook': 'project lifecycle does not enter any KPI',
  'Resource Access Token Hook': 'token expiry notices carry no activity',
  'Vulnerability Hook': 'security findings do not enter any KPI',
};

/**
 * GitLab webhooks → canonical events, routed on the `X-Gitlab-Event` header. Every `occurredAt` is
 * a time from the payload, read with `fromGitlabTime` (GitLab mixes three formats).
 */
export const normalizeGitlab: Normalizer = (delivery, settings, parsed): Normalization => {
  const event = delivery.headers[EVENT_HEADER];
  if (!event) throw new NormalizationError('MALFORMED', `GitLab delivery without the ${EVENT_HEADER} header`);
  const skipped = IGNORED_EVENTS[event];
  if (skipped !== undefined) return { outcome: 'ignored', reason: `GitLab ${event}: ${skipped}` };
  const handler = HANDLERS[event];
  if (handler === undefined) throw new NormalizationError('UNKNOWN_EVENT_TYPE', `GitLab event "${event}" is not handled`);
  return handler(parseJsonBody(delivery, parsed), settings);
};
