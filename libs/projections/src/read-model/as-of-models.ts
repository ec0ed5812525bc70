import { readCanonicalEvent, type CanonicalEvent } from '@tandem/contracts';
import { buildDirectory, isDirectoryEvent, type Directory, type DirectoryEvent } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';
import { buildMetricModel, entityKeyOf, foldEvents, type MetricModel } from '@tandem/metrics';
import { LRUCache } from 'lru-cache';
import { ProjectionError } from '../store/projection-store';

export interface AsOfModel {
  asOf: string;
  directory: Directory;
  model: MetricModel;
}

const PAGE_SIZE = 5_000;

/**
 * "What did Tandem know at instant T": the model of the events the store had recorded before T
 * (`recordedAt < T`), folded by the same core as the projection. Late events (recorded after T
 * about things that happened before it) are left out, so an as-of value never moves.
 *
 * It reads the store from the start: the read models hold the latest knowledge only, and which
 * events an as-of leaves out depends on T. Models are kept per instant (a few, least recently
 * used out), but only once the store has recorded past T: before that, events may still arrive
 * with `recordedAt < T`.
 */
export class AsOfModels {
  private readonly models: LRUCache<string, Promise<AsOfModel>>;

  constructor(
    private readonly eventStore: EventStore,
    capacity = 4,
  ) {
    this.models = new LRUCache({ max: capacity });
  }

  at(asOf: string): Promise<AsOfModel> {
    const instant = Date.parse(asOf);
    if (Number.isNaN(instant)) throw new ProjectionError('PROJECTION_INVALID_AS_OF', `asOf must be an ISO-8601 instant; got "${asOf}"`);
    const key = new Date(instant).toISOString();
    const known = this.models.get(key);
    if (known) return known;
    const building = this.build(key, instant).then(
      ({ model, settled }) => {
        if (!settled) this.models.delete(key);
        return model;
      },
      (error: unknown) => {
        this.models.delete(key);
        throw error;
      },
    );
    this.models.set(key, building);
    return building;
  }

  private async build(asOf: string, instant: number): Promise<{ model: AsOfModel; settled: boolean }> {
    const entityEvents: CanonicalEvent[] = [];
    const directoryEvents: DirectoryEvent[] = [];
    let settled = false;
    for (let after = 0; ; ) {
      const page = await this.eventStore.readAll({ after, limit: PAGE_SIZE });
      for (const recorded of page) {
        if (Date.parse(recorded.recordedAt) >= instant) {
          settled = true;
          continue;
        }
        let event: CanonicalEvent;
        try {
          event = readCanonicalEvent(recorded);
        } catch {
          continue; // Not canonical: the projector skips (and reports) it too.
        }
        if (entityKeyOf(event) !== null) entityEvents.push(event);
        else if (isDirectoryEvent(event)) directoryEvents.push(event);
      }
      if (page.length < PAGE_SIZE) break;
      after = page[page.length - 1].globalPosition;
    }
    const directory = buildDirectory(directoryEvents);
    return { model: { asOf, directory, model: buildMetricModel(foldEvents(entityEvents), directory) }, settled };
  }
}
