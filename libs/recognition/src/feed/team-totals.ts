import type { KudosGivenJson, RecognitionAwardedJson } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { epochMsOf, isInWindow, type TimeWindow } from '../shared/instant';
import { acceptsAutomaticRecognition } from '../shared/people';

/**
 * Recognition counted per team: the only totals Tandem shows. There is no ranking of
 * individuals, by design; teams are listed by slug, not by score.
 */
export interface TeamRecognitionTotal {
  team: string;
  /** Kudos with at least one recipient in the team (as of the kudos), each counted once. */
  kudosReceived: number;
  /** Kudos given by a member of the team. */
  kudosGiven: number;
  /** Automatic recognitions of members (as of the award), each counted once. */
  automaticRecognitions: number;
  /** Team recognitions naming the team. */
  teamRecognitions: number;
}

function zeroTotal(team: string): TeamRecognitionTotal {
  return { team, kudosReceived: 0, kudosGiven: 0, automaticRecognitions: 0, teamRecognitions: 0 };
}

/**
 * Totals over `[from, to)`. Inputs may repeat (each kudos and award counts once, by id); awards
 * of people who opted out are not counted, as the feed does not show them.
 */
export function teamTotals(
  awards: readonly RecognitionAwardedJson[],
  kudos: readonly KudosGivenJson[],
  directory: Directory,
  window: TimeWindow,
): TeamRecognitionTotal[] {
  const totals = new Map<string, TeamRecognitionTotal>(directory.teams().map((team) => [team.slug, zeroTotal(team.slug)]));
  const totalOf = (team: string): TeamRecognitionTotal => {
    let total = totals.get(team);
    if (!total) totals.set(team, (total = zeroTotal(team)));
    return total;
  };
  const counted = new Set<string>();
  const firstTime = (id: string | undefined): boolean => {
    if (!id || counted.has(id)) return false;
    counted.add(id);
    return true;
  };

  for (const given of kudos) {
    const at = epochMsOf(given.givenAt);
    if (at === null || !isInWindow(window, at) || !given.fromPersonId || !firstTime(given.kudosId)) continue;
    for (const team of directory.teamsOf(given.fromPersonId, at)) totalOf(team).kudosGiven += 1;
    const receiving = new Set((given.toPersonIds ?? []).flatMap((personId) => directory.teamsOf(personId, at)));
    for (const team of receiving) totalOf(team).kudosReceived += 1;
  }
  for (const award of awards) {
    const at = epochMsOf(award.awardedAt);
    if (at === null || !isInWindow(window, at) || !firstTime(award.recognitionId)) continue;
    for (const team of new Set(award.teamSlugs ?? [])) totalOf(team).teamRecognitions += 1;
    const people = (award.personIds ?? []).filter((personId) => acceptsAutomaticRecognition(directory, personId));
    for (const team of new Set(people.flatMap((personId) => directory.teamsOf(personId, at)))) totalOf(team).automaticRecognitions += 1;
  }
  return [...totals.values()].sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : 0));
}

/** A team's totals as the API shows them: no counts for a team too small to stay anonymous. */
export type ShownTeamTotal = { team: string; suppressed: boolean } & { [Count in Exclude<keyof TeamRecognitionTotal, 'team'>]: number | null };

/**
 * Privacy, as KPIs apply it (metrics.md): a team with fewer than `minGroupSize` members at the
 * window's last instant gets no counts, so a team of one or two cannot be read as individuals.
 */
export function suppressSmallTeams(totals: readonly TeamRecognitionTotal[], directory: Directory, window: TimeWindow): ShownTeamTotal[] {
  const lastInstant = Date.parse(window.to) - 1;
  return totals.map((total) =>
    directory.teamSize(total.team, lastInstant) < directory.settings.minGroupSize
      ? { team: total.team, suppressed: true, kudosReceived: null, kudosGiven: null, automaticRecognitions: null, teamRecognitions: null }
      : { ...total, suppressed: false },
  );
}
