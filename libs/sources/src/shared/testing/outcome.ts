import type { WebhookEnvelope } from '@tandem/webhooks';
import { NormalizationError, type NormalizationFailure } from '../../normalization-error';
import { toCanonicalEvents, type Normalizer, type NormalizerSettings } from '../../normalizer';

/**
 * Test-only: what a normalizer made of a delivery, flattened so one `expect` can check it:
 * the event types, whether they all became validated canonical events, and whether any took the
 * receive time (the fixtures' envelopes carry an impossible one) as its event time.
 */
export type NormalizationOutcome =
  | { kind: 'events'; types: string[]; canonical: number; usedReceiveTime: boolean }
  | { kind: 'ignored'; reason: string }
  | { kind: NormalizationFailure; message: string };

export function normalizationOutcome(normalize: Normalizer, delivery: WebhookEnvelope, settings: NormalizerSettings): NormalizationOutcome {
  try {
    const result = normalize(delivery, settings);
    if (result.outcome === 'ignored') return { kind: 'ignored', reason: result.reason };
    return {
      kind: 'events',
      types: result.events.map((event) => event.type),
      canonical: toCanonicalEvents(delivery, result.events).length,
      usedReceiveTime: result.events.some((event) => event.occurredAt === delivery.receivedAt),
    };
  } catch (error) {
    if (error instanceof NormalizationError) return { kind: error.code, message: error.message };
    throw error;
  }
}

/** The outcome a sample must have: its events, canonical and dated by the vendor, or an ignore reason. */
export function expectedOutcome(expected: string[] | 'ignored' | undefined, ignoreReason: RegExp): unknown {
  if (expected === 'ignored') return { kind: 'ignored', reason: expect.stringMatching(ignoreReason) };
  if (expected !== undefined) return { kind: 'events', types: expected, canonical: expected.length, usedReceiveTime: false };
  // A sample added after these tests were written: events or an ignore reason, never a throw.
  return expect.objectContaining({ kind: expect.stringMatching(/^(events|ignored)$/) });
}
