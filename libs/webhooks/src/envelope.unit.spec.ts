import {
  decodeWebhookEnvelope,
  encodeWebhookEnvelope,
  envelopeLogHeaders,
  envelopeRawBody,
  InvalidWebhookEnvelopeError,
  type WebhookEnvelope,
} from './index';

const RAW_BODY = Buffer.from('{"text":"Grüße, 👋 — \\u00e9","n":1502709956288000110}\n', 'utf8');

const ENVELOPE: WebhookEnvelope = {
  version: 1,
  source: 'slack',
  deliveryId: 'Ev079SP4TP1P',
  receivedAt: '2024-05-01T12:00:00.000Z',
  correlationId: '0b7c1c8e-4f3a-4d6b-9a2e-5f1d3c2b1a09',
  headers: { 'content-type': 'application/json', 'x-slack-retry-num': '1' },
  body: RAW_BODY.toString('utf8'),
};

describe('the webhook envelope', () => {
  it('round-trips through encode and decode', () => {
    expect(decodeWebhookEnvelope(encodeWebhookEnvelope(ENVELOPE))).toEqual(ENVELOPE);
  });

  it('gives back the exact signed bytes, multi-byte characters and big numbers included', () => {
    const decoded = decodeWebhookEnvelope(encodeWebhookEnvelope(ENVELOPE));

    expect(envelopeRawBody(decoded).equals(RAW_BODY)).toBe(true);
  });

  it('is JSON with the version first, readable in the log', () => {
    const json = JSON.parse(encodeWebhookEnvelope(ENVELOPE).toString('utf8')) as Record<string, unknown>;

    expect(Object.keys(json)).toEqual(['version', 'source', 'deliveryId', 'receivedAt', 'correlationId', 'headers', 'body']);
    expect(json.body).toBe('{"text":"Grüße, 👋 — \\u00e9","n":1502709956288000110}\n');
  });

  it('names its source, delivery and correlation in log headers', () => {
    expect(envelopeLogHeaders(ENVELOPE)).toEqual({
      'tandem-source': 'slack',
      'tandem-delivery-id': 'Ev079SP4TP1P',
      'tandem-correlation-id': '0b7c1c8e-4f3a-4d6b-9a2e-5f1d3c2b1a09',
    });
  });

  it('refuses a value that is not JSON', () => {
    const decode = () => decodeWebhookEnvelope(Buffer.from('{not json'));

    expect(decode).toThrow(InvalidWebhookEnvelopeError);
    expect(decode).toThrow('webhook envelope is not JSON');
  });

  it.each([
    ['an unknown version', { ...ENVELOPE, version: 2 }, 'version'],
    ['an unknown source', { ...ENVELOPE, source: 'rootly' }, 'source'],
    ['an empty delivery id', { ...ENVELOPE, deliveryId: '' }, 'deliveryId'],
    ['a receivedAt that is no instant', { ...ENVELOPE, receivedAt: 'yesterday' }, 'receivedAt'],
    ['a non-string header', { ...ENVELOPE, headers: { 'x-slack-retry-num': 1 } }, 'headers'],
    ['an unexpected field', { ...ENVELOPE, signature: 'v0=abc' }, 'signature'],
  ])('refuses %s, naming the field', (_label, value, field) => {
    const decode = () => decodeWebhookEnvelope(Buffer.from(JSON.stringify(value)));

    expect(decode).toThrow(InvalidWebhookEnvelopeError);
    expect(decode).toThrow(field);
  });
});
