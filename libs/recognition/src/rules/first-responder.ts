import { isDevSide, type Directory } from '@tandem/directory';
import type { Incident, Participation } from '@tandem/metrics';
import { MINUTE_MS } from '../shared/instant';
import { personOfIdentity } from '../shared/people';
import { durationPhrase, incidentPhrase, nameOf } from '../shared/wording';
import { AwardList } from './award';
import type { RecognitionModel } from './recognition-model';
import type { RecognitionRule } from './rule';

const JOINED_WITHIN_MS = 10 * MINUTE_MS;

/**
 * Who was on call for an incident: the people its pages notified (at trigger or escalation) or
 * were reassigned to. A page that names nobody (the vendor did not say) counts its acknowledgers
 * as on call instead: acknowledging a page is what the person on call does, and recognizing the
 * on-call person for doing their job is the mistake to avoid.
 */
function onCallFor(incident: Incident, model: RecognitionModel, directory: Directory): Set<string> {
  const onCall = new Set<string>();
  for (const pageKey of incident.pages) {
    const named = model.onCall.pages.get(pageKey)?.onCall ?? [];
    for (const identity of named) {
      const personId = personOfIdentity(directory, identity);
      if (personId !== null) onCall.add(personId);
    }
    const page = model.metrics.byKey.get(pageKey);
    if (named.length === 0 && page?.kind === 'page') for (const act of page.acknowledgements) onCall.add(act.personId);
  }
  return onCall;
}

/** Each person's first act in the incident (participants are sorted by time, then person). */
function firstActs(incident: Incident): Participation[] {
  const first = new Map<string, Participation>();
  for (const act of incident.participants) if (!first.has(act.personId)) first.set(act.personId, act);
  return [...first.values()];
}

const RULE = { id: 'first_responder', version: 1 } as const;

export const firstResponderV1: RecognitionRule = {
  ...RULE,
  definition:
    'A Dev-side person (as of the act) who was not on call for the incident (not notified by or reassigned one of its pages; for a page naming nobody, not its acknowledger) took part within 10 minutes of `triggered`: acknowledged, took a role, was added as a responder or posted in the incident channel. Declined, canceled and merged incidents are left out.',
  evaluate(model, directory, window) {
    const awards = new AwardList(RULE, directory, window);
    for (const incident of model.metrics.incidents) {
      const { triggered } = incident;
      if (incident.excluded !== null || triggered === null) continue;
      const joinedInTime = firstActs(incident).filter((act) => act.at - triggered <= JOINED_WITHIN_MS && isDevSide(directory.sideOf(act.personId, act.at)));
      if (joinedInTime.length === 0) continue;
      const onCall = onCallFor(incident, model, directory);
      for (const act of joinedInTime) {
        if (onCall.has(act.personId)) continue;
        awards.person(act.personId, {
          subjectId: incident.key,
          evidenceEventIds: incident.eventIds,
          atMs: act.at,
          sentence: `${nameOf(directory, act.personId)} joined ${incidentPhrase(incident.services)} ${durationPhrase(act.at - triggered)} after it was triggered, without being on call`,
        });
      }
    }
    return awards.list();
  },
};
