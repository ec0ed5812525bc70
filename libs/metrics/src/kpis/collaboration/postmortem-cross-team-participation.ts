import type { Postmortem } from '../../model/metric-model';
import { isWithin, type Millis } from '../../shared/millis';
import { Attribution, unionOf } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';
import { incidentTeams } from '../incident-response/incident-samples';
import { isDevSide, isOpsSide } from '@tandem/directory';

/** Two different people, one on the Dev side and one on the Ops side, as of the publication. */
function hasBothSides(people: readonly string[], at: Millis, attribution: Attribution): boolean {
  const sides = people.map((personId) => ({ personId, side: attribution.sideOf(personId, at) }));
  return sides.some((dev) => isDevSide(dev.side) && sides.some((ops) => ops.personId !== dev.personId && isOpsSide(ops.side)));
}

function participantsOf(postmortem: Postmortem): string[] {
  return unionOf(postmortem.authors, postmortem.contributors, postmortem.reviewers);
}

export const postmortemCrossTeamParticipationV1 = defineKpi({
  id: 'postmortem_cross_team_participation',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition:
    'Post-mortems published in the window whose authors, contributors or reviewers include both sides (a Dev-side person and another, Ops-side person, as of the publication) ÷ post-mortems published in the window.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const postmortem of model.postmortems) {
      if (!isWithin(window, postmortem.publishedAt)) continue;
      const participants = participantsOf(postmortem);
      const incident = postmortem.incident === null ? undefined : model.byKey.get(postmortem.incident);
      const ofIncident = incident?.kind === 'incident' ? incident : null;
      samples.push({
        subject: postmortem,
        // The incident's teams, and the teams of the people who wrote it (as of the publication).
        teams: unionOf(ofIncident ? incidentTeams(ofIncident, attribution) : [], ...participants.map((personId) => attribution.personTeams(personId, postmortem.publishedAt))),
        services: ofIncident?.services ?? [],
        value: null,
        counted: hasBothSides(participants, postmortem.publishedAt, attribution),
        contributors: [postmortem.key, ...(ofIncident ? [ofIncident.key] : [])],
      });
    }
    return samples;
  },
});
