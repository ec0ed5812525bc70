/**
 * The read-model tables of a projection (libs/persistence/src/projections), behind one port with
 * a PostgreSQL and a SQLite adapter: the SQL differs (arrays and `unnest` there, prepared
 * statements in one synchronous transaction here), the guarantees do not.
 */

export type GenerationState = 'building' | 'active' | 'retired';

/** A generation of the read models and how far it has projected. */
export interface GenerationInfo {
  generation: number;
  definitionsVersion: number;
  state: GenerationState;
  /** Its checkpoint: the last global position projected. */
  position: number;
}

/** An event of an entity; `json` is the upcasted canonical event. */
export interface EntityEventRow {
  entityKey: string;
  eventId: string;
  globalPosition: number;
  occurredAt: string;
  json: string;
}

export interface DirectoryEventRow {
  eventId: string;
  globalPosition: number;
  json: string;
}

/** One entity's facts; `lastPosition` (the last of its events) is the row's revision. */
export interface FactsRow {
  entityKey: string;
  kind: string;
  facts: string;
  lastPosition: number;
}

/** What one batch writes, in one transaction with its checkpoint. */
export interface BatchWrite {
  generation: number;
  /** The checkpoint the batch was planned on; if another writer moved it, nothing is written (ProjectionConflictError). */
  expectedPosition: number;
  /** The checkpoint after the batch. */
  position: number;
  entityEvents: readonly EntityEventRow[];
  directoryEvents: readonly DirectoryEventRow[];
  /** Entities whose earlier events the projector does not hold in memory: read inside the transaction. */
  keysToLoad: readonly string[];
  /**
   * Pure and synchronous: the facts rows of the touched entities, given the earlier events (JSON,
   * by key) of `keysToLoad`. Called once every earlier batch has committed: inside the transaction
   * after the checkpoint check, or (a SQLite rebuild's writer thread) just before the transaction,
   * whose checkpoint check then refuses the whole batch if another writer moved the checkpoint.
   */
  refold(earlier: ReadonlyMap<string, readonly string[]>): readonly FactsRow[];
  /** Runs after every write, before COMMIT: a throw rolls everything back (tests simulate a crash with it). */
  beforeCommit?(): void;
}

export interface ProjectionStore {
  readonly dialect: 'postgres' | 'sqlite';
  /** Every generation of the projection, newest first, with its checkpoint. */
  generations(projection: string): Promise<GenerationInfo[]>;
  /** The active generation, created (generation 1, checkpoint 0) when the projection has none. */
  ensureActiveGeneration(projection: string, definitionsVersion: number): Promise<GenerationInfo>;
  /** A new `building` generation beside the active one, with checkpoint 0. */
  createGeneration(projection: string, definitionsVersion: number): Promise<GenerationInfo>;
  /** In one transaction: the active generation retires, `generation` (building) becomes active. Returns the retired ones. */
  activate(projection: string, generation: number): Promise<number[]>;
  /** Deletes a generation's rows and checkpoint (its `projection_generations` row stays, as history). */
  dropGeneration(projection: string, generation: number): Promise<void>;
  /**
   * Writes a batch and moves the checkpoint, all or nothing. It may be called again before the
   * call before it has settled (a rebuild's catch-up does): batches apply in call order, and a
   * batch after one that failed finds the checkpoint where that one left it (a conflict).
   */
  commitBatch(projection: string, batch: BatchWrite): Promise<void>;
  /**
   * Runs a rebuild's catch-up (large batches into a generation no one reads yet): the store may
   * trade memory and durability for write speed while `work` runs (a batch may become durable
   * only with later ones: a failed rebuild is dropped whole), and puts its settings back afterwards.
   */
  rebuilding<T>(work: () => Promise<T>): Promise<T>;
  /** The generation's facts rows written after `after` (`last_position > after`); 0: all. */
  factsSince(generation: number, after: number): Promise<FactsRow[]>;
  /** The generation's directory events after `after`, in global order. */
  directoryEventsSince(generation: number, after: number): Promise<DirectoryEventRow[]>;
}

export type ProjectionErrorCode = 'PROJECTION_CONFLICT' | 'PROJECTION_NO_GENERATION' | 'PROJECTION_UNKNOWN_DEFINITIONS' | 'PROJECTION_INVALID_AS_OF' | 'PROJECTION_INVALID_PAGE';

export class ProjectionError extends Error {
  constructor(
    readonly code: ProjectionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProjectionError';
  }
}

/**
 * The checkpoint moved under the batch (another projector instance wrote it) or the generation was
 * retired by a replay's swap: nothing was written; start again from the stored checkpoint.
 */
export function projectionConflict(message: string): ProjectionError {
  return new ProjectionError('PROJECTION_CONFLICT', message);
}

export function isProjectionConflict(error: unknown): boolean {
  return error instanceof ProjectionError && error.code === 'PROJECTION_CONFLICT';
}
