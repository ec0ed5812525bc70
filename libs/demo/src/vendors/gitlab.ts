import { gitlabOffset, gitlabUtc, isoSeconds } from '../calendar';
import type { DemoDelivery } from '../demo-delivery';
import type { DemoOrganization, DemoRepository } from '../organization/demo-organization';
import type { Commit, Deployment, GitActor, PullRequest, Push, Review } from '../story/story-model';
import { TEMPLATES } from './fixture-templates';
import { jsonBody, pickKeysOf } from './payload';

const ZERO_SHA = '0000000000000000000000000000000000000000';

/**
 * GitLab deliveries (Merge Request Hook open / approved / merge / close, Push Hook, Deployment
 * Hook) built from the go-gitlab samples, for the teams that work in GitLab.
 */
export class GitlabPayloads {
  constructor(
    private readonly org: DemoOrganization,
    private readonly nextDeliveryId: () => string,
  ) {}

  mergeRequestOpened(mr: PullRequest): DemoDelivery {
    return this.mergeRequest(mr, 'open', mr.openedAt, mr.author, ['PullRequestOpened'], {
      updated_at: { previous: null, current: gitlabUtc(mr.openedAt) },
      state_id: { previous: null, current: 1 },
    });
  }

  mergeRequestApproved(mr: PullRequest, review: Review): DemoDelivery {
    return this.mergeRequest(mr, 'approved', review.at, { kind: 'person', person: review.reviewer }, ['PullRequestReviewed'], {
      updated_at: { previous: gitlabUtc(mr.openedAt), current: gitlabUtc(review.at) },
    });
  }

  mergeRequestClosed(mr: PullRequest): DemoDelivery {
    const { outcome } = mr;
    const merged = outcome.kind === 'merged';
    return this.mergeRequest(mr, merged ? 'merge' : 'close', outcome.at, outcome.by, [merged ? 'PullRequestMerged' : 'PullRequestClosed'], {
      state_id: { previous: merged ? 4 : 1, current: merged ? 3 : 2 },
      updated_at: { previous: gitlabUtc(mr.openedAt), current: gitlabUtc(outcome.at) },
    });
  }

  push(push: Push, before: string): DemoDelivery {
    const template = TEMPLATES.gitlab.push;
    const head = push.commits[push.commits.length - 1];
    const pusher = this.user(push.pusher);
    return this.delivery('Push Hook', push.at, ['CommitsPushed'], {
      ...template,
      before: push.created ? ZERO_SHA : before,
      after: head.sha,
      ref: push.ref,
      checkout_sha: head.sha,
      user_id: pusher.id,
      user_name: pusher.name,
      user_username: pusher.username,
      user_email: pusher.email,
      user_avatar: pusher.avatar_url,
      project_id: push.repository.id,
      project: this.project(push.repository, template.project),
      commits: push.commits.map((commit) => this.commit(push.repository, commit)),
      total_commits_count: push.commits.length,
      repository: pickKeysOf(template.repository, this.projectObject(push.repository)),
    });
  }

  deployment(deployment: Deployment, status: 'running' | 'success' | 'failed'): DemoDelivery {
    const template = TEMPLATES.gitlab.deployment;
    const at = status === 'running' ? deployment.createdAt : deployment.finishedAt;
    const web = this.webUrl(deployment.repository);
    const creator = this.user(deployment.creator);
    return this.delivery('Deployment Hook', at, [status === 'running' ? 'DeploymentStarted' : 'DeploymentFinished'], {
      ...template,
      status,
      status_changed_at: gitlabOffset(at),
      deployment_id: deployment.id,
      deployable_id: deployment.statusId,
      deployable_url: `${web}/-/jobs/${deployment.statusId}`,
      environment: deployment.environment,
      environment_slug: deployment.environment,
      environment_external_url: `https://${deployment.repository.name}.northwind.example`,
      environment_tier: deployment.environment === 'production' ? 'production' : 'staging',
      project: this.project(deployment.repository, template.project),
      short_sha: deployment.sha.slice(0, 8),
      user: { ...template.user, ...creator },
      user_url: `https://${this.org.gitlab.host}/${creator.username}`,
      commit_url: `${web}/-/commit/${deployment.sha}`,
      commit_title: deployment.rollbackOf ? `Revert "Release ${deployment.rollbackOf.sha.slice(0, 8)}"` : 'Release from main',
      ref: deployment.ref,
    });
  }

  private mergeRequest(
    mr: PullRequest,
    action: string,
    at: number,
    actor: GitActor,
    expectedEvents: DemoDelivery['expectedEvents'],
    changes: object,
  ): DemoDelivery {
    const template = action === 'merge' ? TEMPLATES.gitlab.mergeRequestMerged : TEMPLATES.gitlab.mergeRequest;
    const author = this.user(mr.author);
    const user = this.user(actor);
    const head = mr.commits[mr.commits.length - 1];
    const { outcome } = mr;
    const done = outcome.at <= at;
    const merged = done && outcome.kind === 'merged';
    const reviewers = mr.reviews.map((review) => this.user({ kind: 'person', person: review.reviewer }));
    const project = this.projectObject(mr.repository);
    const attributes = {
      id: mr.id,
      iid: mr.number,
      target_branch: 'main',
      source_branch: mr.branch,
      source_project_id: mr.repository.id,
      author_id: author.id,
      assignee_ids: [author.id],
      assignee_id: author.id,
      reviewer_ids: reviewers.map((reviewer) => reviewer.id),
      title: mr.title,
      created_at: isoSeconds(mr.openedAt),
      updated_at: isoSeconds(at),
      milestone_id: null,
      state: merged ? 'merged' : done ? 'closed' : 'opened',
      blocking_discussions_resolved: true,
      work_in_progress: false,
      draft: false,
      first_contribution: false,
      merge_status: 'can_be_merged',
      merge_user_id: merged ? user.id : null,
      merge_commit_sha: merged && outcome.kind === 'merged' ? outcome.mergeCommit.sha : null,
      target_project_id: mr.repository.id,
      description: 'See the linked issue for context.',
      url: `${this.webUrl(mr.repository)}/-/merge_requests/${mr.number}`,
      source: pickKeysOf(template.object_attributes.source, project),
      target: pickKeysOf(template.object_attributes.target, project),
      last_edited_at: gitlabUtc(mr.openedAt),
      last_edited_by_id: author.id,
      state_id: merged ? 3 : done ? 2 : 1,
      last_commit: {
        id: head.sha,
        message: head.message,
        title: head.message.split('\n')[0],
        timestamp: isoSeconds(head.authoredAt),
        url: `${this.webUrl(mr.repository)}/-/commit/${head.sha}`,
        author: { name: author.name, email: author.email },
      },
      labels: [],
      action,
      detailed_merge_status: done ? 'not_open' : 'mergeable',
    };
    return this.delivery('Merge Request Hook', at, expectedEvents, {
      ...template,
      object_kind: 'merge_request',
      event_type: 'merge_request',
      user: pickKeysOf(template.user, user),
      project: this.project(mr.repository, template.project),
      repository: pickKeysOf(template.repository, project),
      object_attributes: pickKeysOf(template.object_attributes, attributes),
      labels: [],
      changes,
      assignees: [pickKeysOf(template.assignees[0], author)],
      reviewers: reviewers.map((reviewer) => pickKeysOf(template.reviewers[0], reviewer)),
    });
  }

  private delivery(event: string, at: number, expectedEvents: DemoDelivery['expectedEvents'], body: object): DemoDelivery {
    const deliveryId = this.nextDeliveryId();
    return {
      source: 'gitlab',
      deliveryId,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitLab/17.6.1',
        'x-gitlab-event': event,
        'x-gitlab-instance': `https://${this.org.gitlab.host}`,
        'x-gitlab-webhook-uuid': '5b0b7c3e-2f4d-4f55-9d1c-0f6f3b7e2a10',
        'x-gitlab-event-uuid': deliveryId,
        'idempotency-key': deliveryId,
      },
      body: jsonBody(body),
      at: new Date(at).toISOString(),
      expectedEvents,
    };
  }

  private commit(repository: DemoRepository, commit: Commit): object {
    const author = this.user(commit.author);
    return {
      id: commit.sha,
      message: `${commit.message}\n`,
      title: commit.message.split('\n')[0],
      timestamp: isoSeconds(commit.authoredAt),
      url: `${this.webUrl(repository)}/-/commit/${commit.sha}`,
      author: { name: author.name, email: author.email },
      added: commit.added,
      modified: commit.modified,
      removed: [],
    };
  }

  private user(actor: GitActor): { id: number; name: string; username: string; avatar_url: string; email: string } {
    if (actor.kind === 'bot') {
      return { id: actor.id, name: actor.login, username: actor.login, avatar_url: '', email: `${actor.login}@noreply.${this.org.gitlab.host}` };
    }
    const { person } = actor;
    return {
      id: person.gitlab.id,
      name: person.name,
      username: person.gitlab.username,
      avatar_url: `https://${this.org.gitlab.host}/uploads/-/system/user/avatar/${person.gitlab.id}/avatar.png`,
      email: person.email,
    };
  }

  private webUrl(repository: DemoRepository): string {
    return `https://${this.org.gitlab.host}/${repository.fullName}`;
  }

  private projectObject(repository: DemoRepository): Record<string, unknown> {
    const web = this.webUrl(repository);
    const ssh = `git@${this.org.gitlab.host}:${repository.fullName}.git`;
    return {
      id: repository.id,
      name: repository.name,
      description: `${repository.name} at ${this.org.name}`,
      web_url: web,
      avatar_url: null,
      git_ssh_url: ssh,
      git_http_url: `${web}.git`,
      namespace: repository.fullName.split('/').slice(0, -1).join('/'),
      visibility_level: 0,
      path_with_namespace: repository.fullName,
      default_branch: 'main',
      ci_config_path: '',
      homepage: web,
      url: ssh,
      ssh_url: ssh,
      http_url: `${web}.git`,
    };
  }

  private project(repository: DemoRepository, template: object): Record<string, unknown> {
    return pickKeysOf(template, this.projectObject(repository));
  }
}
