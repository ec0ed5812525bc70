import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, streamFor, type KudosGivenJson, type MessageRefJson } from '@tandem/contracts';
import { isoOf } from '../shared/instant';
import type { KudosUnderReview } from './kudos-limits';
import type { GivenKudos } from './kudos-types';

/** A kudos read from its origin, before the rules that do not depend on the origin. */
export interface KudosDraft extends KudosUnderReview {
  via: string;
  message: string;
  /** `#tags` (or the API's values), checked against the configured values. */
  tags: readonly string[];
  originMessage?: MessageRefJson;
  originEventId?: string;
  correlationId?: string;
  /** The event or request that caused it, for the event's metadata. */
  causationId: string;
}

/**
 * Kudos ids derive from the origin, never from the event that carried it: Slack sends the same
 * message as `message` and `app_mention` (two MessagePosted events), and a reaction removed and
 * added again is the same kudos. So a replay or redelivery appends nothing new.
 */
export const kudosIdOf = {
  message: (tool: string, channelId: string, messageId: string): string => derivedEventId('kudos', 'message', tool, channelId, messageId),
  reaction: (tool: string, channelId: string, messageId: string, reactor: { tool: string; id: string }): string =>
    derivedEventId('kudos', 'reaction', tool, channelId, messageId, reactor.tool, reactor.id),
  api: (fromPersonId: string, requestId: string): string => derivedEventId('kudos', 'api', fromPersonId, requestId),
};

/** The KudosGiven event of an accepted draft, validated like every event a producer appends. */
export function givenKudosOf(draft: KudosDraft, values: readonly string[]): GivenKudos {
  const data: KudosGivenJson = {
    kudosId: draft.kudosId,
    fromPersonId: draft.fromPersonId,
    toPersonIds: [...draft.toPersonIds],
    message: draft.message,
    values: [...values],
    via: draft.via,
    givenAt: isoOf(draft.givenAtMs),
    ...(draft.originMessage ? { originMessage: draft.originMessage } : {}),
    ...(draft.originEventId ? { originEventId: draft.originEventId } : {}),
  };
  const event = newEvent(
    'KudosGiven',
    data,
    {
      occurredAt: isoOf(draft.givenAtMs),
      source: 'tandem',
      causationId: draft.causationId,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      ...(draft.correlationId ? { correlationId: draft.correlationId } : {}),
    },
    draft.kudosId,
  );
  return { outcome: 'given', kudosId: draft.kudosId, streamId: streamFor.recognition(draft.kudosId), data: event.data, event };
}
