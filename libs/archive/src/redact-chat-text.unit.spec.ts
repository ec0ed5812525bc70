import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS, NormalizationError } from '@tandem/sources';
import { WEBHOOK_ENVELOPE_VERSION, type WebhookEnvelope, type WebhookSource } from '@tandem/webhooks';
import { webhookFixture, webhookFixtures } from '../../../test/fixtures/webhook-fixtures';
import { redactChatText } from './redact-chat-text';

const envelope = (source: WebhookSource, body: string): WebhookEnvelope => ({
  version: WEBHOOK_ENVELOPE_VERSION,
  source,
  deliveryId: 'delivery-1',
  receivedAt: '2026-03-01T10:00:00.000Z',
  correlationId: 'correlation-1',
  headers: {},
  body,
});

/** What the current normalizer makes of a body: the archive must not change it. */
function normalized(source: WebhookSource, body: string): unknown {
  try {
    return NORMALIZERS[source](envelope(source, body), DEFAULT_NORMALIZER_SETTINGS);
  } catch (error) {
    if (error instanceof NormalizationError) return { failed: error.code };
    throw error;
  }
}

function isKudos(source: WebhookSource, body: string): boolean {
  const result = normalized(source, body) as { outcome?: string; events?: { data: { kudosText?: string } }[] };
  return result.events?.some((event) => event.data.kudosText !== undefined) ?? false;
}

const slackMessage = (event: Record<string, unknown>): string =>
  JSON.stringify({
    type: 'event_callback',
    team_id: 'T1',
    event_id: 'Ev1',
    event: { type: 'message', channel: 'C1', user: 'U1', ts: '1700000000.000100', ...event },
  });

describe('redactChatText', () => {
  const chatFixtures = [...webhookFixtures('slack'), ...webhookFixtures('teams')];

  it.each(chatFixtures.map((fixture) => [`${fixture.source} ${fixture.name}`, fixture] as const))(
    'leaves what the normalizer derives from %s unchanged',
    (_name, fixture) => {
      const body = fixture.body.toString('utf8');

      const redacted = redactChatText(fixture.source, body, { keepOwnText: isKudos(fixture.source, body) });

      expect(normalized(fixture.source, redacted)).toEqual(normalized(fixture.source, body));
    },
  );

  it('removes what people wrote from Slack messages, their thread roots, edits, attachments and blocks, and keeps the mentions', () => {
    const body = slackMessage({
      text: 'deploying <@U2> <@U3|ana> the secret plan now',
      blocks: [
        {
          type: 'rich_text',
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'the secret plan' }, { type: 'user', user_id: 'U4' }] }],
        },
        { type: 'section', text: { type: 'mrkdwn', text: 'the secret plan' } },
      ],
      root: { user: 'U9', text: 'the secret root' },
      attachments: [{ fallback: 'the secret attachment', text: 'the secret attachment' }],
      files: [{ name: 'plan.pdf', preview: 'the secret file' }],
    });

    const redacted = redactChatText('slack', body, { keepOwnText: false });

    expect(redacted).not.toMatch(/secret/);
    expect(JSON.parse(redacted).event).toMatchObject({
      text: '<@U2> <@U3|ana>',
      blocks: [{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U4' }] }] }],
      root: { user: 'U9', text: '' },
      attachments: [],
      files: [],
    });
    expect(normalized('slack', redacted)).toEqual(normalized('slack', body));
  });

  it("keeps a kudos' own text, and still nothing of the thread it replies to", () => {
    const body = slackMessage({ text: 'kudos <@U2> for the rollback', thread_ts: '1699999999.000100', root: { user: 'U9', text: 'the secret root' } });
    expect(isKudos('slack', body)).toBe(true);

    const redacted = redactChatText('slack', body, { keepOwnText: true });

    expect(JSON.parse(redacted).event).toMatchObject({ text: 'kudos <@U2> for the rollback', root: { text: '' } });
    expect(normalized('slack', redacted)).toEqual(normalized('slack', body));
  });

  it('removes Teams activity text and Graph message bodies', () => {
    const activity = webhookFixture('teams', 'msteams-docs__bot-activity_message.full-inbound').body.toString('utf8');
    const graph = webhookFixture('teams', 'graph-docs__chatMessage_decrypted-resource').body.toString('utf8');

    expect(JSON.parse(redactChatText('teams', activity, { keepOwnText: false })).text).toBe('');
    expect(JSON.parse(redactChatText('teams', graph, { keepOwnText: false })).body.content).toBe('');
  });

  it('keeps the bodies of tools that carry no chat as they are, byte for byte', () => {
    const body = webhookFixture('github', 'pull_request__opened').body.toString('utf8');

    expect(redactChatText('github', body, { keepOwnText: false })).toBe(body);
  });

  it('redacts a body its caller has parsed already the same way, leaving the parsed value as it was', () => {
    const body = slackMessage({ text: 'kudos <@U2> for the rollback', attachments: [{ text: 'the secret attachment' }] });
    const parsed = { json: JSON.parse(body) as unknown };

    for (const keepOwnText of [false, true]) {
      expect(redactChatText('slack', body, { keepOwnText, parsed })).toBe(redactChatText('slack', body, { keepOwnText }));
    }
    expect(parsed.json).toEqual(JSON.parse(body));
  });

  it('keeps nothing of a chat body it cannot read as JSON', () => {
    expect(redactChatText('slack', '{"event":{"text":"the secret plan"', { keepOwnText: false })).toBe('');
    expect(redactChatText('teams', `${'['.repeat(200_000)}"the secret"${']'.repeat(200_000)}`, { keepOwnText: false })).toBe('');
  });
});
