import { isoSeconds } from '../calendar';
import type { DemoDelivery } from '../demo-delivery';
import type { DemoOrganization, DemoRepository } from '../organization/demo-organization';
import type { Commit, Deployment, GitActor, PullRequest, Push, Review } from '../story/story-model';
import { rewriteStrings, TEMPLATES } from './fixture-templates';
import { jsonBody, pickKeysOf } from './payload';

const API = 'https://api.github.com';
const WEB = 'https://github.com';
const ZERO_SHA = '0000000000000000000000000000000000000000';
const TEMPLATE_USER = TEMPLATES.github.pullRequestOpened.sender;
const TEMPLATE_REPOSITORY = 'Codertocat/Hello-World';

/** GitHub's legacy global node id: base64 of `0<length of kind>:<kind><id>`. */
function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
}

/**
 * GitHub deliveries (X-GitHub-Event pull_request, pull_request_review, push, deployment,
 * deployment_status) built from the octokit samples. Users and repositories are rendered once and
 * shared by every payload that embeds them.
 */
export class GithubPayloads {
  private readonly users = new Map<string, object>();
  private readonly repositories = new Map<string, { api: object; push: object }>();
  private readonly owner: object;
  private readonly organization: object;
  private readonly hookId: string;

  constructor(
    private readonly org: DemoOrganization,
    private readonly nextDeliveryId: () => string,
  ) {
    const { org: login, id } = org.github;
    this.owner = {
      ...rewriteStrings(TEMPLATE_USER, [['Codertocat', login]]),
      id,
      node_id: nodeId('Organization', id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      type: 'Organization',
    };
    this.organization = {
      ...rewriteStrings(TEMPLATES.github.pushOrganization, [['Octocoders', login]]),
      id,
      node_id: nodeId('Organization', id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      description: `${org.name} engineering`,
    };
    this.hookId = String(100_000_000 + (id % 100_000_000));
  }

  pullRequestOpened(pr: PullRequest): DemoDelivery {
    const template = TEMPLATES.github.pullRequestOpened;
    return this.delivery('pull_request', pr.openedAt, ['PullRequestOpened'], {
      ...template,
      action: 'opened',
      number: pr.number,
      pull_request: pickKeysOf(template.pull_request, this.pullRequestObject(pr, pr.openedAt)),
      repository: this.repository(pr.repository, pr.openedAt).api,
      installation: template.installation,
      sender: this.user(pr.author),
    });
  }

  pullRequestClosed(pr: PullRequest): DemoDelivery {
    const template = TEMPLATES.github.pullRequestMerged;
    const { outcome } = pr;
    return this.delivery('pull_request', outcome.at, [outcome.kind === 'merged' ? 'PullRequestMerged' : 'PullRequestClosed'], {
      ...template,
      action: 'closed',
      number: pr.number,
      pull_request: pickKeysOf(template.pull_request, this.pullRequestObject(pr, outcome.at)),
      repository: this.repository(pr.repository, outcome.at).api,
      installation: template.installation,
      sender: this.user(outcome.by),
    });
  }

  reviewSubmitted(pr: PullRequest, review: Review): DemoDelivery {
    const template = TEMPLATES.github.reviewSubmitted;
    const { apiUrl, webUrl } = this.urls(pr.repository);
    const reviewer = this.user({ kind: 'person', person: review.reviewer });
    return this.delivery('pull_request_review', review.at, ['PullRequestReviewed'], {
      ...template,
      action: 'submitted',
      review: {
        ...template.review,
        id: review.id,
        node_id: nodeId('PullRequestReview', review.id),
        user: reviewer,
        body: review.state === 'approved' ? null : 'A few suggestions inline.',
        commit_id: pr.commits[pr.commits.length - 1].sha,
        submitted_at: isoSeconds(review.at),
        state: review.state,
        html_url: `${webUrl}/pull/${pr.number}#pullrequestreview-${review.id}`,
        pull_request_url: `${apiUrl}/pulls/${pr.number}`,
        author_association: 'MEMBER',
        _links: {
          html: { href: `${webUrl}/pull/${pr.number}#pullrequestreview-${review.id}` },
          pull_request: { href: `${apiUrl}/pulls/${pr.number}` },
        },
      },
      pull_request: pickKeysOf(template.pull_request, this.pullRequestObject(pr, review.at)),
      repository: this.repository(pr.repository, review.at).api,
      sender: reviewer,
      installation: template.installation,
    });
  }

  push(push: Push, before: string): DemoDelivery {
    const template = TEMPLATES.github.push;
    const head = push.commits[push.commits.length - 1];
    const { webUrl } = this.urls(push.repository);
    const commits = push.commits.map((commit) => this.commit(push.repository, commit));
    const pushedAt = Math.floor(push.at / 1000);
    return this.delivery('push', push.at, ['CommitsPushed'], {
      ref: push.ref,
      before: push.created ? ZERO_SHA : before,
      after: head.sha,
      repository: { ...this.repository(push.repository, push.at).push, pushed_at: pushedAt },
      organization: this.organization,
      pusher: { name: this.login(push.pusher), email: this.email(push.pusher) },
      sender: this.user(push.pusher),
      installation: template.installation,
      created: push.created,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: push.created ? `${webUrl}/commit/${head.sha}` : `${webUrl}/compare/${before.slice(0, 12)}...${head.sha.slice(0, 12)}`,
      commits,
      head_commit: commits[commits.length - 1],
    });
  }

  deploymentCreated(deployment: Deployment): DemoDelivery {
    const template = TEMPLATES.github.deployment;
    return this.delivery('deployment', deployment.createdAt, ['DeploymentStarted'], {
      ...template,
      action: 'created',
      deployment: pickKeysOf(template.deployment, this.deploymentObject(deployment, deployment.createdAt)),
      workflow: null,
      workflow_run: null,
      repository: this.repository(deployment.repository, deployment.createdAt).api,
      sender: this.user(deployment.creator),
    });
  }

  deploymentFinished(deployment: Deployment): DemoDelivery {
    const template = TEMPLATES.github.deploymentStatus;
    const { apiUrl } = this.urls(deployment.repository);
    const deploymentUrl = `${apiUrl}/deployments/${deployment.id}`;
    return this.delivery('deployment_status', deployment.finishedAt, ['DeploymentFinished'], {
      ...template,
      action: 'created',
      deployment_status: {
        ...template.deployment_status,
        url: `${deploymentUrl}/statuses/${deployment.statusId}`,
        id: deployment.statusId,
        node_id: nodeId('DeploymentStatus', deployment.statusId),
        state: deployment.state,
        creator: this.user(deployment.creator),
        description: deployment.state === 'success' ? 'Deployed' : 'Health checks failed',
        environment: deployment.environment,
        target_url: `https://deploy.northwind.example/${deployment.repository.name}/${deployment.id}`,
        created_at: isoSeconds(deployment.finishedAt),
        updated_at: isoSeconds(deployment.finishedAt),
        deployment_url: deploymentUrl,
        repository_url: apiUrl,
      },
      deployment: pickKeysOf(template.deployment, this.deploymentObject(deployment, deployment.finishedAt)),
      repository: this.repository(deployment.repository, deployment.finishedAt).api,
      sender: this.user(deployment.creator),
    });
  }

  private delivery(event: string, at: number, expectedEvents: DemoDelivery['expectedEvents'], body: object): DemoDelivery {
    const deliveryId = this.nextDeliveryId();
    return {
      source: 'github',
      deliveryId,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/3c2b5f1',
        'x-github-event': event,
        'x-github-delivery': deliveryId,
        'x-github-hook-id': this.hookId,
        'x-github-hook-installation-target-id': String(this.org.github.id),
        'x-github-hook-installation-target-type': 'organization',
      },
      body: jsonBody(body),
      at: new Date(at).toISOString(),
      expectedEvents,
    };
  }

  private deploymentObject(deployment: Deployment, at: number): Record<string, unknown> {
    const { apiUrl } = this.urls(deployment.repository);
    const rollback = deployment.rollbackOf;
    return {
      url: `${apiUrl}/deployments/${deployment.id}`,
      id: deployment.id,
      node_id: nodeId('Deployment', deployment.id),
      sha: deployment.sha,
      ref: deployment.ref,
      task: rollback ? 'deploy:rollback' : 'deploy',
      payload: rollback ? { reverts_deployment_id: rollback.id, reverts_sha: rollback.sha } : {},
      original_environment: deployment.environment,
      environment: deployment.environment,
      description: rollback ? `Rollback of ${rollback.sha.slice(0, 7)}` : null,
      creator: this.user(deployment.creator),
      created_at: isoSeconds(deployment.createdAt),
      updated_at: isoSeconds(at),
      statuses_url: `${apiUrl}/deployments/${deployment.id}/statuses`,
      repository_url: apiUrl,
      performed_via_github_app: null,
    };
  }

  private pullRequestObject(pr: PullRequest, at: number): Record<string, unknown> {
    const { apiUrl, webUrl } = this.urls(pr.repository);
    const { outcome } = pr;
    const done = outcome.at <= at;
    const merged = done && outcome.kind === 'merged';
    const head = pr.commits[pr.commits.length - 1];
    const repository = this.repository(pr.repository, at).api;
    const links = {
      self: { href: `${apiUrl}/pulls/${pr.number}` },
      html: { href: `${webUrl}/pull/${pr.number}` },
      issue: { href: `${apiUrl}/issues/${pr.number}` },
      comments: { href: `${apiUrl}/issues/${pr.number}/comments` },
      review_comments: { href: `${apiUrl}/pulls/${pr.number}/comments` },
      review_comment: { href: `${apiUrl}/pulls/comments{/number}` },
      commits: { href: `${apiUrl}/pulls/${pr.number}/commits` },
      statuses: { href: `${apiUrl}/statuses/${head.sha}` },
    };
    return {
      url: `${apiUrl}/pulls/${pr.number}`,
      id: pr.id,
      node_id: nodeId('PullRequest', pr.id),
      html_url: `${webUrl}/pull/${pr.number}`,
      diff_url: `${webUrl}/pull/${pr.number}.diff`,
      patch_url: `${webUrl}/pull/${pr.number}.patch`,
      issue_url: `${apiUrl}/issues/${pr.number}`,
      number: pr.number,
      state: done ? 'closed' : 'open',
      locked: false,
      title: pr.title,
      user: this.user(pr.author),
      body: pr.author.kind === 'bot' ? 'Bumps the dependency to the latest patch release.' : 'See the linked ticket for context.',
      created_at: isoSeconds(pr.openedAt),
      updated_at: isoSeconds(at),
      closed_at: done ? isoSeconds(outcome.at) : null,
      merged_at: merged ? isoSeconds(outcome.at) : null,
      merge_commit_sha: merged ? outcome.mergeCommit.sha : null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      labels: [],
      milestone: null,
      commits_url: `${apiUrl}/pulls/${pr.number}/commits`,
      review_comments_url: `${apiUrl}/pulls/${pr.number}/comments`,
      review_comment_url: `${apiUrl}/pulls/comments{/number}`,
      comments_url: `${apiUrl}/issues/${pr.number}/comments`,
      statuses_url: `${apiUrl}/statuses/${head.sha}`,
      head: { label: `${this.org.github.org}:${pr.branch}`, ref: pr.branch, sha: head.sha, user: this.owner, repo: repository },
      base: { label: `${this.org.github.org}:main`, ref: 'main', sha: pr.commits[0].sha, user: this.owner, repo: repository },
      _links: links,
      author_association: pr.author.kind === 'bot' ? 'CONTRIBUTOR' : 'MEMBER',
      auto_merge: null,
      active_lock_reason: null,
      draft: false,
      merged,
      mergeable: done ? null : true,
      rebaseable: done ? null : true,
      mergeable_state: done ? 'unknown' : 'clean',
      merged_by: merged ? this.user(outcome.by) : null,
      comments: 0,
      review_comments: pr.reviews.filter((review) => review.state !== 'approved' && review.at <= at).length,
      maintainer_can_modify: false,
      commits: pr.commits.length,
      additions: pr.additions,
      deletions: pr.deletions,
      changed_files: new Set(pr.commits.flatMap((commit) => [...commit.added, ...commit.modified])).size,
    };
  }

  private commit(repository: DemoRepository, commit: Commit): object {
    const author = { name: this.name(commit.author), email: this.email(commit.author), username: this.login(commit.author) };
    return {
      id: commit.sha,
      tree_id: commit.sha.split('').reverse().join(''),
      distinct: true,
      message: commit.message,
      timestamp: isoSeconds(commit.authoredAt),
      url: `${this.urls(repository).webUrl}/commit/${commit.sha}`,
      author,
      committer: author,
      added: commit.added,
      removed: [],
      modified: commit.modified,
    };
  }

  private user(actor: GitActor): object {
    const login = this.login(actor);
    const cached = this.users.get(login);
    if (cached) return cached;
    const id = actor.kind === 'person' ? actor.person.github.id : actor.id;
    const user = {
      ...rewriteStrings(TEMPLATE_USER, [['Codertocat', login]]),
      id,
      node_id: nodeId(actor.kind === 'bot' ? 'Bot' : 'User', id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      type: actor.kind === 'bot' ? 'Bot' : 'User',
    };
    this.users.set(login, user);
    return user;
  }

  private login(actor: GitActor): string {
    return actor.kind === 'person' ? actor.person.github.login : actor.login;
  }

  private name(actor: GitActor): string {
    return actor.kind === 'person' ? actor.person.name : actor.login.replace('[bot]', '');
  }

  private email(actor: GitActor): string {
    const id = actor.kind === 'person' ? actor.person.github.id : actor.id;
    return `${id}+${this.login(actor)}@users.noreply.github.com`;
  }

  private urls(repository: DemoRepository): { apiUrl: string; webUrl: string } {
    return { apiUrl: `${API}/repos/${repository.fullName}`, webUrl: `${WEB}/${repository.fullName}` };
  }

  /** The repository as embedded in API-style payloads, and as embedded in push payloads (epoch times). */
  private repository(repository: DemoRepository, at: number): { api: object; push: object } {
    let cached = this.repositories.get(repository.fullName);
    if (!cached) {
      const pairs = [
        [TEMPLATE_REPOSITORY, repository.fullName],
        ['Hello-World', repository.name],
        ['Codertocat', this.org.github.org],
      ] as const;
      const common = {
        id: repository.id,
        node_id: nodeId('Repository', repository.id),
        name: repository.name,
        full_name: repository.fullName,
        private: true,
        owner: this.owner,
        description: `${repository.name} at ${this.org.name}`,
        homepage: null,
        default_branch: 'main',
      };
      const createdAt = Date.parse(`${this.org.membershipsFrom}T09:00:00Z`);
      cached = {
        api: { ...rewriteStrings(TEMPLATES.github.pullRequestOpened.repository, pairs), ...common, created_at: isoSeconds(createdAt) },
        // Push payloads embed the owner with a name and an email (null for an organisation).
        push: {
          ...rewriteStrings(TEMPLATES.github.push.repository, pairs),
          ...common,
          owner: { ...pickKeysOf(TEMPLATES.github.push.repository.owner, { ...this.owner, name: this.org.github.org, email: null }) },
          created_at: Math.floor(createdAt / 1000),
          master_branch: 'main',
        },
      };
      this.repositories.set(repository.fullName, cached);
    }
    return { api: { ...cached.api, updated_at: isoSeconds(at), pushed_at: isoSeconds(at) }, push: cached.push };
  }
}
