import type { DemoDelivery } from '../demo-delivery';
import type { DemoOrganization, DemoPerson } from '../organization/demo-organization';
import { TEMPLATES } from './fixture-templates';
import { jsonBody } from './payload';

const WEBHOOK_NAME = 'Tandem';

/**
 * A Teams outgoing-webhook Activity: someone @mentions the Tandem webhook in the channel to give
 * kudos ("@Tandem kudos @Bob for …"). Built from the hand-made channel-message sample; the mention
 * of the recipient carries their AAD object id, the id tandem.yaml lists for Teams.
 */
export class TeamsPayloads {
  constructor(private readonly org: DemoOrganization) {}

  kudos(giver: DemoPerson, receiver: DemoPerson, reason: string, at: number, localOffsetMinutes: number): DemoDelivery {
    const template = TEMPLATES.teams.kudos;
    const { channelId, teamId, tenantId, webhookBotId } = this.org.msTeams;
    const id = String(at);
    const receiverMention = `<at>${receiver.firstName}</at>`;
    const text = `<at>${WEBHOOK_NAME}</at> kudos ${receiverMention} for ${reason}`;
    return {
      source: 'teams',
      deliveryId: id,
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Microsoft-SkypeBotApi (Microsoft-BotFramework/3.0)' },
      body: jsonBody({
        ...template,
        id,
        timestamp: new Date(at).toISOString(),
        localTimestamp: localTimestamp(at, localOffsetMinutes),
        from: { id: giver.teams.id, name: giver.name, aadObjectId: giver.teams.aadObjectId },
        conversation: { ...template.conversation, tenantId, id: `${channelId};messageid=${id}` },
        recipient: { id: webhookBotId, name: WEBHOOK_NAME },
        text,
        attachments: [
          {
            contentType: 'text/html',
            content: `<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${WEBHOOK_NAME}</span> kudos <span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="1">${receiver.firstName}</span> for ${reason}</div></div>`,
          },
        ],
        entities: [
          { type: 'mention', mentioned: { id: webhookBotId, name: WEBHOOK_NAME }, text: `<at>${WEBHOOK_NAME}</at>` },
          { type: 'mention', mentioned: { id: receiver.teams.id, name: receiver.name, aadObjectId: receiver.teams.aadObjectId }, text: receiverMention },
          template.entities[2],
        ],
        channelData: { teamsChannelId: channelId, teamsTeamId: teamId, channel: { id: channelId }, team: { id: teamId }, tenant: { id: tenantId } },
      }),
      at: new Date(at).toISOString(),
      expectedEvents: ['MessagePosted'],
    };
  }
}

/** `2026-03-01T11:00:00.123+01:00`: the sender's wall clock with its offset, as Teams sends it. */
function localTimestamp(at: number, offsetMinutes: number): string {
  const local = new Date(at + offsetMinutes * 60_000).toISOString().replace('Z', '');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}
