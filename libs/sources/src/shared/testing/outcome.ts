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

/**
 * What a sample is known to give: these event types in order, an ignore reason, or MALFORMED with
 * a message matching (a sample that is not a readable delivery: a blank shape-only union, a fragment).
 */
export type SampleExpectation = readonly string[] | 'ignored' | { malformed: RegExp };

/**
 * The outcome a sample must have: its events, canonical and dated by the vendor, or an ignore reason
 * in the vendor's words (`ignoreReason`). `actual` decides which, for a sample nothing is known of.
 */
export function expectedOutcome(expected: SampleExpectation | undefined, ignoreReason: RegExp, actual: NormalizationOutcome): unknown {
  const ignored = { kind: 'ignored', reason: expect.stringMatching(ignoreReason) };
  if (expected === 'ignored') return ignored;
  if (expected !== undefined && 'malformed' in expected) return { kind: 'MALFORMED', message: expect.stringMatching(expected.malformed) };
  if (expected !== undefined) return { kind: 'events', types: expected, canonical: expected.length, usedReceiveTime: false };
  // A sample added after these tests were written: events or an ignore reason, never a throw, and
  // events as good as a known sample's (at least one, all canonical, none at the receive time).
  if (actual.kind !== 'events') return ignored;
  return { kind: 'events', types: expect.arrayContaining([expect.any(String)]), canonical: actual.types.length, usedReceiveTime: false };
}
