import { isDevSide, isOpsSide } from '@tandem/directory';
import { DAY_MS } from '../shared/instant';
import { durationPhrase, incidentPhrase, listing, nameOf } from '../shared/wording';
import { AwardList } from './award';
import type { RecognitionRule } from './rule';

const RULE = { id: 'postmortem_partner', version: 1 } as const;
const PUBLISHED_WITHIN_MS = 3 * DAY_MS;

export const postmortemPartnerV1: RecognitionRule = {
  ...RULE,
  definition:
    "Each writer (author or contributor) of a post-mortem whose writers include both sides (a Dev-side person and another, Ops-side person, as of the publication), published within 3 days of its incident's `resolved`. Reviewers are not writers: they do not make a post-mortem two-sided here, and are not recognized.",
  evaluate(model, directory, window) {
    const awards = new AwardList(RULE, directory, window);
    for (const postmortem of model.metrics.postmortems) {
      const { publishedAt } = postmortem;
      const incident = postmortem.incident === null ? undefined : model.metrics.byKey.get(postmortem.incident);
      if (publishedAt === null || incident?.kind !== 'incident' || incident.resolved === null || publishedAt - incident.resolved > PUBLISHED_WITHIN_MS) continue;
      const writers = [...new Set([...postmortem.authors, ...postmortem.contributors])].sort();
      const sides = writers.map((personId) => ({ personId, side: directory.sideOf(personId, publishedAt) }));
      const bothSides = sides.some((dev) => isDevSide(dev.side) && sides.some((ops) => ops.personId !== dev.personId && isOpsSide(ops.side)));
      if (!bothSides) continue;
      const teams = [...new Set(writers.flatMap((personId) => directory.teamsOf(personId, publishedAt)))].sort();
      for (const writer of writers) {
        awards.person(writer, {
          subjectId: postmortem.key,
          evidenceEventIds: [...postmortem.eventIds, ...incident.eventIds],
          atMs: publishedAt,
          sentence: `${nameOf(directory, writer)} co-wrote the post-mortem of ${incidentPhrase(incident.services)} across Dev and Ops (${listing(teams)}), published ${durationPhrase(publishedAt - incident.resolved)} after it was resolved`,
        });
      }
    }
    return awards.list();
  },
};
