import type { EventDataMap, EventMetadata, KudosGivenJson, MessagePostedJson, NewCanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import type { KudosHistory } from './kudos-ledger';

/** What decideKudos reads of a stored (or about to be stored) chat event. */
export interface OriginEvent<Type extends 'MessagePosted' | 'ReactionAdded'> {
  eventId: string;
  type: Type;
  data: EventDataMap[Type];
  metadata: Pick<EventMetadata, 'occurredAt'> & Partial<Pick<EventMetadata, 'correlationId'>>;
}

/** A Slack or Teams message whose text starts with a kudos trigger (`kudosText` is set). */
export interface MessageKudosRequest {
  origin: 'message';
  event: OriginEvent<'MessagePosted'>;
}

/** A reaction on someone's message: a kudos from the reactor to the author when the emoji is configured. */
export interface ReactionKudosRequest {
  origin: 'reaction';
  event: OriginEvent<'ReactionAdded'>;
  /** The message reacted to, when the caller has it: its author and kudos text. */
  reactedMessage?: MessagePostedJson;
  /** The channel's name without `#`, when known (ChannelJoined carries it), for the reason sentence. */
  channelName?: string;
}

/** The GraphQL mutation giveKudos(to, message, values), by an authenticated person. */
export interface ApiKudosRequest {
  origin: 'api';
  /**
   * The mutation's idempotency key (a client mutation id, else the request's correlation id): the
   * same request retried gives the same kudos id, so a retry never records a second kudos.
   */
  requestId: string;
  fromPersonId: string;
  to: readonly string[];
  message: string;
  values?: readonly string[];
  /** When the API received it: the core has no clock. */
  at: string;
  correlationId?: string;
}

export type KudosRequest = MessageKudosRequest | ReactionKudosRequest | ApiKudosRequest;

export interface KudosContext {
  directory: Directory;
  /** The kudos given so far (a KudosLedger): daily limits and the self-dealing rule read it. */
  history: KudosHistory;
}

export const KUDOS_REFUSAL_CODES = [
  'SELF_KUDOS',
  'BOT',
  'UNKNOWN_PERSON',
  'NO_RECIPIENT',
  'EMPTY_MESSAGE',
  'UNKNOWN_VALUE',
  'DAILY_LIMIT',
  'SELF_DEALING',
] as const;

export type KudosRefusalCode = (typeof KUDOS_REFUSAL_CODES)[number];

/** A KudosGiven ready to append: `event.eventId` is `kudosId`, deterministic in the origin. */
export interface GivenKudos {
  outcome: 'given';
  kudosId: string;
  streamId: string;
  data: KudosGivenJson;
  event: Extract<NewCanonicalEvent, { type: 'KudosGiven' }>;
}

/** Nothing is recorded; `reason` is one sentence meant for the person who tried. */
export interface RefusedKudos {
  outcome: 'refused';
  code: KudosRefusalCode;
  reason: string;
}

/** Not a kudos at all (no trigger, another emoji): nothing to tell anyone. */
export interface NotKudos {
  outcome: 'ignored';
  reason: string;
}

export type KudosDecision = GivenKudos | RefusedKudos | NotKudos;

export function refused(code: KudosRefusalCode, reason: string): RefusedKudos {
  return { outcome: 'refused', code, reason };
}
