import {
  decodeWebhookEnvelope,
  encodeWebhookDelivery,
  encodeWebhookEnvelope,
  envelopeLogHeaders,
  envelopeRawBody,
  InvalidWebhookEnvelopeError,
  type WebhookEnvelope,
} from './index';

const RAW_BODY = Buffer.from('{"text":"Grüße, 👋 — \\u00e9","n":1502709956288000110}\n', 'utf8');

const ENVELOPE: WebhookEnvelope = {
  version: 2,
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

  it('is a line of JSON with the version first, then the body bytes as they are, readable in the log', () => {
    const value = encodeWebhookEnvelope(ENVELOPE);
    const newline = value.indexOf('\n');
    const header = JSON.parse(value.subarray(0, newline).toString('utf8')) as Record<string, unknown>;

    expect(Object.keys(header)).toEqual(['version', 'source', 'deliveryId', 'receivedAt', 'correlationId', 'headers']);
    expect(value.subarray(newline + 1).equals(RAW_BODY)).toBe(true);
  });

  it('frames the signed bytes the gateway holds exactly as it frames the envelope', () => {
    const { body: _body, ...header } = ENVELOPE;

    expect(encodeWebhookDelivery(header, RAW_BODY).equals(encodeWebhookEnvelope(ENVELOPE))).toBe(true);
  });

  it('still reads a version 1 envelope (one JSON document, the body a string) as the current version', () => {
    const versionOne = Buffer.from(JSON.stringify({ ...ENVELOPE, version: 1 }));

    expect(decodeWebhookEnvelope(versionOne)).toEqual(ENVELOPE);
    expect(envelopeRawBody(decodeWebhookEnvelope(versionOne)).equals(RAW_BODY)).toBe(true);
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

  it('refuses a header line that is not JSON', () => {
    const decode = () => decodeWebhookEnvelope(Buffer.from('{not json\n{}'));

    expect(decode).toThrow(InvalidWebhookEnvelopeError);
    expect(decode).toThrow('webhook envelope is not JSON');
  });

  it('refuses a body that is not UTF-8, which could not give back the signed bytes', () => {
    const value = Buffer.concat([encodeWebhookEnvelope(ENVELOPE), Buffer.from([0xc3, 0x28])]);
    const decode = () => decodeWebhookEnvelope(value);

    expect(decode).toThrow(InvalidWebhookEnvelopeError);
    expect(decode).toThrow('not valid UTF-8');
  });

  const { body: _body, ...HEADER } = ENVELOPE;
  const framed = (header: Record<string, unknown>) => Buffer.from(`${JSON.stringify(header)}\n${ENVELOPE.body}`);

  it.each([
    ['an unknown version', { ...HEADER, version: 3 }, 'version'],
    ['an unknown source', { ...HEADER, source: 'rootly' }, 'source'],
    ['an empty delivery id', { ...HEADER, deliveryId: '' }, 'deliveryId'],
    ['a receivedAt that is no instant', { ...HEADER, receivedAt: 'yesterday' }, 'receivedAt'],
    ['a non-string header', { ...HEADER, headers: { 'x-slack-retry-num': 1 } }, 'headers'],
    ['an unexpected field', { ...HEADER, signature: 'v0=abc' }, 'signature'],
    ['a body in the header line', { ...HEADER, body: '{}' }, 'body'],
  ])('refuses a header line with %s, naming the field', (_label, header, field) => {
    const decode = () => decodeWebhookEnvelope(framed(header));

    expect(decode).toThrow(InvalidWebhookEnvelopeError);
    expect(decode).toThrow(field);
  });

  it.each([
    ['another version', { ...ENVELOPE, version: 2 }, 'version'],
    ['an unknown source', { ...ENVELOPE, version: 1, source: 'rootly' }, 'source'],
    ['no body', { ...HEADER, version: 1 }, 'body'],
    ['an unexpected field', { ...ENVELOPE, version: 1, signature: 'v0=abc' }, 'signature'],
  ])('refuses a version 1 document with %s, naming the field', (_label, value, field) => {
    const decode = () => decodeWebhookEnvelope(Buffer.from(JSON.stringify(value)));

    expect(decode).toThrow(InvalidWebhookEnvelopeError);
    expect(decode).toThrow(field);
  });
});
