import { nameOf } from '../shared/wording';
import { draftFromApi } from './api-kudos';
import { givenKudosOf, type KudosDraft } from './kudos-draft';
import { checkDailyLimit, checkSelfDealing } from './kudos-limits';
import { hasWords } from './kudos-text';
import { refused, type KudosContext, type KudosDecision, type KudosRequest, type NotKudos, type RefusedKudos } from './kudos-types';
import { resolveValues } from './kudos-values';
import { draftFromMessage } from './message-kudos';
import { draftFromReaction } from './reaction-kudos';

function draftOf(request: KudosRequest, context: KudosContext): KudosDraft | RefusedKudos | NotKudos {
  switch (request.origin) {
    case 'message':
      return draftFromMessage(request, context.directory);
    case 'reaction':
      return draftFromReaction(request, context.directory);
    case 'api':
      return draftFromApi(request, context.directory);
    default: {
      const unknown: never = request;
      throw new TypeError(`unknown kudos origin ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Whether a chat message, a reaction or an API call gives kudos, and the KudosGiven to append if so.
 * Pure: the same request, directory and history give the same decision (and the same kudos id).
 * Checks run in this order, and the first that fails is the reason: who gives and to whom (BOT,
 * UNKNOWN_PERSON, NO_RECIPIENT), SELF_KUDOS, EMPTY_MESSAGE, UNKNOWN_VALUE, DAILY_LIMIT, SELF_DEALING.
 */
export function decideKudos(request: KudosRequest, context: KudosContext): KudosDecision {
  const draft = draftOf(request, context);
  if ('outcome' in draft) return draft;
  const { directory, history } = context;
  if (draft.toPersonIds.includes(draft.fromPersonId)) {
    const others = draft.toPersonIds.filter((personId) => personId !== draft.fromPersonId);
    const hint = others.length > 0 ? ` Give it to ${others.map((personId) => nameOf(directory, personId)).join(', ')} alone.` : '';
    return refused('SELF_KUDOS', `You cannot give kudos to yourself.${hint}`);
  }
  if (!hasWords(draft.message)) return refused('EMPTY_MESSAGE', 'Say what the kudos is for, e.g. "kudos @ana for staying on the incident call".');
  const values = resolveValues(draft.tags, directory.settings.recognition.kudosValues);
  if (!Array.isArray(values)) return values;
  const limited = checkDailyLimit(draft, history, directory) ?? checkSelfDealing(draft, history, directory);
  if (limited) return limited;
  return givenKudosOf(draft, values);
}
