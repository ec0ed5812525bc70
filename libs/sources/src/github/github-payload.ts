import { z } from 'zod';

/**
 * The fields of GitHub webhook payloads the normalizer reads, and only those: other fields are
 * accepted (and left out of the parsed value), so GitHub may add fields freely, while a missing or mistyped field we need is MALFORMED with its
 * path. Times are left as strings (or epoch numbers) and go through `vendor-time`.
 */

const isoTime = z.string();
// A union (not .nullable()) so a wrong value reads "expected string or null".
const nullableString = z.union([z.string(), z.null()]);
const optionalString = z.string().nullish();

/** A user or bot as GitHub embeds it (`sender`, `pull_request.user`, `review.user`, …). */
export const githubUser = z.object({
  login: z.string().min(1),
  id: z.number().int().optional(),
  type: z.string().optional(),
  name: optionalString,
  email: optionalString,
});
export type GithubUser = z.infer<typeof githubUser>;

export const githubRepository = z.object({
  full_name: z.string().min(1),
  default_branch: z.string().optional(),
});

const prNumber = z.number().int().positive();

/** `pull_request` as embedded in pull_request, pull_request_review and review-comment deliveries. */
export const githubPullRequest = z.object({
  number: prNumber,
  user: githubUser,
  created_at: isoTime,
  updated_at: isoTime,
  closed_at: nullableString.optional(),
  merged_at: nullableString.optional(),
  merged: z.boolean().nullish(),
  merge_commit_sha: nullableString.optional(),
  merged_by: githubUser.nullish(),
  draft: z.boolean().optional(),
  head: z.object({ ref: z.string().min(1), sha: z.string().min(1) }),
  base: z.object({ ref: z.string().min(1) }),
});
export type GithubPullRequest = z.infer<typeof githubPullRequest>;

export const pullRequestDelivery = z.object({
  action: z.string(),
  pull_request: githubPullRequest,
  repository: githubRepository,
  sender: githubUser,
});
export type PullRequestDelivery = z.infer<typeof pullRequestDelivery>;

export const pullRequestReviewDelivery = z.object({
  action: z.string(),
  review: z.object({
    id: z.number().int(),
    user: githubUser,
    state: z.string(),
    submitted_at: isoTime,
    commit_id: optionalString,
  }),
  pull_request: githubPullRequest.pick({ number: true, user: true, created_at: true }),
  repository: githubRepository,
});
export type PullRequestReviewDelivery = z.infer<typeof pullRequestReviewDelivery>;

const githubComment = z.object({
  id: z.number().int(),
  user: githubUser,
  created_at: isoTime,
  in_reply_to_id: z.number().int().nullish(),
});

export const pullRequestReviewCommentDelivery = z.object({
  action: z.string(),
  comment: githubComment,
  pull_request: githubPullRequest.pick({ number: true, user: true, created_at: true }),
  repository: githubRepository,
});
export type PullRequestReviewCommentDelivery = z.infer<typeof pullRequestReviewCommentDelivery>;

export const issueCommentDelivery = z.object({
  action: z.string(),
  comment: githubComment,
  issue: z.object({
    number: prNumber,
    user: githubUser,
    created_at: isoTime,
    // Present (an object) only when the issue is a pull request.
    pull_request: z.object({}).nullish(),
  }),
  repository: githubRepository,
});
export type IssueCommentDelivery = z.infer<typeof issueCommentDelivery>;

const pushCommit = z.object({
  id: z.string().min(1),
  timestamp: isoTime,
  author: z.object({ name: optionalString, email: z.string(), username: optionalString }),
  added: z.array(z.string()).optional(),
  modified: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});
export type GithubPushCommit = z.infer<typeof pushCommit>;

export const pushDelivery = z.object({
  ref: z.string().min(1),
  before: z.string().min(1),
  after: z.string().min(1),
  created: z.boolean(),
  deleted: z.boolean(),
  forced: z.boolean(),
  pusher: z.object({ name: z.string(), email: optionalString }),
  sender: githubUser,
  commits: z.array(pushCommit),
  // Push deliveries carry the push time here, in epoch seconds (other events use ISO strings).
  repository: githubRepository.extend({ pushed_at: z.union([z.number(), z.string()]) }),
});
export type PushDelivery = z.infer<typeof pushDelivery>;

export const githubDeployment = z.object({
  id: z.number().int(),
  sha: z.string().min(1),
  ref: optionalString,
  task: optionalString,
  environment: z.string().min(1),
  description: optionalString,
  // Free-form JSON set by whoever created the deployment (a string in some old deliveries).
  payload: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  creator: githubUser.nullish(),
  created_at: isoTime,
  production_environment: z.boolean().optional(),
  transient_environment: z.boolean().optional(),
});
export type GithubDeployment = z.infer<typeof githubDeployment>;

export const deploymentDelivery = z.object({
  action: z.string(),
  deployment: githubDeployment,
  repository: githubRepository,
});
export type DeploymentDelivery = z.infer<typeof deploymentDelivery>;

export const deploymentStatusDelivery = z.object({
  action: z.string(),
  deployment_status: z.object({
    id: z.number().int(),
    state: z.string(),
    environment: optionalString,
    created_at: isoTime,
    creator: githubUser.nullish(),
  }),
  deployment: githubDeployment,
  repository: githubRepository,
});
export type DeploymentStatusDelivery = z.infer<typeof deploymentStatusDelivery>;

export const workflowRunDelivery = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number().int(),
    name: optionalString,
    path: optionalString,
    event: optionalString,
    status: optionalString,
    conclusion: nullableString,
    head_sha: z.string().min(1),
    head_branch: optionalString,
    run_started_at: optionalString,
    updated_at: isoTime,
    run_attempt: z.number().int().positive().optional(),
    actor: githubUser.nullish(),
    triggering_actor: githubUser.nullish(),
    pull_requests: z.array(z.object({ number: prNumber })).optional(),
  }),
  workflow: z.object({ name: optionalString }).nullish(),
  repository: githubRepository,
});
export type WorkflowRunDelivery = z.infer<typeof workflowRunDelivery>;

const githubLabel = z.object({ name: z.string() });

export const issuesDelivery = z.object({
  action: z.string(),
  label: githubLabel.optional(),
  issue: z.object({
    number: prNumber,
    title: optionalString,
    state: z.string(),
    user: githubUser,
    labels: z.array(githubLabel),
    created_at: isoTime,
    updated_at: isoTime,
    closed_at: nullableString.optional(),
  }),
  repository: githubRepository,
  sender: githubUser,
});
export type IssuesDelivery = z.infer<typeof issuesDelivery>;

/** Only `action`, read before routing to the event family. */
export const actionOnly = z.object({ action: z.string().min(1) });
