import { deterministicEventId } from '@tandem/contracts';
import type { ConsumedMessage } from '@tandem/eventlog';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS, type NormalizerRegistry, type ParsedBody } from '@tandem/sources';
import { encodeWebhookEnvelope, WEBHOOK_ENVELOPE_VERSION, type WebhookEnvelope, type WebhookSource } from '@tandem/webhooks';
import { webhookFixture } from '../../../test/fixtures/webhook-fixtures';
import { readArchivedDelivery, readDelivery, readLogMessage } from './read-delivery';

const normalizing = { normalizers: NORMALIZERS, settings: DEFAULT_NORMALIZER_SETTINGS };

function envelope(source: WebhookSource, body: string, headers: Record<string, string> = {}): WebhookEnvelope {
  return { version: WEBHOOK_ENVELOPE_VERSION, source, deliveryId: 'delivery-1', receivedAt: '2026-03-01T10:00:00.000Z', correlationId: 'correlation-1', headers, body };
}

const slackMessage = (text: string) =>
  JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', channel: 'C1', user: 'U1', ts: '1700000000.000100', text } });

describe('readDelivery', () => {
  it('turns a pull request into its events, grouped by stream, with deterministic ids, and archives the body as it came', () => {
    const body = webhookFixture('github', 'pull_request__opened').body.toString('utf8');

    const reading = readDelivery(envelope('github', body, { 'x-github-event': 'pull_request' }), normalizing);

    expect(reading.outcome).toBe('recorded');
    if (reading.outcome !== 'recorded') return;
    expect(reading.streams.map(({ streamId, events }) => [streamId, events.map((event) => [event.type, event.eventId])])).toEqual([
      ['pr-github-Codertocat/Hello-World-2', [['PullRequestOpened', deterministicEventId('github', 'delivery-1', 0)]]],
    ]);
    expect(reading.archived).toEqual({
      source: 'github',
      deliveryId: 'delivery-1',
      receivedAt: '2026-03-01T10:00:00.000Z',
      correlationId: 'correlation-1',
      headers: { 'x-github-event': 'pull_request' },
      body,
      outcome: 'recorded',
    });
  });

  it("ignores what the normalizer knowingly ignores, keeping its reason", () => {
    const reading = readDelivery(envelope('github', webhookFixture('github', 'ping__payload').body.toString('utf8'), { 'x-github-event': 'ping' }), normalizing);

    expect(reading).toMatchObject({ outcome: 'ignored', archived: { outcome: 'ignored', reason: expect.stringContaining('ping') } });
  });

  it('dead-letters what the normalizer cannot read, with its code', () => {
    const malformed = readDelivery(envelope('github', '{"action":"opened"}', { 'x-github-event': 'pull_request' }), normalizing);
    const unknown = readDelivery(envelope('github', '{}', { 'x-github-event': 'made_up' }), normalizing);

    expect(malformed).toMatchObject({ outcome: 'dead_lettered', reason: 'MALFORMED', archived: { outcome: 'dead_lettered', reason: 'MALFORMED' } });
    expect(unknown).toMatchObject({ outcome: 'dead_lettered', reason: 'UNKNOWN_EVENT_TYPE' });
  });

  it('dead-letters a normalizer that crashes instead of crashing itself', () => {
    const crashing: NormalizerRegistry = { ...NORMALIZERS, github: () => JSON.parse('{') as never };

    const reading = readDelivery(envelope('github', '{}'), { ...normalizing, normalizers: crashing });

    expect(reading).toMatchObject({ outcome: 'dead_lettered', reason: 'NORMALIZER_FAILED', error: expect.any(SyntaxError) });
  });

  it('archives chat without its text, except the text of a kudos', () => {
    const chat = readDelivery(envelope('slack', slackMessage('the secret plan, <@U2>')), normalizing);
    const kudos = readDelivery(envelope('slack', slackMessage('kudos <@U2> for the rollback')), normalizing);

    expect(chat.outcome).toBe('recorded');
    expect(JSON.parse(String(chat.archived.body)).event.text).toBe('<@U2>');
    expect(JSON.parse(String(kudos.archived.body)).event.text).toBe('kudos <@U2> for the rollback');
  });

  it('parses a chat body once, for its normalizer and its archive row; other bodies are left to their normalizer', () => {
    const handedOver: [string, ParsedBody | undefined][] = [];
    const watching: NormalizerRegistry = { ...NORMALIZERS };
    for (const source of ['slack', 'github'] as const) {
      watching[source] = (delivery, settings, parsed) => {
        handedOver.push([source, parsed]);
        return NORMALIZERS[source](delivery, settings, parsed);
      };
    }
    const github = webhookFixture('github', 'pull_request__opened').body.toString('utf8');

    readDelivery(envelope('slack', slackMessage('the secret plan')), { ...normalizing, normalizers: watching });
    readDelivery(envelope('github', github, { 'x-github-event': 'pull_request' }), { ...normalizing, normalizers: watching });

    expect(handedOver).toEqual([
      ['slack', { json: JSON.parse(slackMessage('the secret plan')) }],
      ['github', undefined],
    ]);
  });

  it('dead-letters a chat body that is not JSON, and archives nothing of it', () => {
    const reading = readDelivery(envelope('slack', '{"event":{"text":"the secret plan"'), normalizing);

    expect(reading).toMatchObject({ outcome: 'dead_lettered', reason: 'MALFORMED', archived: { body: '' } });
  });
});

describe('readLogMessage', () => {
  const message = (value: string | Buffer, headers: Record<string, string> = {}): ConsumedMessage => ({
    topic: 'tandem.webhooks.v1',
    partition: 2,
    offset: '41',
    timestamp: Date.parse('2026-03-01T10:00:00.000Z'),
    key: 'github:repo',
    value: Buffer.from(value),
    headers,
  });

  it('archives the body bytes of the log message as they are, and chat bodies redacted as text', () => {
    const body = webhookFixture('github', 'pull_request__opened').body;
    const github = readLogMessage(message(encodeWebhookEnvelope(envelope('github', body.toString('utf8'), { 'x-github-event': 'pull_request' }))), normalizing);
    const slack = readLogMessage(message(encodeWebhookEnvelope(envelope('slack', slackMessage('the secret plan, <@U2>')))), normalizing);

    expect(github.outcome).toBe('recorded');
    expect(Buffer.isBuffer(github.archived.body) && github.archived.body.equals(body)).toBe(true);
    expect(slack.outcome).toBe('recorded');
    expect(slack.archived.body).toBe(JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', channel: 'C1', user: 'U1', ts: '1700000000.000100', text: '<@U2>' } }));
  });

  it('dead-letters what is not an envelope, archived under its log headers or, without them, its log position', () => {
    const named = readLogMessage(message('{"version":2}', { 'tandem-source': 'github', 'tandem-delivery-id': 'd-9' }), normalizing);
    const anonymous = readLogMessage(message('not json'), normalizing);

    expect(named).toMatchObject({ outcome: 'dead_lettered', reason: 'INVALID_ENVELOPE', archived: { source: 'github', deliveryId: 'd-9', body: '' } });
    expect(anonymous.archived).toMatchObject({ source: 'unknown', deliveryId: 'log:tandem.webhooks.v1/2/41', receivedAt: '2026-03-01T10:00:00.000Z' });
  });
});

describe('readArchivedDelivery', () => {
  it('reads an archived delivery again, and keeps a row of an unreadable log message dead-lettered', () => {
    const reading = readDelivery(envelope('github', webhookFixture('github', 'pull_request__opened').body.toString('utf8'), { 'x-github-event': 'pull_request' }), normalizing);
    const archived = { ...reading.archived, body: String(reading.archived.body) };

    expect(readArchivedDelivery({ ...archived, outcome: 'dead_lettered', reason: 'UNKNOWN_EVENT_TYPE' }, normalizing).outcome).toBe('recorded');
    expect(readArchivedDelivery({ ...archived, source: 'unknown' }, normalizing)).toMatchObject({ outcome: 'dead_lettered', reason: 'INVALID_ENVELOPE' });
  });
});
