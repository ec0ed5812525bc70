import type { Directory } from '@tandem/directory';
import type { TimedActor } from '../facts/incident-facts';
import type { PageFacts } from '../facts/page-facts';
import type { Page, PersonAct } from './metric-model';
import type { People } from './people';
import { byTimeThenPerson } from '../shared/compare';

/** The acts of people among timed acts, earliest first; automation and bots are dropped. */
export function actsOfPeople(acts: readonly TimedActor[], people: People): PersonAct[] {
  const result: PersonAct[] = [];
  for (const act of acts) {
    const personId = people.personOf(act.by);
    if (personId !== null) result.push({ personId, at: act.at });
  }
  return result.sort(byTimeThenPerson);
}

/** A page with its people resolved; `incident` is the key of the incident it counts for. */
export function assemblePage(page: PageFacts, incident: string | null, people: People, directory: Directory): Page {
  const responders: PersonAct[] = [];
  for (const request of page.responders) {
    const personId = request.declined ? null : people.personOf(request.responder);
    if (personId !== null) responders.push({ personId, at: request.at });
  }
  return {
    kind: 'page',
    key: page.key,
    ref: page.ref,
    service: page.pagingServiceId === null ? null : (directory.serviceForPagingService(page.ref.tool, page.pagingServiceId) ?? null),
    incident,
    triggeredAt: page.triggeredAt,
    firstNotifiedAt: page.firstNotifiedAt,
    severity: page.severity,
    acknowledgements: actsOfPeople(page.acknowledgements, people),
    responders: responders.sort(byTimeThenPerson),
    eventIds: page.eventIds,
  };
}
