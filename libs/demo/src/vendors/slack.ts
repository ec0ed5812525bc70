import type { DemoDelivery } from '../demo-delivery';
import type { DemoOrganization, DemoPerson } from '../organization/demo-organization';
import type { ChatMessage } from '../story/story-model';
import { TEMPLATES } from './fixture-templates';
import { jsonBody } from './payload';

/** Ids Slack puts in the body: the delivery's `event_id`, a message's `client_msg_id`, a block id. */
export interface SlackIds {
  eventId(): string;
  clientMessageId(): string;
  blockId(): string;
}

/**
 * Slack Events API deliveries (`message` posts and thread replies, `reaction_added`) from the real
 * Zulip capture and Slack's docs example. Thread replies carry `thread_ts` and `parent_user_id`, as
 * Slack sends them.
 */
export class SlackPayloads {
  constructor(
    private readonly org: DemoOrganization,
    private readonly ids: SlackIds,
  ) {}

  message(message: ChatMessage): DemoDelivery {
    const template = TEMPLATES.slack.message;
    const { teamId, appId, botUserId } = this.org.slack;
    const eventId = this.ids.eventId();
    return this.delivery(eventId, message.at, ['MessagePosted'], {
      ...template,
      token: 'demoVerificationToken000',
      team_id: teamId,
      context_team_id: teamId,
      api_app_id: appId,
      event: {
        user: message.author.slack,
        type: 'message',
        ts: message.ts,
        client_msg_id: this.ids.clientMessageId(),
        text: message.text,
        team: teamId,
        ...(message.thread ? { thread_ts: message.thread.ts, parent_user_id: message.thread.author.slack } : {}),
        blocks: [{ type: 'rich_text', block_id: this.ids.blockId(), elements: [{ type: 'rich_text_section', elements: richText(message.text) }] }],
        channel: message.channel.id,
        event_ts: message.ts,
        channel_type: 'channel',
      },
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(message.at / 1000),
      authorizations: [{ ...template.authorizations[0], team_id: teamId, user_id: botUserId }],
      event_context: eventContext({ et: 'message', tid: teamId, aid: appId, cid: message.channel.id }),
    });
  }

  reaction(message: ChatMessage, reactor: DemoPerson, reaction: string, at: number, ts: string): DemoDelivery {
    const template = TEMPLATES.slack.reaction;
    const { teamId, appId, botUserId } = this.org.slack;
    const eventId = this.ids.eventId();
    return this.delivery(eventId, at, ['ReactionAdded'], {
      ...template,
      token: 'demoVerificationToken000',
      team_id: teamId,
      api_app_id: appId,
      event: {
        type: 'reaction_added',
        user: reactor.slack,
        reaction,
        item_user: message.author.slack,
        item: { type: 'message', channel: message.channel.id, ts: message.ts, channel_type: 'channel' },
        event_ts: ts,
      },
      type: 'event_callback',
      authorizations: [{ ...template.authorizations[0], team_id: teamId, user_id: botUserId, is_bot: true }],
      event_id: eventId,
      event_time: Math.floor(at / 1000),
    });
  }

  private delivery(eventId: string, at: number, expectedEvents: DemoDelivery['expectedEvents'], body: object): DemoDelivery {
    return {
      source: 'slack',
      deliveryId: eventId,
      headers: { 'content-type': 'application/json', 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' },
      body: jsonBody(body),
      at: new Date(at).toISOString(),
      expectedEvents,
    };
  }
}

/** Slack's `event_context`: an opaque token, base64 of a small JSON, after a `4-` prefix. */
function eventContext(context: Record<string, string>): string {
  return `4-${Buffer.from(JSON.stringify(context)).toString('base64url')}`;
}

/** The message text as rich-text elements: `<@U…>` mentions become user elements, as Slack renders them. */
function richText(text: string): object[] {
  return text
    .split(/(<@[A-Z0-9]+>)/)
    .filter((part) => part !== '')
    .map((part) => {
      const mention = /^<@([A-Z0-9]+)>$/.exec(part);
      return mention ? { type: 'user', user_id: mention[1] } : { type: 'text', text: part };
    });
}
