import type { Directory } from '@tandem/directory';
import { epochMsOf } from '../shared/instant';
import { kudosIdOf, type KudosDraft } from './kudos-draft';
import { checkPersonId } from './kudos-people';
import { refused, type ApiKudosRequest, type RefusedKudos } from './kudos-types';

/** giveKudos(to, message, values) by the authenticated person `fromPersonId`. */
export function draftFromApi(request: ApiKudosRequest, directory: Directory): KudosDraft | RefusedKudos {
  const givenAtMs = epochMsOf(request.at);
  if (givenAtMs === null) throw new TypeError(`giveKudos: "${request.at}" is not an instant`);
  if (request.requestId === '') throw new TypeError('giveKudos: a request id is required, so that a retry does not give the kudos twice');
  const giverProblem = checkPersonId(directory, request.fromPersonId, 'giver');
  if (giverProblem) return giverProblem;
  const to = [...new Set(request.to.map((personId) => personId.trim()).filter((personId) => personId !== ''))];
  if (to.length === 0) return refused('NO_RECIPIENT', 'Say who the kudos is for: at least one person.');
  for (const personId of to) {
    const problem = checkPersonId(directory, personId, 'recipient');
    if (problem) return problem;
  }
  return {
    kudosId: kudosIdOf.api(request.fromPersonId, request.requestId),
    fromPersonId: request.fromPersonId,
    toPersonIds: to,
    givenAtMs,
    via: 'api',
    message: request.message.replace(/\s+/g, ' ').trim(),
    tags: request.values ?? [],
    causationId: request.requestId,
    ...(request.correlationId ? { correlationId: request.correlationId } : {}),
  };
}
