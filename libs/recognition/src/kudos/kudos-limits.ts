import { localTimeToEpochMs, wallClockAt, type Directory } from '@tandem/directory';
import { DAY_MS } from '../shared/instant';
import { nameOf } from '../shared/wording';
import { isCountedBefore, type KudosHistory } from './kudos-ledger';
import { refused, type RefusedKudos } from './kudos-types';

/** The kudos being decided, as the limits see it. */
export interface KudosUnderReview {
  kudosId: string;
  fromPersonId: string;
  toPersonIds: readonly string[];
  givenAtMs: number;
}

interface CalendarDay {
  readonly startMs: number;
  readonly endMs: number;
}

/** Days already computed, per zone, under each UTC day they overlap (a local day spans at most two). */
const knownDays = new Map<string, Map<number, CalendarDay[]>>();
const MAX_KNOWN_DAYS_PER_ZONE = 4_096;

function computeCalendarDay(atMs: number, timeZone: string): CalendarDay {
  const clock = wallClockAt(atMs, timeZone);
  const next = new Date(Date.UTC(clock.year, clock.month - 1, clock.day + 1));
  return {
    startMs: localTimeToEpochMs({ year: clock.year, month: clock.month, day: clock.day }, timeZone),
    endMs: localTimeToEpochMs({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, timeZone),
  };
}

/**
 * `[start, end)` of the calendar day holding the instant, in the time zone (DST days are 23 or
 * 25 h). Reading a wall clock through Intl costs tens of microseconds, and kudos cluster on few
 * days, so computed days are remembered (exactly: a hit is a day that contains the instant).
 */
export function calendarDayOf(atMs: number, timeZone: string): CalendarDay {
  let days = knownDays.get(timeZone);
  if (!days || days.size > MAX_KNOWN_DAYS_PER_ZONE) knownDays.set(timeZone, (days = new Map()));
  const utcDay = Math.floor(atMs / DAY_MS);
  const known = days.get(utcDay)?.find((day) => day.startMs <= atMs && atMs < day.endMs);
  if (known) return known;
  const day = computeCalendarDay(atMs, timeZone);
  for (let overlapped = Math.floor(day.startMs / DAY_MS); overlapped <= Math.floor((day.endMs - 1) / DAY_MS); overlapped += 1) {
    days.set(overlapped, [...(days.get(overlapped) ?? []), day]);
  }
  return day;
}

/**
 * `kudosPerDay` per giver per calendar day of the organisation's time zone. A kudos counts once
 * however many people it names. Only kudos counted before this one (by time, then id) count, so
 * the decision is the same whenever it is made again (a replay, a redelivery).
 */
export function checkDailyLimit(kudos: KudosUnderReview, history: KudosHistory, directory: Directory): RefusedKudos | null {
  const { timezone } = directory.settings;
  const limit = directory.settings.recognition.kudosPerDay;
  const day = calendarDayOf(kudos.givenAtMs, timezone);
  let given = 0;
  for (const earlier of history.kudosBy(kudos.fromPersonId)) {
    if (earlier.givenAtMs >= day.startMs && earlier.kudosId !== kudos.kudosId && isCountedBefore(earlier, kudos.givenAtMs, kudos.kudosId)) given += 1;
  }
  if (given < limit) return null;
  return refused('DAILY_LIMIT', `You have already given ${given} kudos today, the most anyone can give in a day (${limit}, counted in ${timezone} time); try again tomorrow.`);
}

/**
 * Self-dealing (tandem.yaml `recognition.selfDealing`, as of the kudos), recipient by recipient: a
 * kudos from A is refused for recipient B when
 *   - B also gave A at least one kudos in the window before it (the pair exchanges kudos), and
 *   - A has given at least `selfDealingMinKudos` kudos in the window, this one included, and
 *   - more than `selfDealingMaxShare` of those went to B, this one included.
 * So two people may thank each other freely at first, and one-way thanks are never limited; what is
 * refused is a pair whose kudos mostly go to each other.
 */
export function checkSelfDealing(kudos: KudosUnderReview, history: KudosHistory, directory: Directory): RefusedKudos | null {
  const { selfDealingMaxShare: maxShare, selfDealingWindowDays: windowDays, selfDealingMinKudos: minKudos } = directory.settings.recognition;
  const windowStartMs = kudos.givenAtMs - windowDays * DAY_MS;
  const inWindowBefore = (earlier: { givenAtMs: number; kudosId: string }) =>
    earlier.givenAtMs >= windowStartMs && earlier.kudosId !== kudos.kudosId && isCountedBefore(earlier, kudos.givenAtMs, kudos.kudosId);
  const given = history.kudosBy(kudos.fromPersonId).filter(inWindowBefore);
  const total = given.length + 1;
  if (total < minKudos) return null;
  for (const recipient of kudos.toPersonIds) {
    const toRecipient = given.filter((earlier) => earlier.toPersonIds.includes(recipient)).length + 1;
    if (toRecipient / total <= maxShare) continue;
    const givesBack = history.kudosBy(recipient).some((earlier) => inWindowBefore(earlier) && earlier.toPersonIds.includes(kudos.fromPersonId));
    if (!givesBack) continue;
    return refused(
      'SELF_DEALING',
      `This would make ${toRecipient} of your last ${total} kudos (${windowDays} days) go to ${nameOf(directory, recipient)}, who gives kudos back to you; at most ${Math.round(maxShare * 100)}% of someone's kudos may go to a person they exchange kudos with.`,
    );
  }
  return null;
}
