import { MetricEvents, who } from '../../testing/metric-events';
import { kpiOf, team } from '../../testing/kpi-harness';

/** February and March 2026: alice moves from payments (Dev) to sre (Ops) on 1 March. */
const FEBRUARY_AND_MARCH = { from: '2026-02-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

function merged(t: MetricEvents, number: number, openedAt: string, mergedAt: string, repo = 'acme/checkout') {
  t.prMerged(number, mergedAt, { repo, mergeCommitSha: `merge${number}`.padEnd(12, '0'), openedAt });
}

/** PRs of checkout (payments, sre) and their reviews. */
function reviewScenario(): MetricEvents {
  const t = new MetricEvents();
  // PR1: dave (Dev) approved by carol (Ops) → across.
  t.prOpened(1, '2026-02-02T09:00:00Z', who.github('dave-gh'));
  t.prReviewed(1, '2026-02-02T10:00:00Z', who.github('carol-gh'));
  merged(t, 1, '2026-02-02T09:00:00Z', '2026-02-02T11:00:00Z');
  // PR2: carol (Ops) commented on by erin (Dev) in a review → across.
  t.prOpened(2, '2026-02-03T09:00:00Z', who.github('carol-gh'));
  t.prReviewed(2, '2026-02-03T10:00:00Z', who.github('erin-gh'), 'REVIEW_STATE_COMMENTED');
  merged(t, 2, '2026-02-03T09:00:00Z', '2026-02-03T11:00:00Z');
  // PR3: dave reviewed by erin (both Dev). PR4: no review.
  t.prOpened(3, '2026-02-04T09:00:00Z', who.github('dave-gh'));
  t.prReviewed(3, '2026-02-04T10:00:00Z', who.github('erin-gh'), 'REVIEW_STATE_CHANGES_REQUESTED');
  merged(t, 3, '2026-02-04T09:00:00Z', '2026-02-04T11:00:00Z');
  t.prOpened(4, '2026-02-05T09:00:00Z', who.github('dave-gh'));
  merged(t, 4, '2026-02-05T09:00:00Z', '2026-02-05T11:00:00Z');
  // PR5: dependabot's (a bot's PR is nobody's work), reviewed by dave.
  t.prOpened(5, '2026-02-06T09:00:00Z', who.bot('dependabot[bot]'));
  t.prReviewed(5, '2026-02-06T10:00:00Z', who.github('dave-gh'));
  merged(t, 5, '2026-02-06T09:00:00Z', '2026-02-06T11:00:00Z');
  // PR6: dave's, reviewed only by a bot.
  t.prOpened(6, '2026-02-07T09:00:00Z', who.github('dave-gh'));
  t.prReviewed(6, '2026-02-07T10:00:00Z', who.bot('ci-bot'));
  merged(t, 6, '2026-02-07T09:00:00Z', '2026-02-07T11:00:00Z');
  // PR7: erin's, reviewed by alice on 20 February, while alice is in payments (Dev) → not across.
  t.prOpened(7, '2026-02-19T09:00:00Z', who.github('erin-gh'));
  t.prReviewed(7, '2026-02-20T10:00:00Z', who.github('alice-gh'));
  merged(t, 7, '2026-02-19T09:00:00Z', '2026-02-20T11:00:00Z');
  // PR8: dave's, reviewed by alice on 5 March, now in sre (Ops) → across.
  t.prOpened(8, '2026-03-04T09:00:00Z', who.github('dave-gh'));
  t.prReviewed(8, '2026-03-05T10:00:00Z', who.github('alice-gh'));
  merged(t, 8, '2026-03-04T09:00:00Z', '2026-03-05T11:00:00Z');
  // PR9: carol commented outside a review: a comment is not a review.
  t.prOpened(9, '2026-03-06T09:00:00Z', who.github('dave-gh'));
  t.add(
    'PullRequestCommented',
    { tool: 'github', repo: 'acme/checkout', number: 9, commentId: 'c9', commenter: who.github('carol-gh'), commentedAt: '2026-03-06T10:00:00Z' },
    '2026-03-06T10:00:00Z',
  );
  merged(t, 9, '2026-03-06T09:00:00Z', '2026-03-06T11:00:00Z');
  // PR10: carol's review in March, merged in April (after the window).
  t.prOpened(10, '2026-03-30T09:00:00Z', who.github('dave-gh'));
  t.prReviewed(10, '2026-03-30T10:00:00Z', who.github('carol-gh'));
  merged(t, 10, '2026-03-30T09:00:00Z', '2026-04-02T11:00:00Z');
  // PR11: tom (tiny, below the minimum group size) reviews dave's PR, never merged.
  t.prOpened(11, '2026-02-10T09:00:00Z', who.github('dave-gh'));
  t.prReviewed(11, '2026-02-10T10:00:00Z', who.github('tom-gh'));
  return t;
}

describe('cross_team_review_rate', () => {
  it('shares the merged PRs reviewed by someone on the other side, as of the review', () => {
    const value = kpiOf('cross_team_review_rate', reviewScenario().events, { window: FEBRUARY_AND_MARCH });

    // Merged in the window, bots' left out: PR1, 2, 3, 4, 6, 7, 8, 9 = 8; across sides: PR1, PR2, PR8 = 3.
    expect(value).toMatchObject({ value: 3 / 8, numerator: 3, denominator: 8 });
  });
});

describe('review_matrix', () => {
  it('counts reviews from the reviewer’s team to the author’s team, small teams left out of the matrix', () => {
    const events = reviewScenario().events;
    const value = kpiOf('review_matrix', events, { window: FEBRUARY_AND_MARCH });

    // Reviews by people of people's PRs in the window: PR1, 2, 3, 7, 8, 10, 11 = 7 (PR5's author and
    // PR6's reviewer are bots). tom's review is counted but tiny's cell is not shown.
    expect(value).toMatchObject({ value: 7, sampleSize: 7, unit: 'count' });
    expect(value.extras?.matrix).toEqual([
      { reviewerTeam: 'payments', authorTeam: 'payments', reviews: 2 }, // PR3 erin → dave, PR7 alice → erin (February)
      { reviewerTeam: 'payments', authorTeam: 'sre', reviews: 1 }, // PR2 erin → carol
      { reviewerTeam: 'sre', authorTeam: 'payments', reviews: 3 }, // PR1 carol, PR8 alice (March), PR10 carol
    ]);
    expect(kpiOf('review_matrix', events, { window: FEBRUARY_AND_MARCH, scope: { kind: 'team_pair', teams: ['sre', 'payments'] } }).value).toBe(3);
    expect(kpiOf('review_matrix', events, { window: FEBRUARY_AND_MARCH, scope: { kind: 'team_pair', teams: ['payments', 'sre'] } }).value).toBe(1);
    expect(kpiOf('review_matrix', events, { window: FEBRUARY_AND_MARCH, scope: team('sre') }).value).toBe(4);
    expect(kpiOf('review_matrix', events, { window: FEBRUARY_AND_MARCH, scope: team('tiny') })).toMatchObject({ value: null, suppressed: true, contributors: [] });
  });
});

describe('iac_dev_authorship', () => {
  it('shares the infrastructure changes (PRs and direct pushes) authored by the Dev side', () => {
    const t = new MetricEvents();
    const paths = (...changed: string[]) => ({ paths: changed });
    t.prOpened(1, '2026-02-02T09:00:00Z', who.github('dave-gh'));
    t.prMerged(1, '2026-02-02T11:00:00Z', { mergeCommitSha: 'merge1000000', openedAt: '2026-02-02T09:00:00Z', changedPaths: paths('infra/main.tf', 'src/a.ts') });
    t.prOpened(2, '2026-02-03T09:00:00Z', who.github('carol-gh'));
    t.prMerged(2, '2026-02-03T11:00:00Z', { mergeCommitSha: 'merge2000000', openedAt: '2026-02-03T09:00:00Z', changedPaths: paths('k8s/deploy.yaml') });
    // Not infrastructure: application code, unknown paths, a truncated list without a match.
    t.prOpened(3, '2026-02-04T09:00:00Z', who.github('dave-gh'));
    t.prMerged(3, '2026-02-04T11:00:00Z', { mergeCommitSha: 'merge3000000', openedAt: '2026-02-04T09:00:00Z', changedPaths: paths('src/app.ts') });
    t.prOpened(4, '2026-02-05T09:00:00Z', who.github('dave-gh'));
    t.prMerged(4, '2026-02-05T11:00:00Z', { mergeCommitSha: 'merge4000000', openedAt: '2026-02-05T09:00:00Z' });
    t.prOpened(7, '2026-02-08T09:00:00Z', who.github('erin-gh'));
    t.prMerged(7, '2026-02-08T11:00:00Z', { mergeCommitSha: 'merge7000000', openedAt: '2026-02-08T09:00:00Z', changedPaths: { paths: ['src/x.ts'], truncated: true } });
    // A bot's Dockerfile change is nobody's; bob (Dev) changes search's CI workflow.
    t.prOpened(5, '2026-02-06T09:00:00Z', who.bot('dependabot[bot]'));
    t.prMerged(5, '2026-02-06T11:00:00Z', { mergeCommitSha: 'merge5000000', openedAt: '2026-02-06T09:00:00Z', changedPaths: paths('Dockerfile') });
    t.prOpened(6, '2026-02-07T09:00:00Z', who.github('bob-gh'), 'acme/search');
    t.prMerged(6, '2026-02-07T11:00:00Z', { repo: 'acme/search', mergeCommitSha: 'merge6000000', openedAt: '2026-02-07T09:00:00Z', changedPaths: paths('.github/workflows/ci.yml') });
    // Pushed straight to main: dave's Helm change (a commit author known by email), carol's deploy change.
    const commit = (sha: string, author: ReturnType<typeof who.github>, ...changed: string[]) => ({ sha, authoredAt: '2026-02-10T09:00:00Z', author, changedPaths: paths(...changed) });
    t.commitsPushed('2026-02-10T10:00:00Z', { afterSha: 'direct200000', commits: [commit('direct100000', { tool: 'git', id: 'dave@example.com' }, 'helm/values.yaml'), commit('direct200000', who.github('carol-gh'), 'deploy/x.yaml')] });
    // PR1's merge reaching main, and a push to a feature branch: not direct changes.
    t.commitsPushed('2026-02-02T11:00:00Z', { afterSha: 'merge1000000', commits: [commit('merge1000000', who.github('dave-gh'), 'infra/main.tf')] });
    t.commitsPushed('2026-02-11T10:00:00Z', { ref: 'refs/heads/feature', afterSha: 'feature00000', commits: [commit('feature00000', who.github('dave-gh'), 'k8s/x.yaml')] });

    const value = kpiOf('iac_dev_authorship', t.events);

    // Infrastructure changes: PR1, PR2, PR6, dave's and carol's pushed commits = 5; by Dev: PR1, PR6, dave's = 3.
    expect(value).toMatchObject({ value: 0.6, numerator: 3, denominator: 5 });
  });
});

describe('cross_team_response_time', () => {
  it('measures a message → its first threaded reply from the other side', () => {
    const t = new MetricEvents();
    // T1: dave (Dev) at 10:00; erin (Dev) replies first, carol (Ops) at 10:20 → 1 200 s.
    t.messagePosted('CCHECKOUT', 't1', '2026-02-02T10:00:00Z', who.slack('UDAVE'));
    t.messagePosted('CCHECKOUT', 't1-r1', '2026-02-02T10:05:00Z', who.slack('UERIN'), 't1');
    t.messagePosted('CCHECKOUT', 't1-r2', '2026-02-02T10:20:00Z', who.slack('UCAROL'), 't1');
    // T2: carol (Ops) asks, bob (Dev) answers after 180 s.
    t.messagePosted('CSHARED', 't2', '2026-02-03T10:00:00Z', who.slack('UCAROL'));
    t.messagePosted('CSHARED', 't2-r1', '2026-02-03T10:03:00Z', who.slack('UBOB'), 't2');
    // T3: only the Dev side answers dave.
    t.messagePosted('CCHECKOUT', 't3', '2026-02-03T11:00:00Z', who.slack('UDAVE'));
    t.messagePosted('CCHECKOUT', 't3-r1', '2026-02-03T11:01:00Z', who.slack('UIVY'), 't3');
    // T4: a bot replies at once, frank (Ops) after an hour → 3 600 s.
    t.messagePosted('CCHECKOUT', 't4', '2026-02-04T10:00:00Z', who.slack('UDAVE'));
    t.messagePosted('CCHECKOUT', 't4-r1', '2026-02-04T10:00:01Z', { tool: 'slack', id: 'BPAGER', bot: true }, 't4');
    t.messagePosted('CCHECKOUT', 't4-r2', '2026-02-04T11:00:00Z', who.slack('UFRANK'), 't4');
    // T5: posted before the window; T6: a reply whose root was never seen.
    t.messagePosted('CCHECKOUT', 't5', '2026-01-31T23:00:00Z', who.slack('UDAVE'));
    t.messagePosted('CCHECKOUT', 't5-r1', '2026-02-01T01:00:00Z', who.slack('UCAROL'), 't5');
    t.messagePosted('CCHECKOUT', 't6-r1', '2026-02-05T01:00:00Z', who.slack('UCAROL'), 't6');
    // T7: alice, still Dev on 27 February, answered by carol after 600 s.
    t.messagePosted('CCHECKOUT', 't7', '2026-02-27T10:00:00Z', who.slack('UALICE'));
    t.messagePosted('CCHECKOUT', 't7-r1', '2026-02-27T10:10:00Z', who.slack('UCAROL'), 't7');

    const value = kpiOf('cross_team_response_time', t.events);

    // 180, 600, 1 200, 3 600: median 900; p90 at rank 2.7: 1 200 + 0.7 × 2 400 = 2 880; mean 5 580 / 4 = 1 395.
    expect(value).toMatchObject({ value: 900, sampleSize: 4, mean: 1_395 });
    expect(value.p90).toBeCloseTo(2_880, 6);
    // The channel of checkout maps the threads posted there to the service.
    expect(kpiOf('cross_team_response_time', t.events, { scope: { kind: 'service', service: 'checkout' } })).toMatchObject({ value: 1_200, sampleSize: 3 });
  });
});
