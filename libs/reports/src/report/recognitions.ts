import type { CanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import type { MillisWindow } from '../shared/coverage';
import type { RecognitionItem } from './report-types';

/**
 * The kudos and automatic recognitions of the period (by when they were given), for a team report
 * those to its people (as of then) or naming the team. People by name: recognitions are meant to
 * be seen.
 */
export function periodRecognitions(events: readonly CanonicalEvent[], directory: Directory, window: MillisWindow, team: string | null): RecognitionItem[] {
  const name = (personId: string) => directory.person(personId)?.name ?? personId;
  const inTeam = (people: readonly string[], at: number) => team === null || people.some((person) => directory.teamsOf(person, at).includes(team));
  const items: { at: number; item: RecognitionItem }[] = [];
  for (const event of events) {
    if (event.type === 'KudosGiven') {
      const at = Date.parse(event.data.givenAt ?? event.metadata.occurredAt);
      const to = event.data.toPersonIds ?? [];
      if (at < window.from || at >= window.to || !inTeam(to, at)) continue;
      const from = event.data.fromPersonId ? name(event.data.fromPersonId) : null;
      items.push({ at, item: { kind: 'kudos', at: new Date(at).toISOString(), from, to: to.map(name), text: event.data.message ?? 'kudos by reaction', rule: null } });
    } else if (event.type === 'RecognitionAwarded') {
      const at = Date.parse(event.data.awardedAt ?? event.metadata.occurredAt);
      const people = event.data.personIds ?? [];
      if (at < window.from || at >= window.to || !(inTeam(people, at) || (team !== null && (event.data.teamSlugs ?? []).includes(team)))) continue;
      items.push({ at, item: { kind: 'automatic', at: new Date(at).toISOString(), from: null, to: people.map(name), text: event.data.sentence ?? '', rule: event.data.ruleId ?? null } });
    }
  }
  return items.sort((a, b) => a.at - b.at || (a.item.text < b.item.text ? -1 : 1)).map(({ item }) => item);
}
