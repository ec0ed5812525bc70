import type { WebhookEnvelope, WebhookSource } from '@tandem/webhooks';
import { NormalizationError } from '../../normalization-error';
import { DEFAULT_NORMALIZER_SETTINGS, type DerivedEvent, type Normalization, type Normalizer, type NormalizerSettings } from '../../normalizer';
import { withFields, type Json } from './mutate-json';
import { fixtureEnvelope, webhookFixture, webhookFixtures } from './webhook-fixtures';

/**
 * Test-only: what every normalizer spec needs to turn a vendor sample into a delivery and read what
 * the normalizer made of it. Not exported from the lib's index (it reads files; normalizers never do).
 */

/** The events of a result, or a failed test naming the ignore reason (a bare `toEqual` would hide it). */
export function eventsOf(result: Normalization): DerivedEvent[] {
  if (result.outcome !== 'events') throw new Error(`expected events, got ignored: ${result.reason}`);
  return result.events;
}

/** The NormalizationError `action` throws; any other error, or none, fails the test. */
export function normalizationFailure(action: () => unknown): NormalizationError {
  try {
    action();
  } catch (error) {
    if (error instanceof NormalizationError) return error;
    throw error;
  }
  throw new Error('expected a NormalizationError');
}

/**
 * The headers a vendor sends. Some name the delivery (`X-Webhook-Id`), some the event, which only
 * the sample's notes tell (`X-GitHub-Event`): `sample` is set when the body is an unchanged sample
 * or one changed by `run`.
 */
export type HeadersFor = (deliveryId: string, sample: string | undefined) => Record<string, string>;

export interface FixtureRunnerOptions {
  /** The folder under `test/fixtures/webhooks/`. */
  dir: string;
  source: WebhookSource;
  normalizer: Normalizer;
  headersFor: HeadersFor;
  /** A delivery id in the vendor's own format, for the tests that name none. */
  deliveryId?: string;
}

/**
 * One vendor's samples as deliveries. Plain functions (no `this`), so a spec can destructure the
 * ones it calls under the names its tests already use.
 */
export interface FixtureRunner {
  readonly source: WebhookSource;
  readonly normalizer: Normalizer;
  readonly deliveryId: string;
  /** Every sample of the folder, sorted, so a new sample is picked up by the tests. */
  readonly names: () => string[];
  readonly body: (sample: string) => string;
  readonly json: (sample: string) => Json;
  readonly delivery: (body: string | object, deliveryId?: string, sample?: string) => WebhookEnvelope;
  readonly normalize: (body: string | object, settings?: NormalizerSettings, deliveryId?: string) => Normalization;
  readonly events: (body: string | object, settings?: NormalizerSettings) => DerivedEvent[];
  readonly failure: (body: string | object, settings?: NormalizerSettings) => NormalizationError;
  /** The sample with `changes` (dotted paths, `undefined` removes) delivered with its own headers. */
  readonly run: (sample: string, changes?: Record<string, unknown>, settings?: NormalizerSettings, deliveryId?: string) => Normalization;
}

export function fixtureRunner({ dir, source, normalizer, headersFor, deliveryId: defaultId = 'delivery-1' }: FixtureRunnerOptions): FixtureRunner {
  const body = (sample: string): string => webhookFixture(dir, sample).body;
  const delivery = (content: string | object, deliveryId = defaultId, sample?: string): WebhookEnvelope =>
    fixtureEnvelope(source, content, headersFor(deliveryId, sample), deliveryId);
  const normalize = (content: string | object, settings = DEFAULT_NORMALIZER_SETTINGS, deliveryId?: string): Normalization =>
    normalizer(delivery(content, deliveryId), settings);
  return {
    source,
    normalizer,
    deliveryId: defaultId,
    names: () => webhookFixtures(dir).map((fixture) => fixture.name),
    body,
    json: (sample) => JSON.parse(body(sample)) as Json,
    delivery,
    normalize,
    events: (content, settings) => eventsOf(normalize(content, settings)),
    failure: (content, settings) => normalizationFailure(() => normalize(content, settings)),
    run: (sample, changes = {}, settings = DEFAULT_NORMALIZER_SETTINGS, deliveryId?: string) =>
      normalizer(delivery(withFields(body(sample), changes), deliveryId, sample), settings),
  };
}
