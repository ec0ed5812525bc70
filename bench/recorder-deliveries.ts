import { randomUUID } from 'node:crypto';
import { fixtureBody, gatewayDelivery, type Delivery } from '../apps/recorder/src/testing/recorder.harness.spec';

/**
 * The recorder benchmark's deliveries, mixed as the scale plan expects an organisation's day:
 * chat messages twice as many as git events (pushes, pull requests, CI runs), a few pages.
 * Every delivery has a fresh id, so each run appends for real. ~6 KB per delivery on average.
 */
export function webhookDeliveryMix(count: number): Delivery[] {
  const slots: (() => Delivery)[] = [
    ...Array.from({ length: 6 }, () => slackMessage),
    () => github('push', 'push__payload'),
    () => github('pull_request', 'pull_request__opened'),
    () => github('workflow_run', 'workflow_run__completed'),
    () => gatewayDelivery('pagerduty', fixtureBody('pagerduty', 'zulip__triggered_v3'), { 'x-webhook-id': randomUUID() }),
  ];
  return Array.from({ length: count }, (_, index) => slots[index % slots.length]());
}

export const DELIVERY_MIX_LABEL = '60% Slack, 30% GitHub, 10% PagerDuty';

const github = (event: string, fixture: string): Delivery =>
  gatewayDelivery('github', fixtureBody('github', fixture), { 'x-github-event': event, 'x-github-delivery': randomUUID() });

let messageCount = 0;

/** A channel message as the Events API posts it (text and rich-text blocks), in one of 50 channels. */
function slackMessage(): Delivery {
  const n = messageCount++;
  const ts = `${1_700_000_000 + n}.000100`;
  const text = `<@U0${n % 300}> the rollout of build ${n} looks good, merging after lunch`;
  return gatewayDelivery(
    'slack',
    JSON.stringify({
      token: 'x',
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: `Ev${randomUUID()}`,
      event_time: 1_700_000_000 + n,
      event: {
        type: 'message',
        channel: `C0${n % 50}`,
        channel_type: 'channel',
        user: `U0${n % 400}`,
        ts,
        text,
        blocks: [{ type: 'rich_text', block_id: 'b', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: `U0${n % 300}` }, { type: 'text', text }] }] }],
      },
    }),
  );
}
