/**
 * `kpisUpdated`: published after each committed batch, so GraphQL subscriptions can follow the
 * numbers. The runtime's PubSub (@tandem/live-updates: in memory embedded, Redis distributed) carries
 * it on the `kpisUpdated` topic to every API replica; `pubSubUpdates` adapts it.
 */
export const KPIS_UPDATED_TOPIC = 'kpisUpdated';

/** The most entity keys one notification lists; a rebuild batch touches thousands. */
export const MAX_LISTED_ENTITIES = 500;

export interface KpisUpdated {
  projection: string;
  generation: number;
  /** The checkpoint after the batch: a query now answers at least this position. */
  position: number;
  /** Entity keys refolded by the batch (at most MAX_LISTED_ENTITIES; `entityCount` has them all). */
  entities: string[];
  entityCount: number;
  directoryChanged: boolean;
}

/** The port the projector publishes to. */
export interface ProjectionUpdates {
  publish(update: KpisUpdated): Promise<void>;
}

/** The API's PubSub port, as far as publishing goes (structural: no import of the API app). */
export interface TopicPublisher {
  publish(topic: string, payload: unknown): Promise<void>;
}

export function pubSubUpdates(pubSub: TopicPublisher): ProjectionUpdates {
  return { publish: (update) => pubSub.publish(KPIS_UPDATED_TOPIC, update) };
}

/** In-process listeners: the projector alone (no API in the process), tests and benchmarks. */
export class InMemoryProjectionUpdates implements ProjectionUpdates {
  private readonly listeners = new Set<(update: KpisUpdated) => void>();

  subscribe(listener: (update: KpisUpdated) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publish(update: KpisUpdated): Promise<void> {
    for (const listener of this.listeners) listener(update);
  }
}

/** Publishes to each of several ports (the API's PubSub and an in-process listener). */
export function fanOutUpdates(...targets: ProjectionUpdates[]): ProjectionUpdates {
  return { publish: async (update) => void (await Promise.all(targets.map((target) => target.publish(update)))) };
}
