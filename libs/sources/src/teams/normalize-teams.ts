import { NormalizationError } from '../normalization-error';
import type { Normalizer } from '../normalizer';
import { parseJsonBody, parsePayload } from '../shared/payload';
import { IGNORED_ACTIVITY_TYPES, normalizeTeamsMessageActivity } from './teams-activity';
import { normalizeGraphChatMessage, normalizeGraphNotifications } from './teams-graph';
import { teamsActivity } from './teams-payload';

/**
 * Microsoft Teams deliveries, told apart by shape:
 * - `{ value: [...] }`: a Graph change-notification batch;
 * - `{ type, ... }`: a Bot Framework Activity (outgoing webhooks POST `message` activities);
 * - `{ messageType, createdDateTime, ... }`: a chatMessage resource, what an encrypted Graph
 *   notification decrypts to.
 * Anything else (a bare notification item, a `channelData` fragment) is not a delivery: MALFORMED.
 */
export const normalizeTeams: Normalizer = (delivery, settings, parsed) => {
  const body = parseJsonBody(delivery, parsed);
  if (isObject(body) && 'value' in body) return normalizeGraphNotifications(body);
  if (isObject(body) && !('type' in body) && 'messageType' in body) return normalizeGraphChatMessage(body, settings);
  if (isObject(body) && !('type' in body) && 'changeType' in body) {
    throw new NormalizationError(
      'MALFORMED',
      'teams graph notification: value: expected the array of change notifications Graph POSTs (this is a single notification, not a delivery)',
    );
  }
  const { type } = parsePayload(teamsActivity, body, 'teams delivery (a Bot Framework activity or a Graph notification batch)');
  if (type === 'message') return normalizeTeamsMessageActivity(body, settings);
  const reason = IGNORED_ACTIVITY_TYPES[type];
  if (reason !== undefined) return { outcome: 'ignored', reason: `teams ${type} activity: ${reason}` };
  throw new NormalizationError('UNKNOWN_EVENT_TYPE', `teams activity type "${type}" is neither handled nor knowingly ignored`);
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
