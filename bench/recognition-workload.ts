import type { CanonicalEvent, EventDataMap, EventType } from '@tandem/contracts';
import { seededRandom } from './directory-organization';
import { METRICS_WORKLOAD, QUARTER } from './metrics-workload';

/** What the recognition benchmark adds to the metrics workload's quarter: on-call shifts and kudos. */
export const RECOGNITION_EXTRAS = { weeklyShiftsPerTeam: 2, kudosMessages: 20_000 } as const;

const QUARTER_START = Date.parse(QUARTER.from);
const QUARTER_MS = Date.parse(QUARTER.to) - QUARTER_START;
const WEEK = 7 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function stored<T extends EventType>(position: number, type: T, data: EventDataMap[T], atMs: number): CanonicalEvent {
  const at = iso(atMs);
  return {
    eventId: `00000000-0000-4000-9000-${position.toString(16).padStart(12, '0')}`,
    type,
    data,
    metadata: { occurredAt: at, source: 'bench', schemaVersion: 1 },
    streamId: 'bench',
    streamVersion: 0,
    globalPosition: position,
    recordedAt: at,
  } as CanonicalEvent;
}

/** The metrics workload's people: p<n> in team n % teams, with pagerduty PD<n> and slack U<n>. */
const person = (n: number) => ({ pagerduty: { tool: 'pagerduty', id: `PD${n}` }, slack: { tool: 'slack', id: `U${n}` } });
const teamOf = (n: number) => n % METRICS_WORKLOAD.teams;

/**
 * Weekly on-call shifts per team (a secondary or shadow, with the team's primary and a person of
 * the next team alongside), and kudos messages between random people, over the same quarter.
 * Same on every run.
 */
export function recognitionExtras(firstPosition: number): { shifts: CanonicalEvent[]; kudosMessages: CanonicalEvent[] } {
  const random = seededRandom(77);
  const anyone = () => Math.floor(random() * METRICS_WORKLOAD.people);
  let position = firstPosition;
  const shifts: CanonicalEvent[] = [];
  for (let start = QUARTER_START; start + WEEK <= QUARTER_START + QUARTER_MS; start += WEEK) {
    for (let team = 0; team < METRICS_WORKLOAD.teams; team += 1) {
      for (let slot = 0; slot < RECOGNITION_EXTRAS.weeklyShiftsPerTeam; slot += 1) {
        const who = team + METRICS_WORKLOAD.teams * Math.floor(random() * (METRICS_WORKLOAD.people / METRICS_WORKLOAD.teams));
        const partner = ((team + 1) % METRICS_WORKLOAD.teams) + METRICS_WORKLOAD.teams * Math.floor(random() * (METRICS_WORKLOAD.people / METRICS_WORKLOAD.teams));
        const data: EventDataMap['OnCallShiftCompleted'] = {
          tool: 'pagerduty',
          scheduleId: `S${team}`,
          person: person(who).pagerduty,
          role: slot === 0 ? 'ON_CALL_ROLE_SECONDARY' : 'ON_CALL_ROLE_SHADOW',
          startedAt: iso(start),
          endedAt: iso(start + WEEK),
          alongside: [person(partner).pagerduty],
        };
        shifts.push(stored((position += 1), 'OnCallShiftCompleted', data, start + WEEK));
      }
    }
  }
  const kudosMessages: CanonicalEvent[] = [];
  for (let index = 0; index < RECOGNITION_EXTRAS.kudosMessages; index += 1) {
    const at = QUARTER_START + Math.floor(random() * QUARTER_MS);
    const from = anyone();
    const to = random() < 0.9 ? anyone() : from;
    const data: EventDataMap['MessagePosted'] = {
      tool: 'slack',
      channelId: `CSVC${teamOf(from) % 30}`,
      messageId: `k${index}`,
      author: person(from).slack,
      postedAt: iso(at),
      mentions: [person(to).slack],
      kudosText: `kudos <@U${to}> for the help with the rollout #ownership`,
    };
    kudosMessages.push(stored((position += 1), 'MessagePosted', data, at));
  }
  kudosMessages.sort((a, b) => (a.metadata.occurredAt < b.metadata.occurredAt ? -1 : a.metadata.occurredAt > b.metadata.occurredAt ? 1 : 0));
  return { shifts, kudosMessages };
}
