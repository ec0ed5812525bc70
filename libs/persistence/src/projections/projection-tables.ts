import { EntitySchema } from 'typeorm';

/**
 * The KPI projection's read models (libs/projections writes and reads them with SQL of its own:
 * a rebuild writes millions of rows in multi-row statements, which a repository cannot).
 * Every row carries its generation: a replay builds generation N + 1 beside the live N, and
 * swaps `projection_generations.state` when it has caught up.
 */

/** A generation of a projection's read models: `building` (a replay), `active` (queried), `retired`. */
export interface ProjectionGenerationRow {
  generation: number;
  projection: string;
  /** The KPI definitions version the generation computes by default (`tandem replay --definitions vN`). */
  definitionsVersion: number;
  state: 'building' | 'active' | 'retired';
  createdAt: Date;
  activatedAt: Date | null;
}

/** The last global position a generation has projected, written in the transaction of its rows. */
export interface ProjectionCheckpointRow {
  projection: string;
  generation: number;
  position: string;
}

/** An event of an entity, as the entity is refolded from (its JSON is the upcasted canonical event). */
export interface ProjectionEntityEventRow {
  generation: number;
  entityKey: string;
  eventId: string;
  globalPosition: string;
  occurredAt: Date;
  event: string;
}

/** One entity's facts (`factsOf` of its events); `lastPosition` is the row's revision. */
export interface ProjectionEntityFactsRow {
  generation: number;
  entityKey: string;
  kind: string;
  facts: string;
  lastPosition: string;
}

/** The directory's events (teams, people, memberships …), folded in global order by readers. */
export interface ProjectionDirectoryEventRow {
  generation: number;
  eventId: string;
  globalPosition: string;
  event: string;
}

export const ProjectionGenerationTable = new EntitySchema<ProjectionGenerationRow>({
  name: 'ProjectionGeneration',
  tableName: 'projection_generations',
  columns: {
    generation: { type: 'integer', primary: true },
    projection: { type: 'varchar', length: 64 },
    definitionsVersion: { name: 'definitions_version', type: 'integer' },
    state: { type: 'varchar', length: 16 },
    createdAt: { name: 'created_at', type: Date },
    activatedAt: { name: 'activated_at', type: Date, nullable: true },
  },
});

export const ProjectionCheckpointTable = new EntitySchema<ProjectionCheckpointRow>({
  name: 'ProjectionCheckpoint',
  tableName: 'projection_checkpoints',
  columns: {
    projection: { type: 'varchar', length: 64, primary: true },
    generation: { type: 'integer', primary: true },
    position: { type: 'bigint' },
  },
});

export const ProjectionEntityEventTable = new EntitySchema<ProjectionEntityEventRow>({
  name: 'ProjectionEntityEvent',
  tableName: 'projection_entity_events',
  columns: {
    generation: { type: 'integer', primary: true },
    entityKey: { name: 'entity_key', type: 'text', primary: true },
    eventId: { name: 'event_id', type: 'varchar', length: 36, primary: true },
    globalPosition: { name: 'global_position', type: 'bigint' },
    occurredAt: { name: 'occurred_at', type: Date },
    event: { type: 'text' },
  },
});

export const ProjectionEntityFactsTable = new EntitySchema<ProjectionEntityFactsRow>({
  name: 'ProjectionEntityFacts',
  tableName: 'projection_entity_facts',
  columns: {
    generation: { type: 'integer', primary: true },
    entityKey: { name: 'entity_key', type: 'text', primary: true },
    kind: { type: 'varchar', length: 32 },
    facts: { type: 'text' },
    lastPosition: { name: 'last_position', type: 'bigint' },
  },
});

export const ProjectionDirectoryEventTable = new EntitySchema<ProjectionDirectoryEventRow>({
  name: 'ProjectionDirectoryEvent',
  tableName: 'projection_directory_events',
  columns: {
    generation: { type: 'integer', primary: true },
    eventId: { name: 'event_id', type: 'varchar', length: 36, primary: true },
    globalPosition: { name: 'global_position', type: 'bigint' },
    event: { type: 'text' },
  },
});

/** The projection area's tables. */
export const PROJECTION_ENTITIES = [
  ProjectionGenerationTable,
  ProjectionCheckpointTable,
  ProjectionEntityEventTable,
  ProjectionEntityFactsTable,
  ProjectionDirectoryEventTable,
];
