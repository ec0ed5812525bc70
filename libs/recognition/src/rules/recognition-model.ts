import type { CanonicalEvent } from '@tandem/contracts';
import type { Directory } from '@tandem/directory';
import { buildMetricModel, foldEvents, type EntityFacts, type MetricModel } from '@tandem/metrics';
import { foldOnCall, type OnCallFacts } from './on-call-facts';

/**
 * What the automatic rules read: the metric model (incident timelines with participants, PRs with
 * reviews, post-mortems, action items) and the on-call facts the metric model does not keep.
 */
export interface RecognitionModel {
  metrics: MetricModel;
  onCall: OnCallFacts;
}

/** From what a projector already keeps: the metrics' entity facts, and the on-call events. */
export function buildRecognitionModel(entities: Iterable<EntityFacts>, onCall: OnCallFacts, directory: Directory): RecognitionModel {
  return { metrics: buildMetricModel(entities, directory), onCall };
}

/** The model of a batch of events (a rebuild, a test): the metrics' fold and the on-call fold. */
export function recognitionModelOf(events: readonly CanonicalEvent[], directory: Directory): RecognitionModel {
  return buildRecognitionModel(foldEvents(events), foldOnCall(events), directory);
}
