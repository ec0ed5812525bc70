import { isWeekend, MINUTE } from '../calendar';
import type { DemoService } from '../organization/demo-organization';
import { SeededRandom } from '../random';
import type { CodeReviewStory } from './code-review-story';
import type { PagingStory } from './paging-story';
import type { Story, StoryContext } from './story-context';
import { actorOf, type Deployment } from './story-model';

/**
 * Deployments of each service's default branch (GitHub deployments and statuses, GitLab deployment
 * hooks): a few per working day, some first to staging. Now and then a production deployment
 * breaks something: a page follows within half an hour and a rollback deployment undoes it
 * (change_failure_rate, failed_deployment_recovery_time).
 */
export class DeploymentStory implements Story {
  private readonly random: SeededRandom;
  /** What runs in production per service, advanced as successful deployments are delivered. */
  private readonly production = new Map<string, string>();

  constructor(
    private readonly context: StoryContext,
    private readonly code: CodeReviewStory,
    private readonly paging: PagingStory,
  ) {
    this.random = SeededRandom.forPart(context.seed, 'deployments');
  }

  onDay(dayStart: number): void {
    if (isWeekend(dayStart)) return;
    const { context, random } = this;
    for (const service of context.organization.services) {
      const owner = context.team(service.ownedBy);
      const count = random.poisson(owner.side === 'dev' ? 1.1 : 0.4);
      for (let index = 0; index < count; index++) {
        const at = context.workMoment(random, dayStart, owner.timezone);
        if (random.chance(0.3)) this.deploy(service, Math.max(dayStart, at - 25 * MINUTE), { environment: 'staging' });
        const deployment = this.deploy(service, at);
        if (deployment.state === 'success' && random.chance(0.03)) this.breakProduction(deployment);
      }
    }
  }

  /** Schedules a deployment; `rollbackOf` makes it the rollback of an earlier one. */
  deploy(service: DemoService, createdAt: number, options: { environment?: string; rollbackOf?: Deployment; fails?: boolean } = {}): Deployment {
    const { context, random } = this;
    const environment = options.environment ?? 'production';
    const deployment: Deployment = {
      service,
      repository: service.repository,
      id: context.ids.number(100_000_000, 999_999_999),
      statusId: context.ids.number(100_000_000, 999_999_999),
      environment,
      creator: actorOf(random.pick(context.membersOf(service.ownedBy, createdAt))),
      createdAt,
      finishedAt: createdAt + random.int(4, 13) * MINUTE,
      state: options.fails || (options.fails === undefined && random.chance(0.03)) ? 'failure' : 'success',
      ref: 'main',
      sha: '',
      previousSha: '',
      ...(options.rollbackOf ? { rollbackOf: options.rollbackOf } : {}),
    };
    const { timeline, vendors } = context;
    const gitlab = service.repository.tool === 'gitlab';
    timeline.schedule(deployment.createdAt, () => {
      deployment.sha = deployment.rollbackOf ? deployment.rollbackOf.previousSha : this.code.headOf(service.repository);
      deployment.previousSha = this.production.get(service.slug) ?? deployment.sha;
      return gitlab ? vendors.gitlab.deployment(deployment, 'running') : vendors.github.deploymentCreated(deployment);
    });
    timeline.schedule(deployment.finishedAt, () => {
      if (deployment.state === 'success' && environment === 'production') this.production.set(service.slug, deployment.sha);
      return gitlab ? vendors.gitlab.deployment(deployment, deployment.state === 'success' ? 'success' : 'failed') : vendors.github.deploymentFinished(deployment);
    });
    return deployment;
  }

  /** A change that breaks production: the page comes minutes later, the rollback soon after. */
  private breakProduction(deployment: Deployment): void {
    const pagedAt = deployment.finishedAt + this.random.int(8, 30) * MINUTE;
    this.paging.pageFromChange(deployment.service, pagedAt);
    this.deploy(deployment.service, pagedAt + this.random.int(12, 25) * MINUTE, { rollbackOf: deployment, fails: false });
  }
}
