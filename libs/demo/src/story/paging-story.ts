import { HOUR, MINUTE } from '../calendar';
import type { DemoPerson, DemoService } from '../organization/demo-organization';
import { SeededRandom } from '../random';
import type { Story, StoryContext } from './story-context';
import type { Page } from './story-model';

const SYMPTOMS = ['High error rate', 'Latency above SLO', 'Pods crash-looping', 'Queue backlog growing', 'Disk almost full', 'Replication lag', 'Certificate expiring', 'Health checks failing'];

/**
 * Pages from monitoring: PagerDuty incidents for most services, Opsgenie alerts for the team that
 * uses it. Monitoring pages at any hour, so many pages land outside the on-call's working hours
 * (out_of_hours_pages). How the owning Dev team shows up is the story's contrast:
 * - `joins-early` (Payments): a Payments engineer is added as responder within minutes, often
 *   acknowledges the page, and posts in the service channel (dev_incident_participation,
 *   time_to_engage_dev, dev_oncall_share);
 * - `stays-away` (Search): rarely asked, late, and silent;
 * - everyone else in between.
 */
export class PagingStory implements Story {
  private readonly random: SeededRandom;

  constructor(private readonly context: StoryContext) {
    this.random = SeededRandom.forPart(context.seed, 'paging');
  }

  onDay(dayStart: number): void {
    for (const service of this.context.organization.services) {
      const weeklyPages = this.context.team(service.ownedBy).side === 'dev' ? 0.35 : 0.25;
      if (!this.random.chance(weeklyPages / 7)) continue;
      const at = this.random.chance(0.5) ? this.context.workMoment(this.random, dayStart, this.context.team(service.operatedBy).timezone) : this.context.anyMoment(this.random, dayStart);
      this.page(service, at, `${this.random.pick(SYMPTOMS)} on ${service.slug}`, this.random.weighted<Page['priority']>([['P1', 1], ['P2', 4], ['P3', 9], ['P4', 6]]));
    }
  }

  /** A page caused by a change: what a bad deployment sets off. */
  pageFromChange(service: DemoService, at: number): void {
    this.page(service, at, `Error rate spike on ${service.slug} after deploy`, 'P2');
  }

  private page(service: DemoService, triggeredAt: number, title: string, priority: Page['priority']): void {
    const { context, random } = this;
    const owner = context.team(service.ownedBy);
    const operator = service.operatedBy;
    const onCall = context.onCall(operator, triggeredAt);
    const opsgenie = service.paging.tool === 'opsgenie';
    const page: Page = {
      service,
      id: opsgenie ? context.ids.uuid() : context.ids.pagerdutyIncident(),
      number: context.ids.next(`page:${service.paging.tool}`),
      title,
      priority,
      urgency: priority === 'P4' ? 'low' : 'high',
      onCall,
      triggeredAt,
    };
    const atNight = !context.isWorkingTime(triggeredAt, context.team(operator).timezone);
    const devs = owner.side === 'dev' ? context.membersOf(owner.slug, triggeredAt) : [];
    // A Payments engineer on the rotation with the Ops team acknowledges a share of their pages.
    const devAcknowledges = owner.incidentHabit === 'joins-early' && !opsgenie && random.chance(0.35);
    const acknowledger = devAcknowledges ? random.pick(devs) : onCall;
    const acknowledgedAt = triggeredAt + random.logNormal((atNight ? 9 : 4) * MINUTE, 0.6);
    const responder = devs.length > 0 && !opsgenie ? this.devResponder(owner.incidentHabit, devs, acknowledgedAt) : undefined;
    const resolvedAt = Math.max(acknowledgedAt, responder?.at ?? 0) + random.logNormal(40 * MINUTE, 0.8);
    const resolver = responder && random.chance(0.5) ? responder.person : acknowledger;
    const { timeline, vendors } = context;
    if (opsgenie) {
      const alias = `${service.slug}-${title.split(' on ')[0].toLowerCase().replace(/\s+/g, '-')}`;
      timeline.schedule(triggeredAt, () => vendors.opsgenie.created(page, alias));
      timeline.schedule(acknowledgedAt, () => vendors.opsgenie.acknowledged(page, alias, acknowledger, acknowledgedAt));
      timeline.schedule(resolvedAt, () => vendors.opsgenie.closed(page, alias, resolver, resolvedAt));
    } else {
      timeline.schedule(triggeredAt, () => vendors.pagerduty.triggered(page));
      timeline.schedule(acknowledgedAt, () => vendors.pagerduty.acknowledged(page, acknowledger, acknowledgedAt));
      if (responder) timeline.schedule(responder.at, () => vendors.pagerduty.responderAdded(page, responder.person, acknowledger, responder.at));
      timeline.schedule(resolvedAt, () => vendors.pagerduty.resolved(page, resolver, resolvedAt));
    }
    // The incident plays out in the service's channel too.
    context.post(service.channel, acknowledger, acknowledgedAt + random.int(30, 120) * 1000, `Looking into "${title}"`);
    if (responder && responder.posts) {
      context.post(service.channel, responder.person, responder.at + random.logNormal(2 * MINUTE, 0.5), 'On it from the service side: checking the last changes');
    }
    context.post(service.channel, resolver, resolvedAt + random.int(20, 90) * 1000, 'Resolved: back to normal, details in the incident notes');
  }

  /** Whether, when and how a Dev engineer of the owning team joins, by the team's habit. */
  private devResponder(habit: 'joins-early' | 'stays-away' | 'usual', devs: readonly DemoPerson[], acknowledgedAt: number): { person: DemoPerson; at: number; posts: boolean } | undefined {
    const { random } = this;
    const person = random.pick(devs);
    switch (habit) {
      case 'joins-early':
        return random.chance(0.85) ? { person, at: acknowledgedAt + random.logNormal(2 * MINUTE, 0.5), posts: true } : undefined;
      case 'usual':
        return random.chance(0.4) ? { person, at: acknowledgedAt + random.logNormal(25 * MINUTE, 0.6), posts: random.chance(0.6) } : undefined;
      case 'stays-away':
        return random.chance(0.08) ? { person, at: acknowledgedAt + random.logNormal(1.5 * HOUR, 0.5), posts: false } : undefined;
    }
  }
}
