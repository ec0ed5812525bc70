import { z } from 'zod';

/**
 * The fields of Slack Events API deliveries the normalizer reads, and only those. Other fields are
 * accepted (and left out of the parsed value), so Slack may add fields freely; a missing or mistyped field we need is MALFORMED with its path.
 *
 * Blank values: Slack (and the java-slack-sdk shape samples) send `""` for "none" in optional
 * places (`subtype`, `bot_id`, `inviter`, `item_user`, `thread_ts`), so an optional id that is blank
 * reads as absent. A value that names the thing itself (a channel, a message ts, the acting user)
 * can never be blank: `""` there is MALFORMED naming the field.
 */

const nonEmpty = z.string().min(1, { error: 'expected a non-empty string' });

/** An optional id or name: blank or null reads as absent. */
const optionalId = z
  .string()
  .nullish()
  .transform((value) => (value ? value : undefined));

/**
 * A message timestamp, `"<seconds>.<micros>"`: also the message's id in its channel. At most ten
 * digits of seconds, so the value is an instant vendor-time can read (the docs' `app_mention`
 * example has a dot-less `event_ts`, which is why messages are timed by `ts`).
 */
const slackTs = z
  .string()
  .regex(/^\d{1,10}\.\d{1,6}$/, { error: 'expected a Slack ts like "1531420618.000200"' })
  .refine((ts) => !/^0+\.0+$/.test(ts), { error: 'expected a Slack ts, got the zero placeholder' });

/** An optional ts (`thread_ts`): blank reads as absent, anything else must be a ts. */
const optionalTs = z
  .string()
  .nullish()
  .transform((value) => (value ? value : undefined))
  .pipe(slackTs.optional());

/** Every delivery: `event_callback`, `url_verification` or `app_rate_limited`. */
export const slackDelivery = z.object({ type: nonEmpty });

export const slackEventCallback = z.object({
  team_id: optionalId,
  event: z.object({ type: nonEmpty }),
});

/** What routes a `message` event before its fields are read (edits and deletions nest the message). */
export const slackMessageRouting = z.object({
  event: z.object({ subtype: optionalId, channel_type: optionalId }),
});

/** A posted message (`message` without a housekeeping subtype, or `app_mention`). */
export const slackPostedMessage = z.object({
  event: z.object({
    channel: nonEmpty,
    ts: slackTs,
    user: optionalId,
    bot_id: optionalId,
    username: optionalId,
    subtype: optionalId,
    team: optionalId,
    thread_ts: optionalTs,
    parent_user_id: optionalId,
    text: z.string().nullish(),
    blocks: z.array(z.unknown()).nullish(),
    bot_profile: z.object({ name: optionalId }).nullish(),
    // thread_broadcast: the thread's root message, whose author a reply may not repeat.
    root: z.object({ user: optionalId }).nullish(),
  }),
});
export type SlackPostedMessage = z.infer<typeof slackPostedMessage>['event'];

/** `message` with subtype `channel_join` / `channel_leave` (and the legacy `group_*`). */
export const slackMembershipMessage = z.object({
  event: z.object({
    channel: nonEmpty,
    user: nonEmpty,
    ts: slackTs,
    inviter: optionalId,
  }),
});

export const slackReaction = z.object({
  event: z.object({
    user: nonEmpty,
    reaction: nonEmpty,
    item_user: optionalId,
    item: z.object({ type: nonEmpty, channel: optionalId, ts: optionalTs }),
    event_ts: slackTs,
  }),
});

/** `member_joined_channel` / `member_left_channel`. */
export const slackChannelMember = z.object({
  event: z.object({
    user: nonEmpty,
    channel: nonEmpty,
    inviter: optionalId,
    event_ts: slackTs,
  }),
});

export const slackRateLimited = z.object({
  team_id: optionalId,
  api_app_id: optionalId,
  minute_rate_limited: z.number().int().positive().optional(),
});
