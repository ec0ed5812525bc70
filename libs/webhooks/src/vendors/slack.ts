import { identifierAt } from '../json-fields';
import { signSlackV0, verifySlackV0 } from '../schemes/slack-v0';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

export const slack: VendorProfile = {
  verify: verifySlackV0,
  sign: signSlackV0,
  // `event_id` is identical on Slack's retries (which add X-Slack-Retry-Num): a retry is a duplicate.
  deliveryId: (_request, body) => identifierAt(body, 'event_id'),
  // Messages, reactions and channel events are ordered per channel; `channel` is an id on messages,
  // an object on channel_created/rename, and under `item` on reactions and pins.
  orderingEntity: (body) => {
    const channel =
      identifierAt(body, 'event', 'channel') ??
      identifierAt(body, 'event', 'channel', 'id') ??
      identifierAt(body, 'event', 'item', 'channel') ??
      identifierAt(body, 'event', 'channel_id');
    if (channel !== undefined) return channel;
    const team = identifierAt(body, 'team_id');
    return team === undefined ? undefined : `team:${team}`;
  },
  keptHeaders: [...COMMON_KEPT_HEADERS, 'x-slack-request-timestamp', 'x-slack-retry-num', 'x-slack-retry-reason'],
};
