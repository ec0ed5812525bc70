// The recognition functional core (metrics.md, "Recognition"): explicit kudos decided from chat
// messages, reactions and the API; automatic recognitions by versioned rules over the metric model;
// the feed and team totals. No framework, no I/O, no clock: the same events give the same kudos
// ids, the same awards and the same feed.

// Kudos: one decision per origin, with the KudosGiven to append.
export { decideKudos } from './kudos/decide-kudos';
export {
  KUDOS_REFUSAL_CODES,
  type ApiKudosRequest,
  type GivenKudos,
  type KudosContext,
  type KudosDecision,
  type KudosRefusalCode,
  type KudosRequest,
  type MessageKudosRequest,
  type NotKudos,
  type OriginEvent,
  type ReactionKudosRequest,
  type RefusedKudos,
} from './kudos/kudos-types';
export { KudosLedger, type KudosHistory, type RecordedKudos } from './kudos/kudos-ledger';
export { kudosIdOf } from './kudos/kudos-draft';
export { calendarDayOf } from './kudos/kudos-limits';
export { parseKudosText, renderChatText, type MentionToken, type ParsedKudosText } from './kudos/kudos-text';

// Automatic recognitions.
export { RULE_IDS, type RecognitionRule, type RuleId } from './rules/rule';
export { awardEvent, recognitionIdOf, TEAM_AWARD, type Award } from './rules/award';
export { RECOGNITION_RULES, evaluateRules, type EvaluationOptions } from './rules/evaluate-rules';
export { buildRecognitionModel, recognitionModelOf, type RecognitionModel } from './rules/recognition-model';
export { EMPTY_ON_CALL_FACTS, ON_CALL_EVENT_TYPES, foldOnCall, type CompletedShift, type OnCallFacts, type PageOnCall } from './rules/on-call-facts';
export { firstResponderV1 } from './rules/first-responder';
export { bridgeBuilderV1 } from './rules/bridge-builder';
export { infraContributorV1 } from './rules/infra-contributor';
export { postmortemPartnerV1 } from './rules/postmortem-partner';
export { followThroughV1 } from './rules/follow-through';
export { shadowShiftV1 } from './rules/shadow-shift';
export { restoredTogetherV1 } from './rules/restored-together';

// The feed and team totals (no individual leaderboard).
export { awardFeedItem, feedEvidenceOf, feedItemOf, feedOf, kudosFeedItem, matchesFeedFilter, newestFirst, type FeedEvidence, type FeedFilter, type FeedItem } from './feed/feed-item';
export { suppressSmallTeams, teamTotals, type ShownTeamTotal, type TeamRecognitionTotal } from './feed/team-totals';
export { feedSentence } from './feed/feed-sentence';

export type { TimeWindow } from './shared/instant';
