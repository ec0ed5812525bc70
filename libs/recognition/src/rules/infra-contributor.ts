import { isDevSide } from '@tandem/directory';
import { AwardList } from './award';
import { nameOf } from '../shared/wording';
import type { RecognitionRule } from './rule';

const RULE = { id: 'infra_contributor', version: 1 } as const;

export const infraContributorV1: RecognitionRule = {
  ...RULE,
  definition:
    "A Dev-side person's (as of the merge) infrastructure change was merged: a merged pull request touching `infraPaths`, or a commit touching them pushed straight to a default branch (the changes iac_dev_authorship counts). Once per change.",
  evaluate(model, directory, window) {
    const awards = new AwardList(RULE, directory, window);
    for (const pr of model.metrics.pullRequests) {
      const { authorId, mergedAt } = pr;
      if (pr.infra !== true || pr.authorIsBot || authorId === null || mergedAt === null || !isDevSide(directory.sideOf(authorId, mergedAt))) continue;
      awards.person(authorId, {
        subjectId: pr.key,
        evidenceEventIds: pr.eventIds,
        atMs: mergedAt,
        sentence: `${nameOf(directory, authorId)}'s infrastructure change to ${pr.repo} (#${pr.number}) was merged`,
      });
    }
    for (const change of model.metrics.directInfraChanges) {
      const { authorId, pushedAt } = change;
      if (change.authorIsBot || authorId === null || pushedAt === null || !isDevSide(directory.sideOf(authorId, pushedAt))) continue;
      awards.person(authorId, {
        subjectId: change.key,
        evidenceEventIds: change.eventIds,
        atMs: pushedAt,
        sentence: `${nameOf(directory, authorId)} shipped an infrastructure change to ${change.repo} (${change.sha.slice(0, 7)})`,
      });
    }
    return awards.list();
  },
};
