import { DAY, HOUR, localTime, MINUTE } from '../calendar';
import type { DemoPerson, DemoService } from '../organization/demo-organization';
import { SeededRandom } from '../random';
import type { DeploymentStory } from './deployment-story';
import type { Story, StoryContext } from './story-context';
import type { FollowUp, MajorIncident } from './story-model';

const FOLLOW_UPS = ['Add an alert on the error budget burn', 'Write a runbook for this failure', 'Add a canary stage to the pipeline', 'Load-test the new code path', 'Add a circuit breaker to the client', 'Review the timeout settings'];

/** How a Dev team takes part in a major incident of its service, by its habit. */
const DEV_ENGAGEMENT = {
  'joins-early': { chance: 0.95, role: 6 * MINUTE, spread: 0.4 },
  usual: { chance: 0.6, role: 35 * MINUTE, spread: 0.5 },
  'stays-away': { chance: 0.1, role: 2.5 * HOUR, spread: 0.4 },
} as const;

/**
 * Major incidents declared in incident.io, each with its Slack channel, roles, follow-ups and a
 * post-mortem (postmortem_completion_rate, postmortem_cross_team_participation,
 * action_item_closure_rate). One of them is written in advance: a Checkout deployment takes
 * checkout-api down (a change-failure incident linked to its deployment, rolled back), and two of
 * its four follow-ups are still open long after they were due.
 */
export class MajorIncidentStory implements Story {
  private readonly random: SeededRandom;
  private readonly scriptedDay: number;

  constructor(
    private readonly context: StoryContext,
    private readonly deployments: DeploymentStory,
  ) {
    this.random = SeededRandom.forPart(context.seed, 'major-incidents');
    // Early enough that its follow-ups fall due (30 days) well before the story ends.
    const days = Math.round((context.untilMs - context.startMs) / DAY);
    this.scriptedDay = context.startMs + Math.max(1, Math.min(Math.floor(days * 0.3), days - 2)) * DAY;
  }

  onDay(dayStart: number): void {
    const { context, random } = this;
    if (dayStart === this.scriptedDay) this.checkoutOutage(dayStart);
    const customerFacing = context.organization.services.filter((service) => service.slo !== undefined);
    const perDay = (customerFacing.length / 20) * (1 / 9);
    if (!random.chance(perDay)) return;
    const service = random.pick(customerFacing);
    const declaredAt = random.chance(0.7) ? context.workMoment(random, dayStart, context.team(service.operatedBy).timezone) : context.anyMoment(random, dayStart);
    this.incident(service, declaredAt, declaredAt - random.int(5, 25) * MINUTE, random.weighted<1 | 2 | 3>([[1, 3], [2, 5], [3, 2]]));
  }

  /** The written-in-advance outage: a bad deploy of checkout-api, its rollback, and overdue follow-ups. */
  private checkoutOutage(dayStart: number): void {
    const { context, random } = this;
    const service = context.organization.services.find((candidate) => candidate.slug === 'checkout-api');
    if (!service) return;
    const deployedAt = localTime(dayStart, 14 * 60 + 5, context.team(service.ownedBy).timezone);
    const bad = this.deployments.deploy(service, deployedAt, { fails: false });
    const impactStartedAt = bad.finishedAt + 4 * MINUTE;
    const declaredAt = impactStartedAt + 9 * MINUTE;
    this.deployments.deploy(service, declaredAt + 27 * MINUTE, { rollbackOf: bad, fails: false });
    const incident = this.incident(service, declaredAt, impactStartedAt, 3, {
      name: 'Checkout failing for all customers after release',
      resolvedAfter: 95 * MINUTE,
      followUps: [
        { title: 'Add a canary stage to the checkout-api pipeline', completedAfter: 6 * DAY },
        { title: 'Alert on checkout conversion drops', completedAfter: 41 * DAY },
        { title: 'Contract tests between checkout-api and payments-api', completedAfter: undefined },
        { title: 'Automate the rollback of checkout-api', completedAfter: undefined },
      ],
    });
    const deployer = bad.creator.kind === 'person' ? bad.creator.person : random.pick(context.membersOf('checkout', deployedAt));
    context.post(context.organization.channels.deployments, deployer, deployedAt + MINUTE, `Deploying checkout-api to production; ${incident.reference} is about this one`);
  }

  private incident(
    service: DemoService,
    declaredAt: number,
    impactStartedAt: number,
    severityRank: 1 | 2 | 3,
    script: { name: string; resolvedAfter: number; followUps: { title: string; completedAfter: number | undefined }[] } | undefined = undefined,
  ): MajorIncident {
    const { context, random } = this;
    const owner = context.team(service.ownedBy);
    const operators = context.membersOf(service.operatedBy, declaredAt);
    const creator = context.onCall(service.operatedBy, declaredAt);
    const lead = random.chance(0.6) ? creator : random.pick(operators);
    const devs = owner.side === 'dev' ? context.membersOf(owner.slug, declaredAt) : [];
    const engagement = DEV_ENGAGEMENT[owner.incidentHabit];
    // The written-in-advance outage is one the owning team joined: its post-mortem has both sides.
    const devJoins = devs.length > 0 && (script !== undefined || random.chance(engagement.chance));
    const techLead = devJoins ? random.pick(devs) : undefined;
    const number = context.ids.next('incidentio');
    const resolvedAt = declaredAt + (script?.resolvedAfter ?? random.logNormal(2 * HOUR, 0.6));
    const incident: MajorIncident = {
      id: context.ids.ulid(),
      reference: `INC-${number}`,
      name: script?.name ?? `${service.name} degraded for customers`,
      service,
      severityRank,
      creator,
      lead,
      roles: techLead ? [{ person: techLead, role: 'Technical Lead', at: Math.min(resolvedAt - MINUTE, declaredAt + random.logNormal(engagement.role, engagement.spread)) }] : [],
      channel: context.channel(`inc-${number}-${service.slug}`),
      impactStartedAt,
      declaredAt,
      resolvedAt,
      closedAt: Number.POSITIVE_INFINITY,
    };
    const { timeline, vendors } = context;
    timeline.schedule(declaredAt, () => vendors.incidentio.created(incident));
    for (const role of incident.roles) timeline.schedule(role.at, () => vendors.incidentio.updated(incident, role.at));
    this.channelConversation(incident, operators, techLead, devJoins ? devs : []);
    timeline.schedule(resolvedAt, () => vendors.incidentio.statusUpdated(incident, 'live', 'learning', resolvedAt, 'Impact is over; we are writing the post-mortem'));
    const followUps = this.followUps(incident, techLead, script?.followUps);
    this.postmortem(incident, techLead, followUps);
    return incident;
  }

  /** Who says what in the incident channel, and when: the Dev team's habit shows here too. */
  private channelConversation(incident: MajorIncident, operators: readonly DemoPerson[], techLead: DemoPerson | undefined, devs: readonly DemoPerson[]): void {
    const { context, random } = this;
    const { channel, declaredAt, resolvedAt } = incident;
    context.post(channel, incident.lead, declaredAt + MINUTE, `I'm leading ${incident.reference}. Impact: ${incident.name}.`);
    for (const operator of random.sample(operators, 3)) {
      context.post(channel, operator, declaredAt + random.logNormal(12 * MINUTE, 0.6), 'Checking dashboards and recent changes');
    }
    if (techLead) {
      const joinedAt = Math.min(resolvedAt - 2 * MINUTE, incident.roles[0].at - MINUTE);
      context.post(channel, techLead, Math.max(declaredAt + MINUTE, joinedAt), 'Joining from the owning team, looking at our last release');
      for (const dev of random.sample(devs.filter((person) => person !== techLead), 2)) {
        context.post(channel, dev, Math.min(resolvedAt - MINUTE, joinedAt + random.logNormal(5 * MINUTE, 0.5)), 'Here too, I can take the database side');
      }
    }
    context.post(channel, incident.lead, resolvedAt - 30_000, 'Mitigated and monitoring; moving to post-incident');
  }

  private followUps(incident: MajorIncident, techLead: DemoPerson | undefined, scripted: { title: string; completedAfter: number | undefined }[] | undefined): FollowUp[] {
    const { context, random } = this;
    const plan =
      scripted ??
      random.sample(FOLLOW_UPS, random.int(2, 5)).map((title) => ({
        title,
        completedAfter: random.chance(0.65) ? random.logNormal(12 * DAY, 0.7) : undefined,
      }));
    const assignees = [incident.lead, ...(techLead ? [techLead] : []), ...context.membersOf(incident.service.operatedBy, incident.resolvedAt)];
    return plan.map((item, index): FollowUp => {
      const createdAt = incident.resolvedAt + (2 + index) * HOUR + random.int(0, 1800) * 1000;
      const followUp: FollowUp = {
        id: context.ids.ulid(),
        incident,
        title: item.title,
        creator: incident.lead,
        assignee: assignees[index % assignees.length],
        createdAt,
        ...(item.completedAfter !== undefined ? { completedAt: createdAt + item.completedAfter } : {}),
      };
      context.timeline.schedule(createdAt, () => context.vendors.incidentio.followUpCreated(followUp));
      const { completedAt } = followUp;
      if (completedAt !== undefined) context.timeline.schedule(completedAt, () => context.vendors.incidentio.followUpCompleted(followUp, completedAt));
      return followUp;
    });
  }

  /** Started the next day; mostly published within a week, by both sides when the Dev team took part. */
  private postmortem(incident: MajorIncident, techLead: DemoPerson | undefined, followUps: readonly FollowUp[]): void {
    const { context, random } = this;
    const documentId = context.ids.ulid();
    const editors = techLead ? [incident.lead, techLead] : [incident.lead];
    const startedAt = incident.resolvedAt + DAY + random.int(0, 4 * 3600) * 1000;
    const publishedAt = random.chance(0.75) ? startedAt + random.logNormal(3.5 * DAY, 0.6) : undefined;
    context.timeline.schedule(startedAt, () => context.vendors.incidentio.postmortem(incident, documentId, editors, startedAt, 'created', startedAt));
    if (publishedAt === undefined) return;
    context.timeline.schedule(publishedAt, () => context.vendors.incidentio.postmortem(incident, documentId, editors, startedAt, 'complete', publishedAt));
    const closedAt = Math.max(publishedAt, ...followUps.map((followUp) => followUp.createdAt)) + DAY;
    incident.closedAt = closedAt;
    context.timeline.schedule(closedAt, () => context.vendors.incidentio.statusUpdated(incident, 'learning', 'closed', closedAt, 'Post-mortem published; closing'));
  }
}
