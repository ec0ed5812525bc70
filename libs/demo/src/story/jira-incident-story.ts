import { DAY, HOUR, isoDate, MINUTE } from '../calendar';
import { SeededRandom } from '../random';
import type { Story, StoryContext } from './story-context';
import type { JiraIssue } from './story-model';

const SYMPTOMS = ['Crash on launch after update', 'Login loop on Android 14', 'Push notifications delayed', 'Checkout button unresponsive'];
const ACTIONS = ['Add a crash-rate gate to the release train', 'Cover the login flow with a UI test', 'Stage the rollout at 5% first', 'Add client-side metrics for this screen'];

/**
 * The Mobile team tracks app incidents, and their action items, in Jira (project MOB): an
 * incident every few weeks, each with a few action items due in two weeks; some are done late,
 * some not at all (action_item_closure_rate).
 */
export class JiraIncidentStory implements Story {
  private readonly random: SeededRandom;

  constructor(private readonly context: StoryContext) {
    this.random = SeededRandom.forPart(context.seed, 'jira-incidents');
  }

  onDay(dayStart: number): void {
    const { context, random } = this;
    const services = context.organization.services.filter((service) => service.jiraComponent !== undefined);
    if (services.length === 0 || !random.chance(1 / 18)) return;
    const service = random.pick(services);
    const mobile = context.membersOf(service.ownedBy, dayStart);
    const createdAt = context.workMoment(random, dayStart, context.team(service.ownedBy).timezone);
    const incident: JiraIssue = {
      ...this.issueIds(),
      type: 'Incident',
      summary: `${random.pick(SYMPTOMS)} (${service.slug})`,
      component: service.jiraComponent ?? service.slug,
      reporter: random.pick(mobile),
      assignee: random.pick(mobile),
      priority: random.weighted<JiraIssue['priority']>([['Highest', 1], ['High', 3], ['Medium', 2]]),
      createdAt,
    };
    const startedAt = createdAt + random.int(10, 40) * MINUTE;
    const resolvedAt = startedAt + random.logNormal(4 * HOUR, 0.6);
    const { timeline, vendors } = context;
    timeline.schedule(createdAt, () => vendors.jira.issueCreated(incident));
    timeline.schedule(startedAt, () => vendors.jira.incidentStarted(incident, incident.assignee, startedAt));
    timeline.schedule(resolvedAt, () => vendors.jira.issueResolved(incident, incident.assignee, resolvedAt));

    const responders = [...mobile, ...context.membersOf(service.operatedBy, dayStart)];
    for (const title of random.sample(ACTIONS, random.int(1, 4))) {
      const itemCreatedAt = resolvedAt + DAY + random.int(0, 6 * 3600) * 1000;
      const assignee = random.pick(responders);
      const item: JiraIssue = {
        ...this.issueIds(),
        type: 'Action Item',
        summary: title,
        component: incident.component,
        reporter: incident.assignee,
        assignee,
        priority: 'Medium',
        createdAt: itemCreatedAt,
        incident,
        dueDate: isoDate(itemCreatedAt + 14 * DAY),
      };
      timeline.schedule(itemCreatedAt, () => vendors.jira.issueCreated(item));
      const outcome = random.weighted([['on time', 5], ['late', 2], ['never', 3]] as const);
      if (outcome === 'never') continue;
      const doneAt = itemCreatedAt + Math.round((outcome === 'on time' ? random.between(2, 13) : random.between(16, 40)) * DAY);
      timeline.schedule(doneAt, () => vendors.jira.issueResolved(item, assignee, doneAt));
    }
  }

  private issueIds(): { id: string; key: string } {
    const number = this.context.ids.next('jira');
    return { id: String(20_000 + number), key: `${this.context.organization.jira.incidentProject}-${number}` };
  }
}
