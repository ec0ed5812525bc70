import type { MetricModel, PersonAct } from '../../model/metric-model';
import { elapsedSeconds } from '../../shared/millis';
import { memoizedPer } from '../../shared/memoized-per';
import { TimeIndex } from '../../shared/time-index';
import { acrossSides, Attribution, unionOf } from '../attribution';
import { defineKpi } from '../define-kpi';
import type { KpiSample } from '../kpi-sample';

/**
 * The first threaded reply by someone on the other side than the root's author. A reply from
 * the other side is what makes a channel shared by both sides for this message.
 */
function firstReplyAcross(root: PersonAct, replies: readonly PersonAct[], attribution: Attribution): PersonAct | null {
  const rootSide = attribution.sideOf(root.personId, root.at);
  return replies.find((reply) => reply.personId !== root.personId && acrossSides(rootSide, attribution.sideOf(reply.personId, reply.at))) ?? null;
}

/** The model's threads by their root message's time: each window's threads are a lookup, not a scan. */
const threadsByRoot = memoizedPer((model: MetricModel) => new TimeIndex(model.threads, (thread) => thread.root?.at ?? null));

export const crossTeamResponseTimeV1 = defineKpi({
  id: 'cross_team_response_time',
  version: 1,
  unit: 'seconds',
  aggregation: 'median',
  definition: 'Per message posted in the window that gets a threaded reply from the other side: posted → the first reply from the other side (sides as of each message).',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    const samples: KpiSample[] = [];
    for (const thread of threadsByRoot(model).within(window)) {
      // Found by its root, so it has one.
      const root = thread.root as PersonAct;
      const reply = firstReplyAcross(root, thread.replies, attribution);
      if (reply === null) continue;
      samples.push({
        subject: thread,
        // The two people of the exchange: the teams of both, as of their own messages.
        teams: unionOf(attribution.personTeams(root.personId, root.at), attribution.personTeams(reply.personId, reply.at)),
        services: thread.service === null ? [] : [thread.service],
        value: elapsedSeconds(root.at, reply.at),
        counted: true,
        contributors: [thread.key],
      });
    }
    return samples;
  },
});
