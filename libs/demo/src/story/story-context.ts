import { DAY, isWeekend, localTime, MINUTE, WEEK, zoneOffsetMinutes } from '../calendar';
import type { DemoChannel, DemoOrganization, DemoPerson, DemoTeam, Side } from '../organization/demo-organization';
import { SeededRandom } from '../random';
import { GithubPayloads } from '../vendors/github';
import { GitlabPayloads } from '../vendors/gitlab';
import { IncidentioPayloads } from '../vendors/incidentio';
import { JiraPayloads } from '../vendors/jira';
import { OpsgeniePayloads } from '../vendors/opsgenie';
import { PagerdutyPayloads } from '../vendors/pagerduty';
import { SlackPayloads } from '../vendors/slack';
import { TeamsPayloads } from '../vendors/teams';
import { IdFactory } from './ids';
import type { ChatMessage } from './story-model';
import { Timeline } from './timeline';

/** The vendors' payload builders, sharing one id factory. */
export interface Vendors {
  github: GithubPayloads;
  gitlab: GitlabPayloads;
  pagerduty: PagerdutyPayloads;
  opsgenie: OpsgeniePayloads;
  incidentio: IncidentioPayloads;
  jira: JiraPayloads;
  slack: SlackPayloads;
  teams: TeamsPayloads;
}

/** A part of the story: it schedules each day's activity (which may play out over later days). */
export interface Story {
  onDay(dayStart: number): void;
}

const WORK_START = 9 * 60;
const WORK_END = 18 * 60;

/**
 * What every story shares: the organisation and who is where when, the calendar of working hours,
 * the timeline, the vendors' payload builders, and the chat that several stories post into.
 */
export class StoryContext {
  readonly timeline = new Timeline();
  readonly vendors: Vendors;
  readonly ids: IdFactory;
  private readonly teams: ReadonlyMap<string, DemoTeam>;
  private readonly members = new Map<string, DemoPerson[]>();
  /** When people move team: team rosters change only then. */
  private readonly moves: readonly number[];

  constructor(
    readonly organization: DemoOrganization,
    readonly seed: number,
    readonly startMs: number,
    readonly untilMs: number,
  ) {
    this.ids = new IdFactory(SeededRandom.forPart(seed, 'ids'));
    this.teams = new Map(organization.teams.map((team) => [team.slug, team]));
    this.moves = organization.people.flatMap((person) => (person.move ? [person.move.at] : []));
    const ids = this.ids;
    this.vendors = {
      github: new GithubPayloads(organization, () => ids.uuid()),
      gitlab: new GitlabPayloads(organization, () => ids.uuid()),
      pagerduty: new PagerdutyPayloads({ eventId: () => ids.ulid(), deliveryId: () => ids.uuid() }),
      opsgenie: new OpsgeniePayloads(() => ids.uuid()),
      incidentio: new IncidentioPayloads(organization, () => ids.svixMessage()),
      jira: new JiraPayloads(organization, () => ids.uuid()),
      slack: new SlackPayloads(organization, { eventId: () => ids.slackEvent(), clientMessageId: () => ids.uuid(), blockId: () => ids.slackBlock() }),
      teams: new TeamsPayloads(organization),
    };
  }

  /** Where the story's one mover is: their first team until they move, the new one after. */
  teamOf(person: DemoPerson, at: number): DemoTeam {
    const slug = person.move && at >= person.move.at ? person.move.team : person.team;
    return this.team(slug);
  }

  team(slug: string): DemoTeam {
    const team = this.teams.get(slug);
    if (!team) throw new Error(`no team ${slug} in the demo organisation`);
    return team;
  }

  sideOf(person: DemoPerson, at: number): Side {
    return this.teamOf(person, at).side;
  }

  membersOf(slug: string, at: number): readonly DemoPerson[] {
    const movesSoFar = this.moves.filter((moveAt) => at >= moveAt).length;
    const key = `${slug}@${movesSoFar}`;
    let members = this.members.get(key);
    if (!members) {
      members = this.organization.people.filter((person) => this.teamOf(person, at).slug === slug);
      this.members.set(key, members);
    }
    return members;
  }

  /** The week's on-call of a team: a weekly rotation through its members. */
  onCall(slug: string, at: number): DemoPerson {
    const members = this.membersOf(slug, at);
    const week = Math.floor((at - this.startMs) / WEEK);
    return members[(week + slug.length) % members.length];
  }

  /** A moment in someone's working day (local 09:00–18:00, busiest mid-morning and mid-afternoon). */
  workMoment(random: SeededRandom, dayStart: number, timezone: string): number {
    const minute = random.weighted([
      [WORK_START + random.int(0, 90), 2],
      [WORK_START + 90 + random.int(0, 180), 4],
      [WORK_START + 270 + random.int(0, 60), 1],
      [WORK_START + 330 + random.int(0, WORK_END - WORK_START - 330), 4],
    ]);
    return clampToDay(localTime(dayStart, minute, timezone) + random.int(0, 60) * 1000, dayStart);
  }

  /** Any moment of the day, night included: when monitoring pages. */
  anyMoment(random: SeededRandom, dayStart: number): number {
    return dayStart + random.int(0, DAY / 1000) * 1000;
  }

  /** `at` if it falls in the person's working hours, else early in their next working day. */
  nextWorkingMoment(random: SeededRandom, at: number, timezone: string): number {
    if (this.isWorkingTime(at, timezone)) return at;
    const local = at + zoneOffsetMinutes(timezone, at) * MINUTE;
    // The local calendar date, as the UTC midnight of that date.
    let localDay = local - (local % DAY);
    if ((local % DAY) / MINUTE >= WORK_START) localDay += DAY;
    while (isWeekend(localDay)) localDay += DAY;
    return localTime(localDay, WORK_START + random.int(0, 75), timezone) + random.int(0, 60) * 1000;
  }

  isWorkingTime(at: number, timezone: string): boolean {
    const local = at + zoneOffsetMinutes(timezone, at) * MINUTE;
    const minute = Math.floor((local % DAY) / MINUTE);
    return !isWeekend(local - (local % DAY)) && minute >= WORK_START && minute < WORK_END;
  }

  /** Schedules a Slack message (a post, or a reply in `thread`) and returns it for replies and reactions. */
  post(channel: DemoChannel, author: DemoPerson, at: number, text: string, options: { thread?: ChatMessage; mentions?: readonly DemoPerson[] } = {}): ChatMessage {
    const message: ChatMessage = {
      channel,
      author,
      at,
      ts: slackTs(at),
      text,
      mentions: options.mentions ?? [],
      ...(options.thread ? { thread: options.thread } : {}),
    };
    this.timeline.schedule(at, () => this.vendors.slack.message(message));
    return message;
  }

  /** Schedules a reaction to a message. */
  react(message: ChatMessage, reactor: DemoPerson, reaction: string, at: number): void {
    this.timeline.schedule(at, () => this.vendors.slack.reaction(message, reactor, reaction, at, slackTs(at)));
  }

  /** A new Slack channel (incident channels are created per incident). */
  channel(name: string): DemoChannel {
    return { id: this.ids.slackChannel(), name };
  }
}

/** Slack's message ts, `seconds.micros`: also the message's id in its channel. */
function slackTs(at: number): string {
  return `${Math.floor(at / 1000)}.${String((at % 1000) * 1000 + (Math.floor(at / 1000) % 997)).padStart(6, '0')}`;
}

function clampToDay(at: number, dayStart: number): number {
  return Math.min(Math.max(at, dayStart), dayStart + DAY - MINUTE);
}
