import { DEFAULT_NORMALIZER_SETTINGS, type NormalizerSettings } from '../normalizer';
import { describeFixtureFolder } from '../shared/testing/fixture-folder';
import { eventsOf, fixtureRunner, normalizationFailure as failure } from '../shared/testing/normalizer-test-kit';
import type { SampleExpectation } from '../shared/testing/outcome';
import { fixtureEnvelope, notedHeader, webhookFixture, webhookFixtures } from '../shared/testing/webhook-fixtures';
import { normalizeGithub } from './index';

const DIR = 'github';
const REPO_PR_2 = 'pr-github-Codertocat/Hello-World-2';
const CODERTOCAT = { tool: 'github', id: 'Codertocat' };

/** GitHub names the event only in a header: the sample's notes say which it was sent with. */
const eventHeader = notedHeader(DIR, 'X-GitHub-Event');

const github = fixtureRunner({
  dir: DIR,
  source: 'github',
  normalizer: normalizeGithub,
  headersFor: (_deliveryId, sample) => ({ 'x-github-event': eventHeader(sample) }),
});
const { run } = github;

/** What each vendor sample becomes: event types in order, or `ignored`. */
const EXPECTED: Record<string, SampleExpectation> = {
  check_run__completed: 'ignored',
  check_suite__completed: 'ignored',
  create__payload: 'ignored',
  delete__payload: 'ignored',
  deployment__payload: ['DeploymentStarted'],
  'deployment__with-installation': ['DeploymentStarted'],
  deployment_review__requested: 'ignored',
  deployment_status__payload: ['DeploymentFinished'],
  'deployment_status__with-installation': ['DeploymentFinished'],
  issue_comment__created: 'ignored',
  issues__assigned: 'ignored',
  issues__edited: 'ignored',
  issues__labeled: 'ignored',
  issues__opened: 'ignored',
  issues__reopened: 'ignored',
  ping__payload: 'ignored',
  'ping__with-app_id': 'ignored',
  pull_request__assigned: 'ignored',
  pull_request__closed: ['PullRequestClosed'],
  'pull_request__closed.merged': ['PullRequestMerged'],
  'pull_request__closed.with-organization': ['PullRequestClosed'],
  pull_request__converted_to_draft: ['PullRequestConvertedToDraft'],
  pull_request__opened: ['PullRequestOpened'],
  'pull_request__opened.with-null-body': ['PullRequestOpened'],
  pull_request__ready_for_review: ['PullRequestReadyForReview'],
  pull_request__reopened: ['PullRequestReopened'],
  pull_request__review_requested: 'ignored',
  pull_request__synchronize: 'ignored',
  pull_request_review__dismissed: 'ignored',
  pull_request_review__submitted: ['PullRequestReviewed'],
  'pull_request_review__submitted.with-organization': ['PullRequestReviewed'],
  pull_request_review_comment__created: ['PullRequestCommented'],
  pull_request_review_thread__resolved: 'ignored',
  push__payload: ['CommitsPushed'],
  'push__with-new-branch': ['CommitsPushed'],
  'push__with-no-username-committer': ['CommitsPushed'],
  'push__with-organization': ['CommitsPushed'],
  release__published: 'ignored',
  status__payload: 'ignored',
  'workflow_job__completed.failure.with-organization': 'ignored',
  workflow_job__in_progress: 'ignored',
  workflow_job__queued: 'ignored',
  workflow_run__completed: ['WorkflowRunCompleted'],
  'workflow_run__completed.with-pull-requests': ['WorkflowRunCompleted'],
  workflow_run__requested: 'ignored',
};

describeFixtureFolder('GitHub normalizer: every vendor sample', github, {
  atLeast: 44,
  eachSample: (name) => expect(eventHeader(name)).toMatch(/^[a-z_]+$/),
  ignoreReason: (name) => new RegExp(`^GitHub ${eventHeader(name)}(\\.[a-z_]+)?: .{10,}`),
  expected: EXPECTED,
  redelivered: [
    {
      sample: 'issues__labeled',
      settings: { ...DEFAULT_NORMALIZER_SETTINGS, incidentLabels: ['bug'] },
      events: 2,
      first: {
        streamId: 'incident-github-Codertocat/Hello-World#1',
        event: {
          type: 'IssueLabelledAsIncident',
          metadata: { occurredAt: '2019-05-15T15:20:18.000Z', source: 'github', sourceDeliveryId: 'delivery-1', correlationId: 'correlation-delivery-1' },
        },
      },
    },
  ],
});

describe('GitHub pull requests', () => {
  it('opened: PullRequestOpened at created_at with author, branches and head sha', () => {
    expect(eventsOf(run('pull_request__opened'))).toEqual([
      {
        type: 'PullRequestOpened',
        streamId: REPO_PR_2,
        occurredAt: '2019-05-15T15:20:33.000Z',
        data: {
          tool: 'github',
          repo: 'Codertocat/Hello-World',
          number: 2,
          author: CODERTOCAT,
          openedAt: '2019-05-15T15:20:33.000Z',
          draft: false,
          headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
          headRef: 'changes',
          baseRef: 'master',
        },
      },
    ]);
  });

  it('closed with merged: true: PullRequestMerged at merged_at with the merge commit, merger and author', () => {
    expect(eventsOf(run('pull_request__closed.merged'))).toEqual([
      {
        type: 'PullRequestMerged',
        streamId: REPO_PR_2,
        occurredAt: '2019-05-15T15:21:18.000Z',
        data: {
          tool: 'github',
          repo: 'Codertocat/Hello-World',
          number: 2,
          mergedAt: '2019-05-15T15:21:18.000Z',
          mergeCommitSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
          mergedBy: CODERTOCAT,
          author: CODERTOCAT,
          openedAt: '2019-05-15T15:20:33.000Z',
          headRef: 'changes',
          baseRef: 'master',
          headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        },
      },
    ]);
  });

  it('a squash merge is followed through merge_commit_sha, whatever the head sha', () => {
    const [merged] = eventsOf(
      run('pull_request__closed.merged', { 'pull_request.merge_commit_sha': 'aaaabbbbccccddddeeeeffff0000111122223333' }),
    );
    expect(merged.type === 'PullRequestMerged' && merged.data.mergeCommitSha).toBe('aaaabbbbccccddddeeeeffff0000111122223333');
  });

  it('closed without merge: PullRequestClosed at closed_at by the sender', () => {
    expect(eventsOf(run('pull_request__closed'))).toEqual([
      {
        type: 'PullRequestClosed',
        streamId: REPO_PR_2,
        occurredAt: '2019-05-15T15:21:18.000Z',
        data: { tool: 'github', repo: 'Codertocat/Hello-World', number: 2, closedAt: '2019-05-15T15:21:18.000Z', closedBy: CODERTOCAT },
      },
    ]);
  });

  it('draft toggles and reopen take the time the action set (pull_request.updated_at)', () => {
    const [draft] = eventsOf(run('pull_request__converted_to_draft'));
    expect(draft).toMatchObject({
      type: 'PullRequestConvertedToDraft',
      occurredAt: '2019-05-15T15:21:18.000Z',
      data: { convertedAt: '2019-05-15T15:21:18.000Z', by: CODERTOCAT },
    });
    const [ready] = eventsOf(run('pull_request__ready_for_review'));
    expect(ready).toMatchObject({ type: 'PullRequestReadyForReview', data: { readyAt: '2019-05-15T15:21:18.000Z', by: CODERTOCAT } });
    const [reopened] = eventsOf(run('pull_request__reopened'));
    expect(reopened).toMatchObject({ type: 'PullRequestReopened', data: { reopenedAt: '2019-05-15T15:20:33.000Z', reopenedBy: CODERTOCAT } });
  });

  it('ignores bookkeeping actions with their reason', () => {
    expect(run('pull_request__review_requested')).toEqual({
      outcome: 'ignored',
      reason: 'GitHub pull_request.review_requested: a review request is not a review: only submitted reviews count',
    });
    expect(run('pull_request__synchronize')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('CommitsPushed') });
  });

  it('review submitted: PullRequestReviewed with reviewer, state, submitted_at and the PR author', () => {
    expect(eventsOf(run('pull_request_review__submitted'))).toEqual([
      {
        type: 'PullRequestReviewed',
        streamId: REPO_PR_2,
        occurredAt: '2019-05-15T15:20:38.000Z',
        data: {
          tool: 'github',
          repo: 'Codertocat/Hello-World',
          number: 2,
          reviewId: '237895671',
          reviewer: CODERTOCAT,
          state: 'REVIEW_STATE_COMMENTED',
          submittedAt: '2019-05-15T15:20:38.000Z',
          pullRequestAuthor: CODERTOCAT,
          pullRequestOpenedAt: '2019-05-15T15:20:33.000Z',
          commitSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        },
      },
    ]);
  });

  it.each([
    ['approved', 'REVIEW_STATE_APPROVED'],
    ['changes_requested', 'REVIEW_STATE_CHANGES_REQUESTED'],
    ['APPROVED', 'REVIEW_STATE_APPROVED'],
  ])('review state %s is %s', (state, expected) => {
    const [review] = eventsOf(run('pull_request_review__submitted', { 'review.state': state }));
    expect(review.type === 'PullRequestReviewed' && review.data.state).toBe(expected);
  });

  it('flags bot reviewers (type Bot or a [bot] login)', () => {
    const [byType] = eventsOf(run('pull_request_review__submitted', { 'review.user.type': 'Bot' }));
    expect(byType.type === 'PullRequestReviewed' && byType.data.reviewer).toEqual({ ...CODERTOCAT, bot: true });
    const [byLogin] = eventsOf(run('pull_request_review__submitted', { 'review.user.login': 'renovate[bot]' }));
    expect(byLogin.type === 'PullRequestReviewed' && byLogin.data.reviewer).toEqual({ tool: 'github', id: 'renovate[bot]', bot: true });
  });

  it('a dismissed review is ignored: it still counts as given', () => {
    expect(run('pull_request_review__dismissed')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('still counts') });
  });

  it('inline review comment: PullRequestCommented without text', () => {
    expect(eventsOf(run('pull_request_review_comment__created'))).toEqual([
      {
        type: 'PullRequestCommented',
        streamId: REPO_PR_2,
        occurredAt: '2019-05-15T15:20:37.000Z',
        data: {
          tool: 'github',
          repo: 'Codertocat/Hello-World',
          number: 2,
          commentId: '284312630',
          commenter: CODERTOCAT,
          commentedAt: '2019-05-15T15:20:37.000Z',
          pullRequestAuthor: CODERTOCAT,
          pullRequestOpenedAt: '2019-05-15T15:20:33.000Z',
        },
      },
    ]);
    const [reply] = eventsOf(run('pull_request_review_comment__created', { 'comment.in_reply_to_id': 284312000 }));
    expect(reply.type === 'PullRequestCommented' && reply.data.inReplyToCommentId).toBe('284312000');
  });

  it('issue_comment: ignored on a plain issue, PullRequestCommented on a pull request', () => {
    expect(run('issue_comment__created')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('not a pull request') });
    const events = eventsOf(
      run('issue_comment__created', { 'issue.pull_request': { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' } }),
    );
    expect(events).toEqual([
      {
        type: 'PullRequestCommented',
        streamId: 'pr-github-Codertocat/Hello-World-1',
        occurredAt: '2019-05-15T15:20:21.000Z',
        data: {
          tool: 'github',
          repo: 'Codertocat/Hello-World',
          number: 1,
          commentId: '492700400',
          commenter: CODERTOCAT,
          commentedAt: '2019-05-15T15:20:21.000Z',
          pullRequestAuthor: CODERTOCAT,
          pullRequestOpenedAt: '2019-05-15T15:20:18.000Z',
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('You are totally right');
  });
});

describe('GitHub pushes', () => {
  it('a new branch: CommitsPushed at repository.pushed_at, commit author by login, changed paths', () => {
    expect(eventsOf(run('push__with-new-branch'))).toEqual([
      {
        type: 'CommitsPushed',
        streamId: 'repo-github-Codertocat/Hello-World',
        occurredAt: '2019-05-15T15:20:57.000Z',
        data: {
          tool: 'github',
          repo: 'Codertocat/Hello-World',
          ref: 'refs/heads/master',
          beforeSha: '0000000000000000000000000000000000000000',
          afterSha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
          pusher: { ...CODERTOCAT, email: '21031067+Codertocat@users.noreply.github.com' },
          pushedAt: '2019-05-15T15:20:57.000Z',
          forced: false,
          created: true,
          deleted: false,
          commits: [
            {
              sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
              authoredAt: '2019-05-15T15:19:25.000Z',
              author: { ...CODERTOCAT, name: 'Codertocat', email: '21031067+Codertocat@users.noreply.github.com' },
              changedPaths: { paths: ['README.md'] },
            },
          ],
          defaultBranch: 'master',
        },
      },
    ]);
  });

  it('a tag delete is a push too: deleted, no commits', () => {
    const [push] = eventsOf(run('push__payload'));
    expect(push).toMatchObject({
      type: 'CommitsPushed',
      data: { ref: 'refs/tags/simple-tag', deleted: true, created: false, afterSha: '0000000000000000000000000000000000000000', commits: [] },
    });
  });

  it('a commit author GitHub did not resolve is known by email under tool git', () => {
    const [push] = eventsOf(run('push__with-new-branch', { 'commits.0.author.username': undefined, 'commits.0.author.email': 'Dev@Example.com' }));
    expect(push.type === 'CommitsPushed' && push.data.commits?.[0].author).toEqual({
      tool: 'git',
      id: 'dev@example.com',
      name: 'Codertocat',
      email: 'Dev@Example.com',
    });
  });

  it('names the commit field it cannot read', () => {
    const error = failure(() => run('push__with-new-branch', { 'commits.0.timestamp': 42 }));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toContain('commits.0.timestamp');
  });
});

describe('GitHub deployments', () => {
  it('deployment created: DeploymentStarted at created_at, production by configured name', () => {
    expect(eventsOf(run('deployment__payload'))).toEqual([
      {
        type: 'DeploymentStarted',
        streamId: 'deployment-github-145988746',
        occurredAt: '2019-05-15T15:20:53.000Z',
        data: {
          tool: 'github',
          deploymentId: '145988746',
          repository: { tool: 'github', id: 'Codertocat/Hello-World' },
          environment: 'production',
          production: true,
          sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          ref: 'master',
          startedAt: '2019-05-15T15:20:53.000Z',
          triggeredBy: CODERTOCAT,
        },
      },
    ]);
  });

  it('deployment_status success: DeploymentFinished at the status time, started at the deployment time', () => {
    expect(eventsOf(run('deployment_status__payload'))).toEqual([
      {
        type: 'DeploymentFinished',
        streamId: 'deployment-github-145988746',
        occurredAt: '2019-05-15T15:20:55.000Z',
        data: {
          tool: 'github',
          deploymentId: '145988746',
          repository: { tool: 'github', id: 'Codertocat/Hello-World' },
          environment: 'production',
          production: true,
          sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          ref: 'master',
          status: 'DEPLOYMENT_STATUS_SUCCESS',
          startedAt: '2019-05-15T15:20:53.000Z',
          finishedAt: '2019-05-15T15:20:55.000Z',
          rollback: false,
          triggeredBy: CODERTOCAT,
        },
      },
    ]);
  });

  it.each([
    ['failure', 'DEPLOYMENT_STATUS_FAILURE'],
    ['error', 'DEPLOYMENT_STATUS_ERROR'],
  ])('state %s finishes with %s', (state, status) => {
    const [finished] = eventsOf(run('deployment_status__payload', { 'deployment_status.state': state }));
    expect(finished.type === 'DeploymentFinished' && finished.data.status).toBe(status);
  });

  it.each(['pending', 'queued', 'in_progress', 'inactive'])('state %s is ignored with its reason', (state) => {
    expect(run('deployment_status__payload', { 'deployment_status.state': state })).toMatchObject({
      outcome: 'ignored',
      reason: expect.stringContaining(`state ${state}`),
    });
  });

  it('an unknown deployment state is UNKNOWN_EVENT_TYPE', () => {
    expect(failure(() => run('deployment_status__payload', { 'deployment_status.state': 'exploded' })).code).toBe('UNKNOWN_EVENT_TYPE');
  });

  it.each([
    ['staging', {}, false],
    ['prod-eu', {}, true],
    ['Production', {}, true],
    ['blue', { 'deployment.production_environment': true }, true],
    ['production', { 'deployment.transient_environment': true }, false],
  ])('environment %s %j is production: %s', (environment, extra, production) => {
    const [finished] = eventsOf(
      run('deployment_status__payload', { 'deployment_status.environment': environment, 'deployment.environment': environment, ...extra }),
    );
    expect(finished.type === 'DeploymentFinished' && [finished.data.environment, finished.data.production]).toEqual([environment, production]);
  });

  it.each([
    [{ 'deployment.task': 'deploy:rollback' }, { rollback: true }],
    [{ 'deployment.description': 'Rollback to v1.4.2' }, { rollback: true }],
    [{ 'deployment.description': 'revert "Add cache"' }, { rollback: true }],
    [{ 'deployment.payload': { rollback: true, previous_sha: 'abc123' } }, { rollback: true, revertsSha: 'abc123' }],
    [{ 'deployment.payload': { rollback_of: 145988700 } }, { rollback: true, revertsDeploymentId: '145988700' }],
    [{ 'deployment.payload': { previous_sha: 'abc123' } }, { rollback: false }],
    [{ 'deployment.description': 'Deploy v1.5 (reverts nothing)' }, { rollback: false }],
  ])('rollback rule: %j gives %j', (changes, expected) => {
    const [finished] = eventsOf(run('deployment_status__payload', changes));
    const data = finished.type === 'DeploymentFinished' ? finished.data : undefined;
    expect({ rollback: data?.rollback, revertsSha: data?.revertsSha, revertsDeploymentId: data?.revertsDeploymentId }).toEqual({
      revertsSha: undefined,
      revertsDeploymentId: undefined,
      ...expected,
    });
  });
});

describe('GitHub workflow runs', () => {
  it('completed: WorkflowRunCompleted at updated_at, named by workflow.name when the run has none', () => {
    expect(eventsOf(run('workflow_run__completed.with-pull-requests'))).toEqual([
      {
        type: 'WorkflowRunCompleted',
        streamId: 'repo-github-octo-org/octo-repo',
        occurredAt: '2020-10-05T16:33:49.000Z',
        data: {
          tool: 'github',
          repo: 'octo-org/octo-repo',
          runId: '289782451',
          workflowName: 'test',
          trigger: 'repository_dispatch',
          headSha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
          headBranch: 'master',
          conclusion: 'WORKFLOW_CONCLUSION_SUCCESS',
          startedAt: '2020-10-05T16:33:49.000Z',
          completedAt: '2020-10-05T16:33:49.000Z',
          actor: CODERTOCAT,
          pullRequestNumbers: [2],
          runAttempt: 1,
        },
      },
    ]);
  });

  it('a completed run without a known conclusion is MALFORMED naming workflow_run.conclusion', () => {
    const error = failure(() => run('workflow_run__completed', { 'workflow_run.conclusion': null }));
    expect([error.code, error.message]).toEqual(['MALFORMED', expect.stringContaining('workflow_run.conclusion')]);
  });
});

describe('GitHub issues as incidents', () => {
  const bugIsIncident: NormalizerSettings = { ...DEFAULT_NORMALIZER_SETTINGS, incidentLabels: ['Bug'] };
  const STREAM = 'incident-github-Codertocat/Hello-World#1';

  it('a label that is not an incident label is ignored', () => {
    expect(run('issues__labeled')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('label bug is not an incident label') });
  });

  it('an incident label: IssueLabelledAsIncident and IncidentDeclared on the incident stream', () => {
    expect(eventsOf(run('issues__labeled', {}, bugIsIncident))).toEqual([
      {
        type: 'IssueLabelledAsIncident',
        streamId: STREAM,
        occurredAt: '2019-05-15T15:20:18.000Z',
        data: {
          tool: 'github',
          repo: 'Codertocat/Hello-World',
          number: 1,
          label: 'bug',
          labelledBy: CODERTOCAT,
          labelledAt: '2019-05-15T15:20:18.000Z',
          issueOpenedAt: '2019-05-15T15:20:18.000Z',
          incident: { tool: 'github', id: 'Codertocat/Hello-World#1' },
        },
      },
      {
        type: 'IncidentDeclared',
        streamId: STREAM,
        occurredAt: '2019-05-15T15:20:18.000Z',
        data: {
          tool: 'github',
          incidentId: 'Codertocat/Hello-World#1',
          title: 'Spelling error in the README file',
          declaredAt: '2019-05-15T15:20:18.000Z',
          declaredBy: CODERTOCAT,
          impactStartedAt: '2019-05-15T15:20:18.000Z',
          status: 'INCIDENT_STATUS_LIVE',
        },
      },
    ]);
  });

  it('reads the severity from a sev label', () => {
    const labels = [{ name: 'bug' }, { name: 'SEV-3' }, { name: 'sev2' }];
    const [labelled, declared] = eventsOf(run('issues__labeled', { 'issue.labels': labels }, bugIsIncident));
    expect(labelled.type === 'IssueLabelledAsIncident' && labelled.data.severity).toBe('SEVERITY_SEV2');
    expect(declared.type === 'IncidentDeclared' && [declared.data.severity, declared.data.severityLabel]).toEqual(['SEVERITY_SEV2', 'sev2']);
  });

  it('closing and reopening an incident issue resolve and reopen the incident', () => {
    const [resolved] = eventsOf(
      run('issues__labeled', { action: 'closed', 'issue.state': 'closed', 'issue.closed_at': '2019-05-16T08:00:00Z' }, bugIsIncident),
    );
    expect(resolved).toEqual({
      type: 'IncidentResolved',
      streamId: STREAM,
      occurredAt: '2019-05-16T08:00:00.000Z',
      data: { tool: 'github', incidentId: 'Codertocat/Hello-World#1', resolvedAt: '2019-05-16T08:00:00.000Z', by: CODERTOCAT },
    });
    const [reopened] = eventsOf(run('issues__reopened', {}, bugIsIncident));
    expect(reopened).toMatchObject({ type: 'IncidentReopened', occurredAt: '2021-10-11T16:40:56.000Z' });
    expect(run('issues__reopened')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('no incident label') });
  });

  it('removing the last incident label declines the incident', () => {
    const [declined] = eventsOf(run('issues__labeled', { action: 'unlabeled', 'issue.labels': [] }, bugIsIncident));
    expect(declined).toMatchObject({ type: 'IncidentStatusChanged', data: { status: 'INCIDENT_STATUS_DECLINED', incidentId: 'Codertocat/Hello-World#1' } });
  });
});

describe('GitHub malformed and unknown deliveries', () => {
  it.each([
    ['pull_request__closed.merged', 'pull_request.merged_at', undefined],
    ['pull_request__closed.merged', 'pull_request.merge_commit_sha', null],
    ['pull_request__opened', 'pull_request.created_at', 1557933633],
    ['pull_request__opened', 'pull_request.head', undefined],
    ['pull_request__opened', 'repository.full_name', undefined],
    ['pull_request_review__submitted', 'review.submitted_at', undefined],
    ['pull_request_review__submitted', 'review.user', null],
    ['deployment_status__payload', 'deployment.sha', undefined],
    ['deployment_status__payload', 'deployment_status.created_at', 'yesterday'],
    ['push__with-new-branch', 'repository.pushed_at', undefined],
    ['workflow_run__completed', 'workflow_run.head_sha', 7],
    ['issues__labeled', 'issue.labels', 'bug'],
  ])('%s with %s = %j is MALFORMED naming the field', (name, field, value) => {
    const error = failure(() => run(name, { [field]: value }, { ...DEFAULT_NORMALIZER_SETTINGS, incidentLabels: ['bug'] }));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toContain(field);
  });

  it('a body that is not JSON is MALFORMED', () => {
    const error = failure(() => normalizeGithub(fixtureEnvelope('github', 'not json', { 'x-github-event': 'push' }), DEFAULT_NORMALIZER_SETTINGS));
    expect(error.code).toBe('MALFORMED');
  });

  it('a delivery without X-GitHub-Event is MALFORMED', () => {
    const body = webhookFixture(DIR, 'push__payload').body;
    expect(failure(() => normalizeGithub(fixtureEnvelope('github', body, {}), DEFAULT_NORMALIZER_SETTINGS)).message).toContain('x-github-event');
  });

  it('an event type GitHub may send but Tandem does not know is UNKNOWN_EVENT_TYPE', () => {
    const body = webhookFixture(DIR, 'ping__payload').body;
    const error = failure(() => normalizeGithub(fixtureEnvelope('github', body, { 'x-github-event': 'star' }), DEFAULT_NORMALIZER_SETTINGS));
    expect([error.code, error.message]).toEqual(['UNKNOWN_EVENT_TYPE', 'GitHub event "star" is not handled']);
  });

  it('an unknown action of a handled event is UNKNOWN_EVENT_TYPE', () => {
    const error = failure(() => run('pull_request__opened', { action: 'teleported' }));
    expect([error.code, error.message]).toEqual(['UNKNOWN_EVENT_TYPE', 'GitHub pull_request action "teleported" is not handled']);
  });
});

describe('GitHub canonical events', () => {
  it('the same delivery always normalizes to the same events', () => {
    for (const fixture of webhookFixtures(DIR)) expect(run(fixture.name)).toEqual(run(fixture.name));
  });
});
