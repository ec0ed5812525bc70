import { identifier, identifierAt, member } from '../json-fields';
import { signTeamsHmac, verifyTeamsHmac } from '../schemes/teams-hmac';
import { COMMON_KEPT_HEADERS, type VendorProfile } from './vendor-profile';

/** A channel conversation id is `<channel id>;messageid=<root message id>`: the thread, not the channel. */
function channelOfConversation(conversationId: string | undefined): string | undefined {
  return identifier(conversationId?.split(';')[0]);
}

export const teams: VendorProfile = {
  verify: (request, secrets) => verifyTeamsHmac(request, secrets),
  sign: (rawBody, secret) => signTeamsHmac(rawBody, secret),
  // Outgoing webhooks carry no delivery header; the Activity id names the message.
  deliveryId: (_request, body) => identifierAt(body, 'id'),
  orderingEntity: (body) =>
    identifierAt(body, 'channelData', 'teamsChannelId') ??
    identifierAt(body, 'channelData', 'channel', 'id') ??
    channelOfConversation(identifier(member(body, 'conversation', 'id'))),
  keptHeaders: [...COMMON_KEPT_HEADERS],
};
