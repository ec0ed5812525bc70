import type { KudosGivenJson, RecognitionAwardedJson } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import type { CountedRecognitionRow } from '@tandem/persistence';
import { suppressSmallTeams, teamTotals, type ShownTeamTotal, type TimeWindow } from '@tandem/recognition';

/**
 * Team totals of stored feed items: each row back in the shape of its event (a team award names
 * no person, and its teams are the recognized ones), counted by the core, small teams suppressed.
 */
export function recognitionTotalsOf(items: readonly CountedRecognitionRow[], directory: Directory, window: TimeWindow): ShownTeamTotal[] {
  const kudos: KudosGivenJson[] = [];
  const awards: RecognitionAwardedJson[] = [];
  for (const item of items) {
    if (item.kind === 'KUDOS') kudos.push({ kudosId: item.id, ...(item.from ? { fromPersonId: item.from } : {}), toPersonIds: item.to, givenAt: item.occurredAt });
    else awards.push({ recognitionId: item.id, personIds: item.to, teamSlugs: item.to.length === 0 ? item.teams : [], awardedAt: item.occurredAt });
  }
  return suppressSmallTeams(teamTotals(awards, kudos, directory, window), directory, window);
}
