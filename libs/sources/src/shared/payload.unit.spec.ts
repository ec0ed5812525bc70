import { z } from 'zod';
import { WEBHOOK_ENVELOPE_VERSION, type WebhookEnvelope } from '@tandem/webhooks';
import { NormalizationError } from '../normalization-error';
import { parsedBodyOf } from '../normalizer';
import { fromIsoTime } from '../vendor-time';
import { parseJsonBody, parsePayload, timeAt } from './payload';

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof NormalizationError && error.code === 'MALFORMED') return error.message;
    throw error;
  }
  throw new Error('expected MALFORMED');
}

describe('parseJsonBody', () => {
  const delivery = (body: string): WebhookEnvelope => ({
    version: WEBHOOK_ENVELOPE_VERSION,
    source: 'slack',
    deliveryId: 'd-1',
    receivedAt: '2026-03-01T10:00:00.000Z',
    correlationId: 'c-1',
    headers: {},
    body,
  });

  it('parses the body, unless the caller has parsed it already', () => {
    const parsed = parsedBodyOf(delivery('{"type":"event_callback"}'));

    expect(parseJsonBody(delivery('{"type":"event_callback"}'), undefined)).toEqual({ type: 'event_callback' });
    expect(parsed).toEqual({ json: { type: 'event_callback' } });
    expect(parseJsonBody(delivery('{"type":"event_callback"}'), parsed)).toBe(parsed?.json);
    expect(parseJsonBody(delivery('null'), parsedBodyOf(delivery('null')))).toBeNull();
  });

  it('finds a body that is not JSON MALFORMED, which the caller cannot have parsed', () => {
    expect(parsedBodyOf(delivery('{"type":'))).toBeUndefined();
    expect(messageOf(() => parseJsonBody(delivery('{"type":'), undefined))).toBe('slack delivery body is not JSON');
  });
});

describe('parsePayload', () => {
  const schema = z.object({
    pull_request: z.object({ merged_at: z.union([z.string(), z.null()]), number: z.number().int() }),
  });

  it('accepts unknown fields and returns only the fields it reads', () => {
    expect(parsePayload(schema, { pull_request: { merged_at: null, number: 2, extra: true }, sender: { id: 1 } }, 'delivery')).toEqual({
      pull_request: { merged_at: null, number: 2 },
    });
  });

  it('names every bad field by its path, nullable unions as "string or null"', () => {
    expect(messageOf(() => parsePayload(schema, { pull_request: { merged_at: 5 } }, 'GitHub pull_request delivery'))).toBe(
      'GitHub pull_request delivery: pull_request.merged_at: expected string or null; pull_request.number: expected number, received undefined',
    );
    expect(messageOf(() => parsePayload(schema, 'text', 'delivery'))).toBe('delivery: (root): expected object, received string');
  });
});

describe('timeAt', () => {
  it('names the field of an unreadable time', () => {
    expect(timeAt(fromIsoTime, '2020-01-01T00:00:00Z', 'created_at')).toBe('2020-01-01T00:00:00.000Z');
    expect(messageOf(() => timeAt(fromIsoTime, 'soon', 'deployment.created_at'))).toBe(
      'deployment.created_at: cannot read time "soon": expected an ISO-8601 string',
    );
  });
});
