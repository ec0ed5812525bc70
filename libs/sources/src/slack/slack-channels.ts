import { streamFor } from '@tandem/contracts';
import type { Normalization } from '../normalizer';
import { parsePayload, timeAt } from '../shared/payload';
import { fromSlackTs } from '../vendor-time';
import { SLACK, slackUser } from './slack-identity';
import { slackChannelMember } from './slack-payload';

/**
 * `member_joined_channel` / `member_left_channel`: who is in a channel tells which channels both
 * sides share. The `channel_join` / `channel_leave` message Slack also posts for the same change
 * gives a second, equal fact; membership is state, so reading it twice changes nothing.
 */
export function normalizeSlackChannelMember(body: unknown, joined: boolean): Normalization {
  const what = joined ? 'slack member_joined_channel' : 'slack member_left_channel';
  const event = parsePayload(slackChannelMember, body, what).event;
  const at = timeAt(fromSlackTs, event.event_ts, 'event.event_ts');
  const streamId = streamFor.channel(SLACK, event.channel);
  const member = slackUser(event.user);
  if (!joined) {
    return { outcome: 'events', events: [{ type: 'ChannelLeft', streamId, occurredAt: at, data: { tool: SLACK, channelId: event.channel, member, leftAt: at } }] };
  }
  const data = { tool: SLACK, channelId: event.channel, member, joinedAt: at, ...(event.inviter && { invitedBy: slackUser(event.inviter) }) };
  return { outcome: 'events', events: [{ type: 'ChannelJoined', streamId, occurredAt: at, data }] };
}
