import { DEFAULT_NORMALIZER_SETTINGS, type NormalizerSettings } from '../normalizer';
import { describeFixtureFolder } from '../shared/testing/fixture-folder';
import { eventsOf, fixtureRunner, normalizationFailure as failure } from '../shared/testing/normalizer-test-kit';
import type { SampleExpectation } from '../shared/testing/outcome';
import { fixtureEnvelope, notedHeader, webhookFixture, webhookFixtures } from '../shared/testing/webhook-fixtures';
import { normalizeGitlab } from './index';

const DIR = 'gitlab';
const TEST_REPO = 'gitlabhq/gitlab-test';
const USER1 = { tool: 'gitlab', id: 'user1', name: 'User1', email: 'user1@example.com' };

/** GitLab names the event only in a header: the sample's notes say which it was sent with. */
const eventHeader = notedHeader(DIR, 'X-Gitlab-Event');

const gitlab = fixtureRunner({
  dir: DIR,
  source: 'gitlab',
  normalizer: normalizeGitlab,
  headersFor: (_deliveryId, sample) => ({ 'X-Gitlab-Event': eventHeader(sample) }),
});
const { run } = gitlab;

/**
 * What each vendor sample becomes: event types in order, `ignored`, or MALFORMED for the one
 * sample that is not a readable delivery (go-gitlab's group_merge_request has trailing spaces in
 * most object_attributes keys, a fixture error, not GitLab behaviour).
 */
const EXPECTED: Record<string, SampleExpectation> = {
  'go-gitlab__build': 'ignored',
  'go-gitlab__deployment': ['DeploymentFinished'],
  'go-gitlab__feature_flag': 'ignored',
  'go-gitlab__group_merge_request': { malformed: /object_attributes\.iid/ },
  'go-gitlab__issue': 'ignored',
  'go-gitlab__job': 'ignored',
  'go-gitlab__member': 'ignored',
  'go-gitlab__merge_request': ['PullRequestOpened'],
  'go-gitlab__note_commit': 'ignored',
  'go-gitlab__note_issue': 'ignored',
  'go-gitlab__note_merge_request': ['PullRequestCommented'],
  'go-gitlab__pipeline': ['WorkflowRunCompleted'],
  'go-gitlab__push': ['CommitsPushed'],
  'go-gitlab__release': 'ignored',
  'go-gitlab__service_merge_request': 'ignored',
  'go-gitlab__tag_push': 'ignored',
  'handmade__merge_request.merge': ['PullRequestMerged'],
};

const isMalformed = (name: string): boolean => {
  const expected = EXPECTED[name];
  return typeof expected === 'object' && 'malformed' in expected;
};

describeFixtureFolder(
  'GitLab normalizer: every vendor sample',
  gitlab,
  {
    atLeast: 17,
    eachSample: (name) => expect(eventHeader(name)).toMatch(/^[A-Z][A-Za-z ]+ Hook$/),
    ignoreReason: /^GitLab [A-Z][A-Za-z ]+ Hook.*: .{10,}/,
    expected: EXPECTED,
    redelivered: [
      {
        sample: 'handmade__merge_request.merge',
        events: 1,
        first: {
          streamId: `pr-gitlab-${TEST_REPO}-1`,
          event: {
            type: 'PullRequestMerged',
            metadata: { occurredAt: '2013-12-04T09:12:45.000Z', source: 'gitlab', sourceDeliveryId: 'delivery-1' },
            data: { mergeCommitSha: 'dcb118f809cc927f90456fb6413eaf196ef66c36' },
          },
        },
      },
    ],
  },
  () => {
    it('group_merge_request (trailing-space keys) routes as a merge and ends MALFORMED naming the unreadable fields', () => {
      const error = failure(() => run('go-gitlab__group_merge_request'));
      expect(error.code).toBe('MALFORMED');
      expect(error.message).toContain('GitLab Merge Request Hook');
      expect(error.message).toContain('object_attributes.iid');
    });
  },
);

describe('GitLab merge requests', () => {
  it('open: PullRequestOpened at created_at by the opening user, with branches and head commit', () => {
    expect(eventsOf(run('go-gitlab__merge_request'))).toEqual([
      {
        type: 'PullRequestOpened',
        streamId: `pr-gitlab-${TEST_REPO}-1`,
        occurredAt: '2013-12-03T17:23:34.000Z',
        data: {
          tool: 'gitlab',
          repo: TEST_REPO,
          number: 1,
          author: USER1,
          openedAt: '2013-12-03T17:23:34.000Z',
          draft: false,
          headSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
          headRef: 'ms-viewport',
          baseRef: 'master',
        },
      },
    ]);
  });

  it('merge: PullRequestMerged at the time the merge action wrote, with merge_commit_sha and merger', () => {
    expect(eventsOf(run('handmade__merge_request.merge'))).toEqual([
      {
        type: 'PullRequestMerged',
        streamId: `pr-gitlab-${TEST_REPO}-1`,
        occurredAt: '2013-12-04T09:12:45.000Z',
        data: {
          tool: 'gitlab',
          repo: TEST_REPO,
          number: 1,
          mergedAt: '2013-12-04T09:12:45.000Z',
          mergeCommitSha: 'dcb118f809cc927f90456fb6413eaf196ef66c36',
          mergedBy: USER1,
          openedAt: '2013-12-03T17:23:34.000Z',
          headRef: 'ms-viewport',
          baseRef: 'master',
          headSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        },
      },
    ]);
  });

  it('merge time: merged_at first, then the merge action’s updated_at, never a later record update', () => {
    const merged = (changes: Record<string, unknown>) => {
      const [event] = eventsOf(run('handmade__merge_request.merge', changes));
      return event.type === 'PullRequestMerged' ? event.data.mergedAt : undefined;
    };
    expect(merged({ 'object_attributes.merged_at': '2013-12-04 09:12:40 UTC' })).toBe('2013-12-04T09:12:40.000Z');
    expect(merged({ 'object_attributes.updated_at': '2013-12-05T10:00:00Z' })).toBe('2013-12-04T09:12:45.000Z');
    expect(merged({ changes: {} })).toBe('2013-12-04T09:12:45.000Z');
  });

  it('merge commit: squash_commit_sha, then the head commit for a fast-forward merge', () => {
    const sha = (changes: Record<string, unknown>) => {
      const [event] = eventsOf(run('handmade__merge_request.merge', changes));
      return event.type === 'PullRequestMerged' ? event.data.mergeCommitSha : undefined;
    };
    expect(sha({ 'object_attributes.merge_commit_sha': null, 'object_attributes.squash_commit_sha': 'feedfacefeedfacefeedfacefeedfacefeedface' })).toBe(
      'feedfacefeedfacefeedfacefeedfacefeedface',
    );
    expect(sha({ 'object_attributes.merge_commit_sha': null })).toBe('da1560886d4f094c3e6c9ef40349f7d38b5d27d7');
  });

  it('names the author on merge only when the acting user is the author', () => {
    const [event] = eventsOf(run('handmade__merge_request.merge', { 'object_attributes.author_id': 1 }));
    expect(event.type === 'PullRequestMerged' && event.data.author).toEqual(USER1);
  });

  it('close and reopen take the time of the action', () => {
    const [closed] = eventsOf(run('go-gitlab__merge_request', { 'object_attributes.action': 'close' }));
    expect(closed).toMatchObject({ type: 'PullRequestClosed', occurredAt: '2017-09-15T16:52:00.000Z', data: { closedBy: USER1 } });
    const [reopened] = eventsOf(run('go-gitlab__service_merge_request', { 'object_attributes.action': 'reopen' }));
    expect(reopened).toMatchObject({
      type: 'PullRequestReopened',
      occurredAt: '2021-09-27T05:01:21.000Z',
      data: { repo: 'test/woodpecker', number: 2, reopenedBy: { tool: 'gitlab', id: 'test' } },
    });
  });

  it('approval and approved are an APPROVED review with an id derived from MR, approver and time', () => {
    for (const action of ['approval', 'approved']) {
      expect(eventsOf(run('go-gitlab__service_merge_request', { 'object_attributes.action': action }))).toEqual([
        {
          type: 'PullRequestReviewed',
          streamId: 'pr-gitlab-test/woodpecker-2',
          occurredAt: '2021-09-27T05:01:21.000Z',
          data: {
            tool: 'gitlab',
            repo: 'test/woodpecker',
            number: 2,
            reviewId: 'approval:2:test:2021-09-27T05:01:21.000Z',
            reviewer: { tool: 'gitlab', id: 'test', name: 'the test', email: 'test@test.test' },
            state: 'REVIEW_STATE_APPROVED',
            submittedAt: '2021-09-27T05:01:21.000Z',
            pullRequestAuthor: { tool: 'gitlab', id: 'test', name: 'the test', email: 'test@test.test' },
            pullRequestOpenedAt: '2021-09-27T05:00:01.000Z',
            commitSha: '0ab96a10266b95b4b533dcfd98738015fbe70889',
          },
        },
      ]);
    }
    expect(run('go-gitlab__service_merge_request', { 'object_attributes.action': 'unapproved' })).toMatchObject({ outcome: 'ignored' });
  });

  it('update: ignored unless it toggles draft status', () => {
    expect(run('go-gitlab__service_merge_request')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('draft status') });
    const [draft] = eventsOf(run('go-gitlab__service_merge_request', { 'changes.draft': { previous: false, current: true } }));
    expect(draft).toMatchObject({ type: 'PullRequestConvertedToDraft', data: { convertedAt: '2021-09-27T05:01:21.000Z' } });
    const [ready] = eventsOf(run('go-gitlab__service_merge_request', { 'changes.work_in_progress': { previous: true, current: false } }));
    expect(ready).toMatchObject({ type: 'PullRequestReadyForReview', data: { readyAt: '2021-09-27T05:01:21.000Z' } });
  });

  it('flags GitLab bot accounts by username', () => {
    const [event] = eventsOf(run('go-gitlab__merge_request', { 'user.username': 'project_14_bot_3f2a' }));
    expect(event.type === 'PullRequestOpened' && event.data.author?.bot).toBe(true);
  });

  it('an unknown merge request action is UNKNOWN_EVENT_TYPE', () => {
    const error = failure(() => run('go-gitlab__merge_request', { 'object_attributes.action': 'teleport' }));
    expect([error.code, error.message]).toEqual(['UNKNOWN_EVENT_TYPE', 'GitLab Merge Request Hook action "teleport" is not handled']);
  });
});

describe('GitLab notes', () => {
  it('a note on a merge request: PullRequestCommented at its created_at (GitLab UTC format), no text', () => {
    const events = eventsOf(run('go-gitlab__note_merge_request'));
    expect(events).toEqual([
      {
        type: 'PullRequestCommented',
        streamId: 'pr-gitlab-gitlab-org/gitlab-test-1',
        occurredAt: '2015-05-17T18:21:36.000Z',
        data: {
          tool: 'gitlab',
          repo: 'gitlab-org/gitlab-test',
          number: 1,
          commentId: '1244',
          commenter: { tool: 'gitlab', id: 'root', name: 'Administrator', email: 'admin@example.com' },
          commentedAt: '2015-05-17T18:21:36.000Z',
          pullRequestOpenedAt: '2015-03-01T20:12:53.000Z',
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('This MR needs work');
  });

  it('notes on issues and commits are ignored', () => {
    expect(run('go-gitlab__note_issue')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('on Issue') });
    expect(run('go-gitlab__note_commit')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('on Commit') });
  });
});

describe('GitLab pushes', () => {
  it('CommitsPushed dated by the head commit, authors by email under tool git, total count kept', () => {
    expect(eventsOf(run('go-gitlab__push'))).toEqual([
      {
        type: 'CommitsPushed',
        streamId: 'repo-gitlab-mike/diaspora',
        occurredAt: '2012-01-03T21:36:29.000Z',
        data: {
          tool: 'gitlab',
          repo: 'mike/diaspora',
          ref: 'refs/heads/master',
          beforeSha: '95790bf891e76fee5e1747ab589903a6a1f80f22',
          afterSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
          pusher: { tool: 'gitlab', id: 'jsmith', name: 'John Smith', email: 'john@example.com' },
          pushedAt: '2012-01-03T21:36:29.000Z',
          created: false,
          deleted: false,
          commits: [
            {
              sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
              authoredAt: '2011-12-12T12:27:31.000Z',
              author: { tool: 'git', id: 'jordi@softcatala.org', name: 'Jordi Mallach', email: 'jordi@softcatala.org' },
              changedPaths: { paths: ['CHANGELOG', 'app/controller/application.rb'] },
            },
            {
              sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
              authoredAt: '2012-01-03T21:36:29.000Z',
              author: { tool: 'git', id: 'gitlabdev@dv6700.(none)', name: 'GitLab dev user', email: 'gitlabdev@dv6700.(none)' },
              changedPaths: { paths: ['CHANGELOG', 'app/controller/application.rb'] },
            },
          ],
          totalCommits: 4,
          defaultBranch: 'master',
        },
      },
    ]);
  });

  it('a redacted pusher email is no email', () => {
    const [push] = eventsOf(run('go-gitlab__push', { user_email: '[REDACTED]' }));
    expect(push.type === 'CommitsPushed' && push.data.pusher).toEqual({ tool: 'gitlab', id: 'jsmith', name: 'John Smith' });
  });

  it('a branch deletion has no time in the payload and is ignored with that reason', () => {
    const deletion = { after: '0000000000000000000000000000000000000000', commits: [], total_commits_count: 0 };
    expect(run('go-gitlab__push', deletion)).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('no time') });
  });

  it('tag pushes are ignored', () => {
    expect(run('go-gitlab__tag_push')).toMatchObject({ outcome: 'ignored', reason: expect.stringMatching(/^GitLab Tag Push Hook: /) });
  });
});

describe('GitLab pipelines', () => {
  it('a finished pipeline: WorkflowRunCompleted at finished_at with its merge request', () => {
    expect(eventsOf(run('go-gitlab__pipeline'))).toEqual([
      {
        type: 'WorkflowRunCompleted',
        streamId: 'repo-gitlab-gitlab-org/gitlab-test',
        occurredAt: '2016-08-12T15:26:29.000Z',
        data: {
          tool: 'gitlab',
          repo: 'gitlab-org/gitlab-test',
          runId: '31',
          workflowName: 'pipeline',
          trigger: 'merge_request_event',
          headSha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
          headBranch: 'master',
          conclusion: 'WORKFLOW_CONCLUSION_SUCCESS',
          startedAt: '2016-08-12T15:23:28.000Z',
          completedAt: '2016-08-12T15:26:29.000Z',
          actor: { tool: 'gitlab', id: 'user1', name: 'User1', email: 'user1@example.com' },
          pullRequestNumbers: [1],
        },
      },
    ]);
  });

  it.each([
    ['failed', 'WORKFLOW_CONCLUSION_FAILURE'],
    ['canceled', 'WORKFLOW_CONCLUSION_CANCELLED'],
    ['skipped', 'WORKFLOW_CONCLUSION_SKIPPED'],
  ])('status %s concludes %s', (status, conclusion) => {
    const [event] = eventsOf(run('go-gitlab__pipeline', { 'object_attributes.status': status }));
    expect(event.type === 'WorkflowRunCompleted' && event.data.conclusion).toBe(conclusion);
  });

  it('running pipelines are ignored; an unknown status is UNKNOWN_EVENT_TYPE', () => {
    expect(run('go-gitlab__pipeline', { 'object_attributes.status': 'running' })).toMatchObject({ outcome: 'ignored' });
    expect(failure(() => run('go-gitlab__pipeline', { 'object_attributes.status': 'vanished' })).code).toBe('UNKNOWN_EVENT_TYPE');
  });
});

describe('GitLab deployments', () => {
  it('success: DeploymentFinished at status_changed_at (+0200 format), full sha from commit_url, staging is not production', () => {
    expect(eventsOf(run('go-gitlab__deployment'))).toEqual([
      {
        type: 'DeploymentFinished',
        streamId: 'deployment-gitlab-15',
        occurredAt: '2021-04-28T19:50:00.000Z',
        data: {
          tool: 'gitlab',
          deploymentId: '15',
          repository: { tool: 'gitlab', id: 'root/test-deployment-webhooks' },
          environment: 'staging',
          production: false,
          sha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
          ref: '1.0.0',
          triggeredBy: { tool: 'gitlab', id: 'user1', name: 'User1', email: 'admin@example.com' },
          status: 'DEPLOYMENT_STATUS_SUCCESS',
          finishedAt: '2021-04-28T19:50:00.000Z',
          rollback: false,
        },
      },
    ]);
  });

  it.each([
    [{ environment: 'production' }, true],
    [{ environment: 'prod-eu' }, true],
    [{ environment: 'production', environment_tier: 'staging' }, false],
    [{ environment: 'eu-main', environment_tier: 'production' }, true],
  ])('%j is production: %s (environment_tier decides, else the configured names)', (changes, production) => {
    const [event] = eventsOf(run('go-gitlab__deployment', changes));
    expect(event.type === 'DeploymentFinished' && event.data.production).toBe(production);
  });

  it.each([
    ['failed', 'DEPLOYMENT_STATUS_FAILURE'],
    ['canceled', 'DEPLOYMENT_STATUS_CANCELLED'],
  ])('status %s finishes with %s', (status, expected) => {
    const [event] = eventsOf(run('go-gitlab__deployment', { status }));
    expect(event.type === 'DeploymentFinished' && event.data.status).toBe(expected);
  });

  it('running: DeploymentStarted at status_changed_at', () => {
    const [event] = eventsOf(run('go-gitlab__deployment', { status: 'running' }));
    expect(event).toMatchObject({ type: 'DeploymentStarted', occurredAt: '2021-04-28T19:50:00.000Z', data: { startedAt: '2021-04-28T19:50:00.000Z' } });
  });

  it('the deployment of a revert commit is a rollback; the short sha stands in without a commit_url', () => {
    const [event] = eventsOf(run('go-gitlab__deployment', { commit_title: 'Revert "Add new file"', commit_url: null }));
    expect(event.type === 'DeploymentFinished' && [event.data.rollback, event.data.sha]).toEqual([true, '279484c0']);
  });

  it('an unknown deployment status is UNKNOWN_EVENT_TYPE', () => {
    expect(failure(() => run('go-gitlab__deployment', { status: 'exploded' })).code).toBe('UNKNOWN_EVENT_TYPE');
  });
});

describe('GitLab issues as incidents', () => {
  const apiIsIncident: NormalizerSettings = { ...DEFAULT_NORMALIZER_SETTINGS, incidentLabels: ['api'] };
  const STREAM = `incident-gitlab-${TEST_REPO}#23`;

  it('without an incident label the Issue Hook is ignored', () => {
    expect(run('go-gitlab__issue')).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('no incident label') });
  });

  it('opened with an incident label: IssueLabelledAsIncident and IncidentDeclared, GitLab severity high as SEV2', () => {
    const events = eventsOf(run('go-gitlab__issue', {}, apiIsIncident));
    expect(events.map((event) => [event.type, event.streamId, event.occurredAt])).toEqual([
      ['IssueLabelledAsIncident', STREAM, '2013-12-03T17:15:43.000Z'],
      ['IncidentDeclared', STREAM, '2013-12-03T17:15:43.000Z'],
    ]);
    expect(events[1].data).toEqual({
      tool: 'gitlab',
      incidentId: `${TEST_REPO}#23`,
      title: 'New API: create/update/delete file',
      severity: 'SEVERITY_SEV2',
      severityLabel: 'high',
      declaredAt: '2013-12-03T17:15:43.000Z',
      declaredBy: { tool: 'gitlab', id: 'root', name: 'Administrator', email: 'admin@example.com' },
      impactStartedAt: '2013-12-03T17:15:43.000Z',
      status: 'INCIDENT_STATUS_LIVE',
    });
  });

  it('an update that adds the incident label declares at the time of that update', () => {
    const update = { 'object_attributes.action': 'update', 'object_attributes.labels': [{ title: 'Platform' }] };
    const events = eventsOf(run('go-gitlab__issue', update, { ...DEFAULT_NORMALIZER_SETTINGS, incidentLabels: ['platform'] }));
    expect(events.map((event) => [event.type, event.occurredAt])).toEqual([
      ['IssueLabelledAsIncident', '2017-09-15T16:52:00.000Z'],
      ['IncidentDeclared', '2017-09-15T16:52:00.000Z'],
    ]);
    expect(events[0].data).toMatchObject({ label: 'Platform', labelledAt: '2017-09-15T16:52:00.000Z', incident: { tool: 'gitlab', id: `${TEST_REPO}#23` } });
  });

  it('an update that removes the last incident label declines the incident', () => {
    const update = { 'object_attributes.action': 'update', 'object_attributes.labels': [{ title: 'Platform' }] };
    expect(eventsOf(run('go-gitlab__issue', update, apiIsIncident))).toEqual([
      {
        type: 'IncidentStatusChanged',
        streamId: STREAM,
        occurredAt: '2017-09-15T16:52:00.000Z',
        data: {
          tool: 'gitlab',
          incidentId: `${TEST_REPO}#23`,
          status: 'INCIDENT_STATUS_DECLINED',
          statusLabel: 'label API removed',
          changedAt: '2017-09-15T16:52:00.000Z',
          by: { tool: 'gitlab', id: 'root', name: 'Administrator', email: 'admin@example.com' },
        },
      },
    ]);
  });

  it('closing and reopening an incident issue resolve and reopen the incident', () => {
    const [resolved] = eventsOf(run('go-gitlab__issue', { 'object_attributes.action': 'close', changes: { closed_at: { current: '2017-09-15 16:56:00 UTC' } } }, apiIsIncident));
    expect(resolved).toMatchObject({ type: 'IncidentResolved', streamId: STREAM, occurredAt: '2017-09-15T16:56:00.000Z' });
    const [reopened] = eventsOf(run('go-gitlab__issue', { 'object_attributes.action': 'reopen', changes: {} }, apiIsIncident));
    expect(reopened).toMatchObject({ type: 'IncidentReopened', streamId: STREAM, occurredAt: '2013-12-03T17:15:43.000Z' });
  });
});

describe('GitLab malformed and unknown deliveries', () => {
  it.each([
    ['handmade__merge_request.merge', 'object_attributes.iid', undefined],
    ['handmade__merge_request.merge', 'object_attributes.created_at', 'last tuesday'],
    ['go-gitlab__merge_request', 'object_attributes.last_commit', null],
    ['go-gitlab__merge_request', 'user', undefined],
    ['go-gitlab__note_merge_request', 'merge_request', null],
    ['go-gitlab__push', 'commits.1.timestamp', undefined],
    ['go-gitlab__push', 'user_username', 4],
    ['go-gitlab__pipeline', 'object_attributes.finished_at', null],
    ['go-gitlab__pipeline', 'project.path_with_namespace', undefined],
    ['go-gitlab__deployment', 'status_changed_at', '2021-13-45 99:00:00 +0200'],
    ['go-gitlab__deployment', 'deployment_id', '15'],
    ['go-gitlab__issue', 'object_attributes.iid', undefined],
  ])('%s with %s = %j is MALFORMED naming the field', (name, field, value) => {
    const error = failure(() => run(name, { [field]: value }, { ...DEFAULT_NORMALIZER_SETTINGS, incidentLabels: ['api'] }));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toContain(field);
  });

  it('a delivery without X-Gitlab-Event is MALFORMED; an unknown one is UNKNOWN_EVENT_TYPE', () => {
    const body = webhookFixture(DIR, 'go-gitlab__push').body;
    expect(failure(() => normalizeGitlab(fixtureEnvelope('gitlab', body, {}), DEFAULT_NORMALIZER_SETTINGS)).code).toBe('MALFORMED');
    const unknown = failure(() => normalizeGitlab(fixtureEnvelope('gitlab', body, { 'x-gitlab-event': 'System Hook' }), DEFAULT_NORMALIZER_SETTINGS));
    expect([unknown.code, unknown.message]).toEqual(['UNKNOWN_EVENT_TYPE', 'GitLab event "System Hook" is not handled']);
  });

  it('a body that is not JSON is MALFORMED', () => {
    const error = failure(() => normalizeGitlab(fixtureEnvelope('gitlab', '<html>', { 'x-gitlab-event': 'Push Hook' }), DEFAULT_NORMALIZER_SETTINGS));
    expect(error.code).toBe('MALFORMED');
  });
});

describe('GitLab canonical events', () => {
  it('the same delivery always normalizes to the same events', () => {
    const readable = webhookFixtures(DIR).filter((candidate) => !isMalformed(candidate.name));
    for (const fixture of readable) {
      expect(run(fixture.name)).toEqual(run(fixture.name));
    }
  });
});
