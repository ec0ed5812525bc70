import { z } from 'zod';

/**
 * The fields of GitLab webhook payloads the normalizer reads, and only those (extra fields are
 * fine, and left out of the parsed value; a missing or mistyped field we need is MALFORMED with its path). GitLab writes
 * times in three formats, so they stay strings here and go through `fromGitlabTime`.
 */

const time = z.string();
// Unions (not .nullable()) so a wrong value reads "expected string or null".
const nullableString = z.union([z.string(), z.null()]);
const optionalString = nullableString.optional();
const iid = z.number().int().positive();

export const gitlabUser = z.object({
  id: z.number().int().optional(),
  username: z.string().min(1),
  name: optionalString,
  email: optionalString,
});
export type GitlabUser = z.infer<typeof gitlabUser>;

export const gitlabProject = z.object({
  path_with_namespace: z.string().min(1),
  default_branch: optionalString,
});

/** `changes.<attribute>`: what this action changed, `previous` → `current`. */
const change = <T extends z.ZodType>(value: T) => z.object({ previous: value.optional(), current: value.optional() });

const gitlabLabel = z.object({ title: z.string() });

export const mergeRequestDelivery = z.object({
  user: gitlabUser,
  project: gitlabProject,
  object_attributes: z.object({
    id: z.number().int(),
    iid,
    action: z.string().min(1),
    author_id: z.number().int().optional(),
    created_at: time,
    updated_at: time,
    merged_at: optionalString,
    source_branch: z.string().min(1),
    target_branch: z.string().min(1),
    draft: z.boolean().optional(),
    work_in_progress: z.boolean().optional(),
    merge_commit_sha: optionalString,
    squash_commit_sha: optionalString,
    last_commit: z.object({ id: z.string().min(1) }).nullish(),
  }),
  changes: z
    .object({
      updated_at: change(nullableString).optional(),
      draft: change(z.boolean()).optional(),
      work_in_progress: change(z.boolean()).optional(),
    })
    .optional(),
});
export type MergeRequestDelivery = z.infer<typeof mergeRequestDelivery>;

export const noteDelivery = z.object({
  user: gitlabUser,
  project: gitlabProject,
  object_attributes: z.object({
    id: z.number().int(),
    noteable_type: z.string(),
    created_at: time,
    action: optionalString,
    system: z.boolean().optional(),
  }),
  merge_request: z.object({ iid, created_at: time }).nullish(),
});
export type NoteDelivery = z.infer<typeof noteDelivery>;

const pushCommit = z.object({
  id: z.string().min(1),
  timestamp: time,
  author: z.object({ name: optionalString, email: z.string().min(1) }),
  added: z.array(z.string()).optional(),
  modified: z.array(z.string()).optional(),
  removed: z.array(z.string()).optional(),
});
export type GitlabPushCommit = z.infer<typeof pushCommit>;

export const pushDelivery = z.object({
  ref: z.string().min(1),
  before: z.string().min(1),
  after: z.string().min(1),
  user_username: z.string().min(1),
  user_name: optionalString,
  user_email: optionalString,
  project: gitlabProject,
  commits: z.array(pushCommit),
  total_commits_count: z.number().int().nonnegative().optional(),
});
export type PushDelivery = z.infer<typeof pushDelivery>;

export const pipelineDelivery = z.object({
  project: gitlabProject,
  user: gitlabUser.nullish(),
  object_attributes: z.object({
    id: z.number().int(),
    name: optionalString,
    ref: optionalString,
    tag: z.boolean().optional(),
    sha: z.string().min(1),
    source: optionalString,
    status: z.string().min(1),
    created_at: optionalString,
    finished_at: optionalString,
  }),
  merge_request: z.object({ iid }).nullish(),
});
export type PipelineDelivery = z.infer<typeof pipelineDelivery>;

export const deploymentDelivery = z.object({
  status: z.string().min(1),
  status_changed_at: time,
  deployment_id: z.number().int(),
  environment: z.string().min(1),
  environment_tier: optionalString,
  short_sha: z.string().min(1),
  commit_url: optionalString,
  commit_title: optionalString,
  ref: optionalString,
  user: gitlabUser.nullish(),
  project: gitlabProject,
});
export type DeploymentDelivery = z.infer<typeof deploymentDelivery>;

export const issueDelivery = z.object({
  user: gitlabUser,
  project: gitlabProject,
  object_attributes: z.object({
    iid,
    title: optionalString,
    action: optionalString,
    state: z.string(),
    created_at: time,
    updated_at: time,
    closed_at: optionalString,
    severity: optionalString,
    labels: z.array(gitlabLabel).optional(),
  }),
  labels: z.array(gitlabLabel).optional(),
  changes: z
    .object({
      updated_at: change(nullableString).optional(),
      closed_at: change(nullableString).optional(),
      labels: change(z.array(gitlabLabel)).optional(),
    })
    .optional(),
});
export type IssueDelivery = z.infer<typeof issueDelivery>;
