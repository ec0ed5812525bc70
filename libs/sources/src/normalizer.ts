import {
  CURRENT_SCHEMA_VERSION,
  ContractError,
  deterministicEventId,
  newEvent,
  type EventDataMap,
  type EventType,
  type NewCanonicalEvent,
} from '@tandem/contracts';
import type { WebhookEnvelope, WebhookSource } from '@tandem/webhooks';
import { NormalizationError } from './normalization-error';

/** One canonical fact read from a delivery, before it gets its id and metadata. */
export type DerivedEvent = {
  [T in EventType]: { type: T; streamId: string; occurredAt: string; data: EventDataMap[T] };
}[EventType];

/** What a normalizer makes of a delivery. Failures throw `NormalizationError` instead. */
export type Normalization =
  | { outcome: 'events'; events: DerivedEvent[] }
  /** A delivery the vendor documents but Tandem knowingly does not use (a ping, a label edit). */
  | { outcome: 'ignored'; reason: string };

/** Per-organisation choices that change how deliveries read (from `tandem.yaml`). */
export interface NormalizerSettings {
  /** A chat message whose text starts with this word (or `/word`) is a kudos: its text is kept. */
  kudosTrigger: string;
  /** GitHub issue labels that make an issue an incident. */
  incidentLabels: string[];
  /** Environments (case-insensitive, exact or glob `prod*`) classed as production. */
  productionEnvironments: string[];
  /** Jira: which issues are incidents and which are post-mortem action items. */
  jira: { incidentProjects: string[]; incidentIssueTypes: string[]; actionItemIssueTypes: string[] };
}

export const DEFAULT_NORMALIZER_SETTINGS: NormalizerSettings = {
  kudosTrigger: 'kudos',
  incidentLabels: ['incident'],
  productionEnvironments: ['production', 'prod', 'prod-*', 'production-*', 'live'],
  jira: { incidentProjects: [], incidentIssueTypes: ['Incident'], actionItemIssueTypes: ['Action Item', 'Post-incident action'] },
};

/**
 * A delivery's body parsed as JSON by a caller that reads it too (the recorder redacts chat bodies
 * for the archive), so that the body is parsed once: parsing bodies is a tenth of the recorder's
 * CPU. Shared by its readers, so none of them changes it (normalizers read, never write).
 */
export interface ParsedBody {
  /** `JSON.parse(delivery.body)`. */
  readonly json: unknown;
}

/** The body of `delivery` parsed, or `undefined` when it is not JSON (which its normalizer reports). */
export function parsedBodyOf(delivery: WebhookEnvelope): ParsedBody | undefined {
  try {
    return { json: JSON.parse(delivery.body) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * A pure function from one verified delivery to canonical facts; no I/O, no clock. `parsed`, when
 * given, is the delivery's body already parsed (`parsedBodyOf`); without it the normalizer parses.
 */
export type Normalizer = (delivery: WebhookEnvelope, settings: NormalizerSettings, parsed?: ParsedBody) => Normalization;

export type NormalizerRegistry = Record<WebhookSource, Normalizer>;

/**
 * Turns derived facts into events ready to append: deterministic ids (source, delivery id, index),
 * so a redelivered webhook yields the same ids and appends nothing new; metadata that carries the
 * delivery's correlation id; data validated against the canonical schema.
 */
export function toCanonicalEvents(delivery: WebhookEnvelope, derived: DerivedEvent[]): { streamId: string; event: NewCanonicalEvent }[] {
  return derived.map((fact, index) => {
    try {
      const event = newEvent(
        fact.type,
        fact.data as never,
        {
          occurredAt: fact.occurredAt,
          source: delivery.source,
          sourceDeliveryId: delivery.deliveryId,
          correlationId: delivery.correlationId,
          causationId: delivery.deliveryId,
          schemaVersion: CURRENT_SCHEMA_VERSION,
        },
        deterministicEventId(delivery.source, delivery.deliveryId, index),
      ) as NewCanonicalEvent;
      return { streamId: fact.streamId, event };
    } catch (error) {
      if (error instanceof ContractError) {
        throw new NormalizationError('SCHEMA_DRIFT', `${fact.type} does not match the canonical schema: ${error.message}`, { cause: error });
      }
      throw error;
    }
  });
}
