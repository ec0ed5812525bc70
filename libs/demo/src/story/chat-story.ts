import { isWeekend, MINUTE, zoneOffsetMinutes } from '../calendar';
import type { DemoPerson } from '../organization/demo-organization';
import { SeededRandom } from '../random';
import type { Story, StoryContext } from './story-context';
import type { ChatMessage } from './story-model';

const STATEMENTS = ['Heads-up: rolling out the new config after lunch', 'Dashboards look healthy after the release', 'Notes from the sync are in the doc', 'Merged the fix, deploying soon', 'The flaky test is quarantined for now', 'Picking up the migration ticket'];
const QUESTIONS = ['Can someone from the other side look at these alerts?', 'Is there a runbook for scaling this service?', 'Who can approve the firewall change?', 'Why did the pipeline fail on the deploy step?', 'Any idea why latency went up after 14:00?', 'Can we get more database connections for this service?'];
const ANSWERS = ['Looking now; the node pool was at its limit, raised it', 'Yes, linked it in the channel topic', 'Done, approved', 'The registry credentials rotated; re-run it please', 'A noisy neighbour on the cluster; moved it', 'Raised the pool to 40, keep an eye on it'];
const KUDOS_REASONS = [
  'staying on the incident call until the rollback was done',
  'the clear runbook for the payment retries',
  'reviewing our Terraform change so quickly',
  'pairing on the flaky deploy pipeline',
  'the post-mortem write-up',
  'catching the config mistake before it shipped',
  'jumping in on the pager at 3am',
  'explaining the new alerting setup to the team',
];

/**
 * Slack conversations: posts in service and shared channels, questions answered in a thread by
 * the other side (cross_team_response_time), reactions, `kudos @someone for …` messages and
 * :raised_hands: reactions on helpful answers (both ways between Dev and Ops), and a few kudos
 * given in Teams through the outgoing webhook.
 */
export class ChatStory implements Story {
  private readonly random: SeededRandom;
  private readonly teamsMessageIds = new Set<number>();

  constructor(private readonly context: StoryContext) {
    this.random = SeededRandom.forPart(context.seed, 'chat');
  }

  onDay(dayStart: number): void {
    if (isWeekend(dayStart)) return;
    const { organization } = this.context;
    for (const person of organization.people) {
      const posts = this.random.poisson(2.3);
      for (let index = 0; index < posts; index++) this.conversation(person, dayStart);
    }
    const kudos = this.random.poisson((organization.people.length / 120) * 2.5);
    for (let index = 0; index < kudos; index++) this.kudos(dayStart);
    if (this.random.chance(0.3)) this.teamsKudos(dayStart);
  }

  private conversation(person: DemoPerson, dayStart: number): void {
    const { context, random } = this;
    const team = context.teamOf(person, dayStart);
    const at = context.workMoment(random, dayStart, team.timezone);
    const services = context.organization.services.filter((service) => service.ownedBy === team.slug || service.operatedBy === team.slug);
    const service = services.length > 0 && random.chance(0.7) ? random.pick(services) : undefined;
    const channel = service?.channel ?? random.pick([context.organization.channels.devOpsHelp, context.organization.channels.deployments]);
    if (!random.chance(0.35)) {
      const message = context.post(channel, person, at, random.pick(STATEMENTS));
      if (random.chance(0.2)) this.reactFromTeam(message, team.slug, random.pick(['thumbsup', 'eyes', 'white_check_mark']));
      return;
    }
    // A question the other side answers in the thread.
    const otherSide = team.side === 'dev' ? (service?.operatedBy ?? random.pick(this.teamsOf('ops')).slug) : (service?.ownedBy ?? random.pick(this.teamsOf('dev')).slug);
    const answerer = random.pick(context.membersOf(otherSide, at));
    const mention = random.chance(0.25);
    const question = context.post(channel, person, at, `${mention ? `<@${answerer.slack}> ` : ''}${random.pick(QUESTIONS)}`, { mentions: mention ? [answerer] : [] });
    if (!random.chance(0.75)) return;
    const answeredAt = context.nextWorkingMoment(random, at + random.logNormal(30 * MINUTE, 0.8), context.teamOf(answerer, at).timezone);
    const answer = context.post(channel, answerer, answeredAt, random.pick(ANSWERS), { thread: question });
    const reactedAt = context.nextWorkingMoment(random, answeredAt + random.int(1, 40) * MINUTE, team.timezone);
    if (random.chance(0.2)) context.react(answer, person, 'raised_hands', reactedAt);
    else if (random.chance(0.4)) context.react(answer, person, 'thumbsup', reactedAt);
    if (random.chance(0.3)) context.post(channel, person, context.nextWorkingMoment(random, answeredAt + random.int(2, 30) * MINUTE, team.timezone), 'Thanks, that did it', { thread: question });
  }

  /** `kudos @someone for …` in #kudos: more often across the Dev–Ops line than inside a side. */
  private kudos(dayStart: number): void {
    const { context, random } = this;
    const giver = random.pick(context.organization.people);
    const giverSide = context.sideOf(giver, dayStart);
    const crossSide = random.chance(0.55);
    const candidates = context.organization.people.filter((person) => person !== giver && (context.sideOf(person, dayStart) === giverSide) !== crossSide);
    const receiver = random.pick(candidates);
    const at = context.workMoment(random, dayStart, context.teamOf(giver, dayStart).timezone);
    const message = context.post(context.organization.channels.kudos, giver, at, `kudos <@${receiver.slack}> for ${random.pick(KUDOS_REASONS)}`, { mentions: [receiver] });
    for (const reactor of random.sample(context.organization.people, random.int(0, 4))) {
      if (reactor !== giver) context.react(message, reactor, random.pick(['heart', 'clap', 'tada']), at + random.int(1, 90) * MINUTE);
    }
  }

  /** The Mobile team and its operators chat in Teams, where the Tandem webhook takes kudos. */
  private teamsKudos(dayStart: number): void {
    const { context, random } = this;
    const mobile = context.organization.services.find((service) => service.ownedBy === 'mobile');
    if (!mobile) return;
    const people = [...context.membersOf('mobile', dayStart), ...context.membersOf(mobile.operatedBy, dayStart)];
    const [giver, receiver] = random.sample(people, 2);
    const timezone = context.teamOf(giver, dayStart).timezone;
    let at = context.workMoment(random, dayStart, timezone);
    // The activity id is the message's epoch milliseconds: one message per millisecond.
    while (this.teamsMessageIds.has(at)) at += 1;
    this.teamsMessageIds.add(at);
    const offset = zoneOffsetMinutes(timezone, at);
    const reason = random.pick(KUDOS_REASONS);
    context.timeline.schedule(at, () => context.vendors.teams.kudos(giver, receiver, reason, at, offset));
  }

  private reactFromTeam(message: ChatMessage, team: string, reaction: string): void {
    const { context, random } = this;
    const reactor = random.pick(context.membersOf(team, message.at));
    if (reactor !== message.author) context.react(message, reactor, reaction, message.at + random.int(1, 120) * MINUTE);
  }

  private teamsOf(side: 'dev' | 'ops') {
    return this.context.organization.teams.filter((team) => team.side === side && this.context.membersOf(team.slug, this.context.startMs).length > 0);
  }
}
