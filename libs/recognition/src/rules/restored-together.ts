import { MINUTE_MS } from '../shared/instant';
import { teamSideAt } from '../shared/sides';
import { durationPhrase, listing } from '../shared/wording';
import { AwardList } from './award';
import type { RecognitionRule } from './rule';

const RULE = { id: 'restored_together', version: 1 } as const;
const RESTORED_UNDER_MS = 30 * MINUTE_MS;

export const restoredTogetherV1: RecognitionRule = {
  ...RULE,
  definition:
    'A team recognition: the Dev teams and the Ops-side teams (by kind, as of each act) of the people who took part in an incident, when both sides took part and service was restored (`impactStart` → `resolved`, time_to_restore) in under 30 minutes. Once per incident; names teams and services, never a person.',
  evaluate(model, directory, window) {
    const awards = new AwardList(RULE, directory, window);
    for (const incident of model.metrics.incidents) {
      const { resolved, impactStart } = incident;
      if (incident.excluded !== null || resolved === null || impactStart === null || resolved - impactStart >= RESTORED_UNDER_MS) continue;
      const devTeams = new Set<string>();
      const opsTeams = new Set<string>();
      for (const act of incident.participants) {
        for (const team of directory.teamsOf(act.personId, act.at)) {
          const side = teamSideAt(directory, team, act.at);
          if (side === 'dev') devTeams.add(team);
          else if (side === 'ops') opsTeams.add(team);
        }
      }
      if (devTeams.size === 0 || opsTeams.size === 0) continue;
      const teams = [...[...devTeams].sort(), ...[...opsTeams].sort()];
      const what = incident.services.length > 0 ? listing(incident.services) : 'a service';
      awards.teams([...teams].sort(), {
        subjectId: incident.key,
        evidenceEventIds: incident.eventIds,
        atMs: resolved,
        sentence: `${listing(teams)} restored ${what} together in ${durationPhrase(resolved - impactStart)}`,
      });
    }
    return awards.list();
  },
};
