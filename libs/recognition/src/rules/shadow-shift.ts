import { streamFor } from '@tandem/contracts';
import { isoOf } from '../shared/instant';
import { personOfIdentity } from '../shared/people';
import { acrossSides } from '../shared/sides';
import { listing, nameOf } from '../shared/wording';
import { AwardList } from './award';
import type { RecognitionRule } from './rule';

const RULE = { id: 'shadow_shift', version: 1 } as const;

const ROLE_WORDS = { ON_CALL_ROLE_SHADOW: 'shadow', ON_CALL_ROLE_SECONDARY: 'secondary' } as const;

export const shadowShiftV1: RecognitionRule = {
  ...RULE,
  definition:
    'A person who completed an on-call shift (OnCallShiftCompleted) as shadow or secondary, with someone on the other side (as of the end of the shift) on call alongside. Once per shift (tool, schedule, start).',
  evaluate(model, directory, window) {
    const awards = new AwardList(RULE, directory, window);
    for (const shift of model.onCall.shifts) {
      if (shift.role !== 'ON_CALL_ROLE_SHADOW' && shift.role !== 'ON_CALL_ROLE_SECONDARY') continue;
      const personId = personOfIdentity(directory, shift.person);
      if (personId === null) continue;
      const side = directory.sideOf(personId, shift.endedAtMs);
      const partners = shift.alongside.flatMap((identity) => {
        const partner = personOfIdentity(directory, identity);
        return partner !== null && partner !== personId && acrossSides(side, directory.sideOf(partner, shift.endedAtMs)) ? [partner] : [];
      });
      if (partners.length === 0) continue;
      const partnerTeams = [...new Set(partners.flatMap((partner) => directory.teamsOf(partner, shift.endedAtMs)))].sort();
      awards.person(personId, {
        subjectId: `${streamFor.schedule(shift.tool, shift.scheduleId)}@${isoOf(shift.startedAtMs)}`,
        evidenceEventIds: [shift.eventId],
        atMs: shift.endedAtMs,
        sentence: `${nameOf(directory, personId)} completed an on-call shift as ${ROLE_WORDS[shift.role]} alongside ${listing(partnerTeams)}`,
      });
    }
    return awards.list();
  },
};
