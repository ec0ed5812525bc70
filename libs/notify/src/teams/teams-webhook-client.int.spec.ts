import { FakeTeamsWebhook } from '@tandem/notify-testing';
import { PermanentDeliveryError, RetryableDeliveryError } from '../delivery-errors';
import { TeamsWebhookClient, type AdaptiveCard } from './teams-webhook-client';

const CARD: AdaptiveCard = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.4',
  body: [{ type: 'TextBlock', text: 'Kudos to Ada', wrap: true }],
};

describe('TeamsWebhookClient against a local Teams webhook', () => {
  const teams = new FakeTeamsWebhook();
  let client: TeamsWebhookClient;

  beforeAll(async () => {
    await teams.start();
    client = new TeamsWebhookClient({ webhookUrl: teams.webhookUrl });
  });
  afterAll(() => teams.close());

  it('posts a message with one Adaptive Card attachment (Workflows: 202)', async () => {
    await client.postCard(CARD);

    expect(teams.requests.at(-1)!.json).toEqual({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: CARD }],
    });
    expect(teams.cards).toEqual([CARD]);
  });

  it("accepts a legacy Incoming Webhook's 200 with body 1", async () => {
    teams.script('legacy');
    await expect(client.postCard(CARD)).resolves.toBeUndefined();
    expect(teams.cards).toHaveLength(2);
  });

  it('reports 429 as retryable, with Retry-After when Teams sends one', async () => {
    teams.script({ throttled: { retryAfterSeconds: 3 } }, { throttled: {} });
    const first = await client.postCard(CARD).catch((caught: unknown) => caught);
    expect(first).toBeInstanceOf(RetryableDeliveryError);
    expect(first).toMatchObject({ channel: 'teams', code: 'throttled', retryAfterMs: 3_000 });
    await expect(client.postCard(CARD)).rejects.toMatchObject({ code: 'throttled', retryAfterMs: undefined });
  });

  it("reports a legacy connector's 200 that says HTTP error 429 as throttled, not delivered", async () => {
    teams.script('legacyThrottled');
    await expect(client.postCard(CARD)).rejects.toMatchObject({ code: 'throttled', retryable: true });
  });

  it('reports 408 and 5xx as retryable', async () => {
    teams.script({ status: 502 }, { status: 408 });
    await expect(client.postCard(CARD)).rejects.toMatchObject({ code: 'http_502', retryable: true });
    await expect(client.postCard(CARD)).rejects.toMatchObject({ code: 'http_408', retryable: true });
  });

  it('reports a deleted webhook (404), a bad payload (400) and an oversized card (413) as permanent', async () => {
    const deleted = new TeamsWebhookClient({ webhookUrl: `${new URL(teams.webhookUrl).origin}/workflows/deleted/triggers/manual/paths/invoke` });
    const error = await deleted.postCard(CARD).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ code: 'http_404', retryable: false });

    await expect(client.postCard({ ...CARD, type: 'MessageCard' } as unknown as AdaptiveCard)).rejects.toMatchObject({
      code: 'http_400',
      retryable: false,
      message: expect.stringContaining('InvalidRequestContent'),
    });
    teams.script({ status: 413 });
    await expect(client.postCard(CARD)).rejects.toMatchObject({ code: 'http_413', retryable: false });
  });
});
