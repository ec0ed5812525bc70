import { durationPhrase, incidentPhrase, nameOf } from '../shared/wording';
import { AwardList } from './award';
import type { RecognitionRule } from './rule';

const RULE = { id: 'follow_through', version: 1 } as const;

export const followThroughV1: RecognitionRule = {
  ...RULE,
  definition:
    "The assignee of a post-mortem action item closed by its due date (the due date set on it, else created + actionItemDue): closed at or before the due instant, as done (an item closed as won't do is not recognized). Once per item; a reopened item counts by its last close.",
  evaluate(model, directory, window) {
    const awards = new AwardList(RULE, directory, window);
    for (const item of model.metrics.actionItems) {
      const { closedAt, dueAt, assigneeId } = item;
      if (closedAt === null || dueAt === null || assigneeId === null || item.outcome === 'not_doing' || closedAt > dueAt) continue;
      const incident = item.incident === null ? undefined : model.metrics.byKey.get(item.incident);
      const from = incident?.kind === 'incident' ? ` from ${incidentPhrase(incident.services)}` : '';
      const when = dueAt - closedAt < 60_000 ? 'on its due date' : `${durationPhrase(dueAt - closedAt)} before it was due`;
      awards.person(assigneeId, {
        subjectId: item.key,
        evidenceEventIds: item.eventIds,
        atMs: closedAt,
        sentence: `${nameOf(directory, assigneeId)} closed a post-mortem action item${from} ${when}`,
      });
    }
    return awards.list();
  },
};
