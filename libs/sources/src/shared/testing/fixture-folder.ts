import { validate as isUuid } from 'uuid';
import type { WebhookEnvelope } from '@tandem/webhooks';
import { DEFAULT_NORMALIZER_SETTINGS, toCanonicalEvents, type NormalizerSettings } from '../../normalizer';
import type { FixtureRunner } from './normalizer-test-kit';
import { expectedOutcome, normalizationOutcome, type SampleExpectation } from './outcome';

/**
 * Test-only: the tests every vendor owes its whole sample folder, registered once here so that a
 * new vendor cannot forget one and a stricter check reaches every vendor at once.
 */

/** A sample delivered twice (and once under another delivery id) to check the event ids. */
export interface Redelivery {
  sample: string;
  /** How many events it gives, when the test pins it (a sample that gives none proves nothing). */
  events?: number;
  /** What its first canonical event must match: the vendor's fields that must survive validation. */
  first?: Record<string, unknown>;
  /** Read under these settings instead of the folder's. */
  settings?: NormalizerSettings;
}

export interface FixtureFolder {
  /** Fewer samples than this means the folder moved or emptied: the loop would pass on nothing. */
  atLeast: number;
  /** What an ignore reason must look like, per sample where it names the sample's event. */
  ignoreReason: RegExp | ((sample: string) => RegExp);
  /** Samples whose outcome is known; any other must give good events or a reason. */
  expected?: Readonly<Record<string, SampleExpectation>>;
  /** Each sample is read under every one of these (default: the default settings). */
  settings?: readonly NormalizerSettings[];
  /** Samples delivered again: every vendor retries, and a retry must append nothing new. */
  redelivered: readonly Redelivery[];
  /** A vendor's own check of every sample (the header its notes name), run with the count. */
  eachSample?: (sample: string) => void;
}

/**
 * `describe(title)` with: the folder has its samples; each sample gives what it must under each
 * settings variant; the redelivered samples keep their ids. `more` registers the vendor's own tests
 * of the folder in the same block.
 */
export function describeFixtureFolder(title: string, runner: FixtureRunner, folder: FixtureFolder, more?: () => void): void {
  const variants = folder.settings ?? [DEFAULT_NORMALIZER_SETTINGS];
  describe(title, () => {
    const samples = runner.names();

    it('finds the samples', () => {
      expect(samples.length).toBeGreaterThanOrEqual(folder.atLeast);
      for (const sample of samples) folder.eachSample?.(sample);
    });

    it.each(samples)('%s: validated events, a documented ignore reason, or its documented MALFORMED', (sample) => {
      const reason = typeof folder.ignoreReason === 'function' ? folder.ignoreReason(sample) : folder.ignoreReason;
      const delivery = runner.delivery(runner.body(sample), undefined, sample);
      for (const settings of variants) expectSampleOutcome(runner, delivery, settings, reason, folder.expected?.[sample]);
    });

    it.each(folder.redelivered.map((redelivery) => [redelivery.sample, redelivery] as const))(
      '%s redelivered: the same validated events and ids; another delivery, other ids',
      (_sample, redelivery) => {
        for (const settings of redelivery.settings ? [redelivery.settings] : variants) expectRedelivery(runner, redelivery, settings);
      },
    );

    more?.();
  });
}

/** One delivery's outcome against what is known of it (nothing: good events or a reason). */
export function expectSampleOutcome(
  runner: FixtureRunner,
  delivery: WebhookEnvelope,
  settings: NormalizerSettings,
  ignoreReason: RegExp,
  expected?: SampleExpectation,
): void {
  const outcome = normalizationOutcome(runner.normalizer, delivery, settings);
  expect(outcome).toEqual(expectedOutcome(expected, ignoreReason, outcome));
}

/**
 * Ids are derived from (source, delivery id, index): a redelivery must append nothing new, and
 * another delivery must never collide. Each event keeps the fact's stream, type, fields and vendor time.
 */
function expectRedelivery(runner: FixtureRunner, { sample, events, first }: Redelivery, settings: NormalizerSettings): void {
  const canonical = (deliveryId: string) => {
    const delivery = runner.delivery(runner.body(sample), deliveryId, sample);
    const result = runner.normalizer(delivery, settings);
    const derived = result.outcome === 'events' ? result.events : [];
    return { delivery, derived, canonical: toCanonicalEvents(delivery, derived) };
  };
  const once = canonical(runner.deliveryId);
  const ids = once.canonical.map(({ event }) => event.eventId);
  if (events !== undefined) expect(ids).toHaveLength(events);
  if (first !== undefined) expect(once.canonical[0]).toMatchObject(first);
  expect(canonical(runner.deliveryId).canonical).toEqual(once.canonical);
  expect(ids.filter((id) => !isUuid(id))).toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(canonical(`another-${runner.deliveryId}`).canonical.filter(({ event }) => ids.includes(event.eventId))).toEqual([]);
  const { receivedAt, correlationId } = once.delivery;
  expect(once.derived.filter((fact) => fact.occurredAt === receivedAt)).toEqual([]);
  // Validation writes times in canonical form, so only the data's fields are compared here.
  expect(once.canonical.map(({ streamId, event }) => ({ streamId, type: event.type, fields: Object.keys(event.data).sort(), metadata: event.metadata }))).toEqual(
    once.derived.map((fact) => ({
      streamId: fact.streamId,
      type: fact.type,
      fields: Object.keys(fact.data).sort(),
      metadata: expect.objectContaining({ occurredAt: fact.occurredAt, source: runner.source, sourceDeliveryId: runner.deliveryId, correlationId }),
    })),
  );
}
