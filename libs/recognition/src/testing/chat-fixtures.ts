import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CanonicalEvent } from '@tandem/contracts';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS, toCanonicalEvents } from '@tandem/sources';
import { WEBHOOK_ENVELOPE_VERSION, type WebhookEnvelope, type WebhookSource } from '@tandem/webhooks';

/** Test-only: the vendors' webhook samples, as the recorder would store them. */
const FIXTURES = resolve(__dirname, '../../../../test/fixtures/webhooks');

type Json = Record<string, unknown>;

export function chatFixture(source: 'slack' | 'teams', name: string): Json {
  return JSON.parse(readFileSync(resolve(FIXTURES, source, `${name}.json`), 'utf8')) as Json;
}

/** A copy of a sample with fields replaced; `path` is dotted (`event.text`). */
export function withField(body: Json, path: string, value: unknown): Json {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target: Json = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Json;
  target[keys[keys.length - 1]] = value;
  return copy;
}

/** What the recorder appends for a delivery: the real normalizer, deterministic ids. The delivery id is the vendor's (Slack event_id, Teams id). */
export function recordedDelivery(source: WebhookSource & ('slack' | 'teams'), body: Json, deliveryId: string): ReturnType<typeof toCanonicalEvents> {
  const delivery: WebhookEnvelope = {
    version: WEBHOOK_ENVELOPE_VERSION,
    source,
    deliveryId,
    receivedAt: '2099-01-01T00:00:00.000Z',
    correlationId: `corr-${deliveryId}`,
    headers: {},
    body: JSON.stringify(body),
  };
  const normalized = NORMALIZERS[source](delivery, DEFAULT_NORMALIZER_SETTINGS);
  if (normalized.outcome !== 'events') throw new Error(`the ${source} sample was ignored: ${normalized.reason}`);
  return toCanonicalEvents(delivery, normalized.events);
}

/** The canonical events the recorder stores for a delivery, with the positions a store would give. */
export function recordedChatEvents(source: WebhookSource & ('slack' | 'teams'), body: Json, deliveryId: string, position = 1): CanonicalEvent[] {
  return recordedDelivery(source, body, deliveryId).map(
    ({ streamId, event }, index) =>
      ({ ...event, streamId, streamVersion: 0, globalPosition: position + index, recordedAt: event.metadata.occurredAt }) as CanonicalEvent,
  );
}
