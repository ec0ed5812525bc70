import { z } from 'zod';

/**
 * The fields of Microsoft Teams deliveries the normalizer reads, and only those (other
 * fields are accepted and left out of the parsed value):
 * - a Bot Framework Activity, what a Teams outgoing webhook POSTs when someone @mentions it in a
 *   channel (`type: "message"`);
 * - a Microsoft Graph change-notification batch (`{ value: [...] }`) for chatMessage subscriptions;
 * - a chatMessage resource, what a Graph notification's `encryptedContent` decrypts to.
 * Blank optional ids read as absent; a blank id that names the thing itself is MALFORMED.
 */

const nonEmpty = z.string().min(1, { error: 'expected a non-empty string' });

const optionalId = z
  .string()
  .nullish()
  .transform((value) => (value ? value : undefined));

const optionalText = z.string().nullish();

/** Every Activity: `message`, `conversationUpdate`, `messageReaction`, … */
export const teamsActivity = z.object({ type: nonEmpty });

const channelAccount = z.object({ id: nonEmpty, name: optionalId, aadObjectId: optionalId, role: optionalId });
export type TeamsChannelAccount = z.infer<typeof channelAccount>;

export const teamsMessageActivity = z.object({
  id: nonEmpty,
  timestamp: optionalText,
  localTimestamp: optionalText,
  replyToId: optionalId,
  text: optionalText,
  from: channelAccount,
  recipient: z.object({ id: nonEmpty, name: optionalId }).nullish(),
  conversation: z.object({ id: nonEmpty, conversationType: optionalId }),
  entities: z
    .array(
      z.object({
        type: optionalId,
        // Set on every `mention` entity (checked where mentions are read).
        mentioned: channelAccount.nullish(),
        text: optionalText,
      }),
    )
    .nullish(),
  channelData: z
    .object({
      teamsChannelId: optionalId,
      teamsTeamId: optionalId,
      channel: z.object({ id: optionalId }).nullish(),
      team: z.object({ id: optionalId }).nullish(),
    })
    .nullish(),
});
export type TeamsMessageActivity = z.infer<typeof teamsMessageActivity>;

/** A Graph change-notification POST: one or more notifications. */
export const graphNotificationBatch = z.object({
  value: z
    .array(
      z.object({
        changeType: optionalId,
        resource: optionalId,
        lifecycleEvent: optionalId,
        encryptedContent: z.object({}).nullish(),
      }),
    )
    .min(1, { error: 'expected at least one change notification' }),
});

const graphIdentity = z.object({ id: nonEmpty, displayName: optionalId });

/** A chatMessage resource (Graph v1.0), as a decrypted notification carries it. */
export const graphChatMessage = z.object({
  id: nonEmpty,
  messageType: nonEmpty,
  createdDateTime: z.string(),
  deletedDateTime: optionalText,
  replyToId: optionalId,
  chatId: optionalId,
  channelIdentity: z.object({ teamId: optionalId, channelId: nonEmpty }).nullish(),
  from: z
    .object({ user: graphIdentity.nullish(), application: graphIdentity.nullish() })
    .nullish(),
  body: z.object({ contentType: optionalId, content: optionalText }).nullish(),
  mentions: z
    .array(
      z.object({
        mentioned: z.object({ user: graphIdentity.nullish(), application: graphIdentity.nullish() }).nullish(),
      }),
    )
    .nullish(),
});
export type GraphChatMessage = z.infer<typeof graphChatMessage>;
