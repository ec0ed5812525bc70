import { NormalizationError } from '../normalization-error';
import type { Normalization, Normalizer } from '../normalizer';
import { parseJsonBody, parsePayload, timeAt } from '../shared/payload';
import { fromEpochOfAnyUnit } from '../vendor-time';
import { normalizeSlackChannelMember } from './slack-channels';
import { normalizeSlackAppMention, normalizeSlackMessage } from './slack-messages';
import { slackDelivery, slackEventCallback, slackRateLimited } from './slack-payload';
import { normalizeSlackReactionAdded } from './slack-reactions';

const DIRECTORY = 'people and teams come from tandem.yaml, not from Slack';
const INSTALLATION = "the app's installation lifecycle, the operator's concern rather than team activity";

/** Events API event types Tandem knowingly does not use, with the reason. */
const IGNORED_EVENTS: Readonly<Record<string, string>> = {
  reaction_removed:
    'the canonical contract has no reaction-removal event, so the ReactionAdded recorded earlier stands',
  channel_created: 'a new channel has no members or messages yet; its members arrive as member_joined_channel',
  channel_rename: 'channels are keyed by id, so a new name changes nothing Tandem counts',
  channel_archive: 'an archived channel simply stops producing messages; nothing to count',
  channel_unarchive: 'channel state, not activity; new messages arrive as their own events',
  channel_deleted: 'channel state, not activity; the messages recorded before stand',
  channel_shared: 'channel state, not activity',
  channel_unshared: 'channel state, not activity',
  pin_added: 'pins are not a collaboration signal Tandem measures',
  pin_removed: 'pins are not a collaboration signal Tandem measures',
  subteam_created: `Slack user groups are not Tandem teams: ${DIRECTORY}`,
  subteam_updated: `Slack user groups are not Tandem teams: ${DIRECTORY}`,
  subteam_members_changed: `Slack user groups are not Tandem teams: ${DIRECTORY}`,
  team_join: DIRECTORY,
  user_change: DIRECTORY,
  app_home_opened: 'a user opened the app home: no collaboration',
  app_uninstalled: INSTALLATION,
  tokens_revoked: INSTALLATION,
};

/**
 * Slack Events API deliveries: channel messages and thread replies (MessagePosted, text kept only for
 * a kudos), reactions (ReactionAdded), channel membership (ChannelJoined / ChannelLeft).
 */
export const normalizeSlack: Normalizer = (delivery, settings, parsed) => {
  const body = parseJsonBody(delivery, parsed);
  const { type } = parsePayload(slackDelivery, body, 'slack delivery');
  switch (type) {
    case 'event_callback':
      return normalizeEvent(body, settings);
    case 'url_verification':
      return { outcome: 'ignored', reason: 'slack url_verification handshake: the gateway echoes the challenge; it carries no activity' };
    case 'app_rate_limited':
      return rateLimited(body);
    default:
      throw new NormalizationError('UNKNOWN_EVENT_TYPE', `slack delivery type "${type}" is neither handled nor knowingly ignored`);
  }
};

function normalizeEvent(body: unknown, settings: Parameters<Normalizer>[1]): Normalization {
  const callback = parsePayload(slackEventCallback, body, 'slack event_callback');
  const eventType = callback.event.type;
  switch (eventType) {
    case 'message':
      return normalizeSlackMessage(body, callback.team_id, settings);
    case 'app_mention':
      return normalizeSlackAppMention(body, callback.team_id, settings);
    case 'reaction_added':
      return normalizeSlackReactionAdded(body);
    case 'member_joined_channel':
      return normalizeSlackChannelMember(body, true);
    case 'member_left_channel':
      return normalizeSlackChannelMember(body, false);
  }
  const reason = IGNORED_EVENTS[eventType];
  if (reason !== undefined) return { outcome: 'ignored', reason: `slack ${eventType}: ${reason}` };
  throw new NormalizationError('UNKNOWN_EVENT_TYPE', `slack event type "${eventType}" is neither handled nor knowingly ignored`);
}

/**
 * Slack stopped delivering this app's events for a while: the events of that stretch are lost (Slack
 * does not redeliver them), so the reason says so loudly for the operator reading ignored deliveries.
 */
function rateLimited(body: unknown): Normalization {
  const notice = parsePayload(slackRateLimited, body, 'slack app_rate_limited');
  const since =
    notice.minute_rate_limited === undefined ? '' : ` from the minute starting ${timeAt(fromEpochOfAnyUnit, notice.minute_rate_limited, 'minute_rate_limited')}`;
  const team = notice.team_id === undefined ? 'a workspace' : `workspace ${notice.team_id}`;
  const app = notice.api_app_id === undefined ? '' : ` (app ${notice.api_app_id})`;
  return {
    outcome: 'ignored',
    reason:
      `slack app_rate_limited: Slack DROPPED events for ${team}${app}${since}: the app exceeded 30,000 events ` +
      'per workspace per hour, and the dropped events will not be redelivered, so chat metrics for that hour are incomplete',
  };
}
