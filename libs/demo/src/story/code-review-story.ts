import { HOUR, isWeekend, MINUTE } from '../calendar';
import type { DemoPerson, DemoRepository, DemoTeam } from '../organization/demo-organization';
import { SeededRandom } from '../random';
import type { Story, StoryContext } from './story-context';
import { actorOf, type Commit, type GitActor, type PullRequest, type Review } from './story-model';

const TOPICS = ['retry budget', 'timeout handling', 'cache invalidation', 'rate limiter', 'health check', 'feature flag', 'error mapping', 'pagination', 'metrics labels', 'connection pool', 'input validation', 'audit log'];
const VERBS = ['Add', 'Fix', 'Refactor', 'Tune', 'Remove', 'Document', 'Harden'];
const INFRA_TOPICS = ['node pool sizing', 'alert thresholds', 'ingress timeouts', 'backup retention', 'autoscaling limits', 'TLS certificates', 'log retention', 'pod disruption budget'];
const DEV_INFRA_PATHS = ['k8s/deployment.yaml', 'Dockerfile', '.github/workflows/ci.yml', 'k8s/hpa.yaml'];
const SOURCE_DIRS = ['src/api', 'src/domain', 'src/adapters', 'src/jobs', 'test'];

/**
 * Pull requests, reviews, pushes and merges on GitHub and GitLab. The story in the numbers:
 * Ops-side engineers review more and more Dev pull requests, from about 5% of them in the first
 * week to about 40% in the last (cross_team_review_rate, review_matrix); some Dev pull requests
 * change infrastructure (iac_dev_authorship); Dependabot's pull requests are a bot's.
 */
export class CodeReviewStory implements Story {
  private readonly random: SeededRandom;
  /** The head of each repository's default branch, advanced as merges are delivered. */
  private readonly heads = new Map<string, string>();

  constructor(private readonly context: StoryContext) {
    this.random = SeededRandom.forPart(context.seed, 'code-review');
  }

  onDay(dayStart: number): void {
    if (isWeekend(dayStart)) return;
    const { organization } = this.context;
    for (const person of organization.people) {
      const team = this.context.teamOf(person, dayStart);
      if (this.random.chance(team.side === 'dev' ? 0.6 : 0.3)) this.pullRequest(actorOf(person), team, this.repositoryFor(team), dayStart);
    }
    for (const service of organization.services) {
      if (service.repository.tool === 'github' && this.random.chance(0.012)) {
        this.pullRequest({ kind: 'bot', ...organization.dependabot }, this.context.team(service.ownedBy), service.repository, dayStart);
      }
    }
  }

  /** The default branch's head before a push lands; first use invents the repository's history. */
  headOf(repository: DemoRepository): string {
    let head = this.heads.get(repository.fullName);
    if (head === undefined) {
      head = this.context.ids.sha();
      this.heads.set(repository.fullName, head);
    }
    return head;
  }

  private repositoryFor(team: DemoTeam): DemoRepository {
    const owned = this.context.organization.services.filter((service) => service.ownedBy === team.slug).map((service) => service.repository);
    if (team.side === 'ops' && (owned.length === 0 || this.random.chance(0.6))) return this.context.organization.infraRepository;
    return this.random.pick(owned);
  }

  private pullRequest(author: GitActor, team: DemoTeam, repository: DemoRepository, dayStart: number): void {
    const { context, random } = this;
    const openedAt = context.workMoment(random, dayStart, team.timezone);
    const infraRepository = repository === context.organization.infraRepository;
    const bot = author.kind === 'bot';
    const topic = infraRepository ? random.pick(INFRA_TOPICS) : random.pick(TOPICS);
    const title = bot ? `Bump ${random.pick(['lodash', 'pg', 'fastify', 'zod', 'pino'])} from 1.${random.int(0, 9)}.${random.int(0, 9)} to 1.${random.int(10, 20)}.0` : `${random.pick(VERBS)} ${topic}`;
    const branch = bot ? `dependabot/npm_and_yarn/${title.split(' ')[1]}-1.${random.int(10, 20)}.0` : `${author.person.github.login}/${topic.replace(/\s+/g, '-')}`;
    const commits = this.commits(author, openedAt, title, infraRepository, team, dayStart);
    const reviews = this.reviews(author, team, repository, openedAt, bot);
    const lastReview = reviews.length > 0 ? reviews[reviews.length - 1].at : openedAt;
    const closesAt = context.nextWorkingMoment(random, lastReview + random.logNormal(45 * MINUTE, 0.7), team.timezone);
    const merger: GitActor = bot ? actorOf(reviews[0]?.reviewer ?? random.pick(context.membersOf(team.slug, openedAt))) : author;
    const pr: PullRequest = {
      repository,
      number: context.ids.next(`pr:${repository.fullName}`),
      id: context.ids.number(),
      author,
      title,
      branch,
      commits,
      openedAt,
      reviews,
      outcome: random.chance(0.94)
        ? {
            kind: 'merged',
            at: closesAt,
            by: merger,
            mergeCommit: {
              sha: context.ids.sha(),
              message: `Merge pull request from ${branch}\n\n${title}`,
              authoredAt: closesAt,
              author: merger,
              added: [],
              modified: [...new Set(commits.flatMap((commit) => [...commit.added, ...commit.modified]))],
            },
          }
        : { kind: 'closed', at: closesAt, by: author },
      additions: random.int(3, 400),
      deletions: random.int(0, 150),
    };
    this.schedule(pr, Math.max(dayStart, openedAt - 2 * MINUTE));
  }

  private commits(author: GitActor, openedAt: number, title: string, infraRepository: boolean, team: DemoTeam, dayStart: number): Commit[] {
    const { random } = this;
    const count = author.kind === 'bot' ? 1 : random.int(1, 5);
    const firstAt = Math.max(openedAt - random.logNormal(4 * HOUR, 0.9), openedAt - 3 * 24 * HOUR, dayStart - 3 * 24 * HOUR);
    // Some Dev changes touch the service's deployment: infrastructure as code written by Dev.
    const touchesInfra = infraRepository || (team.side === 'dev' && random.chance(0.12));
    return Array.from({ length: count }, (_, index): Commit => {
      const paths = infraRepository
        ? [`terraform/${random.pick(this.context.organization.services).slug}/main.tf`]
        : [`${random.pick(SOURCE_DIRS)}/${title.split(' ').pop()?.toLowerCase() ?? 'change'}.ts`];
      if (touchesInfra && index === count - 1 && !infraRepository) paths.push(random.pick(DEV_INFRA_PATHS));
      return {
        sha: this.context.ids.sha(),
        message: index === 0 ? title : random.pick(['Address review comments', 'Add tests', 'Fix lint', 'Simplify']),
        authoredAt: firstAt + Math.round(((openedAt - 3 * MINUTE - firstAt) * index) / count),
        author,
        added: index === 0 && random.chance(0.3) ? [paths[0]] : [],
        modified: index === 0 && random.chance(0.3) ? paths.slice(1) : paths,
      };
    });
  }

  /**
   * One or two reviews from the author's own side; on a Dev pull request, an Ops-side review with
   * a probability that grows over the story (the habit forming); on an Ops one, sometimes a Dev's.
   */
  private reviews(author: GitActor, team: DemoTeam, repository: DemoRepository, openedAt: number, bot: boolean): Review[] {
    const { context, random } = this;
    const authorId = author.kind === 'person' ? author.person.id : undefined;
    const colleagues = context.membersOf(team.slug, openedAt).filter((person) => person.id !== authorId);
    const reviewers: DemoPerson[] = random.sample(colleagues, random.weighted([[1, 5], [2, 3]]));
    if (team.side === 'dev' && !bot && random.chance(this.crossReviewShare(openedAt))) {
      const service = context.organization.services.find((candidate) => candidate.repository === repository);
      reviewers.push(random.pick(context.membersOf(service?.operatedBy ?? 'sre', openedAt)));
    } else if (team.side === 'ops' && random.chance(0.15)) {
      const devTeams = context.organization.teams.filter((candidate) => candidate.side === 'dev');
      reviewers.push(random.pick(context.membersOf(random.pick(devTeams).slug, openedAt)));
    }
    let at = openedAt;
    return reviewers.map((reviewer): Review => {
      at = context.nextWorkingMoment(random, at + random.logNormal(at === openedAt ? 2 * HOUR : HOUR, 0.9), context.teamOf(reviewer, at).timezone);
      const state = repository.tool === 'gitlab' ? 'approved' : random.weighted<Review['state']>([['approved', 6], ['commented', 3], ['changes_requested', 1]]);
      return { id: context.ids.number(), reviewer, state, at };
    });
  }

  /** The share of Dev pull requests an Ops-side engineer reviews: ~5% in the first week, ~40% in the last. */
  private crossReviewShare(at: number): number {
    const { startMs, untilMs } = this.context;
    const progress = Math.min(1, Math.max(0, (at - startMs) / (untilMs - startMs)));
    return 0.04 + 0.4 * progress;
  }

  private schedule(pr: PullRequest, pushedAt: number): void {
    const { timeline, vendors } = this.context;
    const { repository } = pr;
    const github = repository.tool === 'github';
    timeline.schedule(pushedAt, () => {
      const push = { repository, ref: `refs/heads/${pr.branch}`, pusher: pr.author, commits: pr.commits, at: pushedAt, created: true };
      return github ? vendors.github.push(push, this.headOf(repository)) : vendors.gitlab.push(push, this.headOf(repository));
    });
    timeline.schedule(pr.openedAt, () => (github ? vendors.github.pullRequestOpened(pr) : vendors.gitlab.mergeRequestOpened(pr)));
    for (const review of pr.reviews) {
      if (review.at >= pr.outcome.at) continue;
      timeline.schedule(review.at, () => (github ? vendors.github.reviewSubmitted(pr, review) : vendors.gitlab.mergeRequestApproved(pr, review)));
    }
    timeline.schedule(pr.outcome.at, () => (github ? vendors.github.pullRequestClosed(pr) : vendors.gitlab.mergeRequestClosed(pr)));
    const { outcome } = pr;
    if (outcome.kind !== 'merged') return;
    const landedAt = outcome.at + 5_000;
    timeline.schedule(landedAt, () => {
      const before = this.headOf(repository);
      this.heads.set(repository.fullName, outcome.mergeCommit.sha);
      const push = { repository, ref: 'refs/heads/main', pusher: outcome.by, commits: [outcome.mergeCommit], at: landedAt, created: false };
      return github ? vendors.github.push(push, before) : vendors.gitlab.push(push, before);
    });
  }
}
