// The KPI projection: the projector that keeps the read models (per-entity events and facts, the
// directory, the checkpoint) and the KpiReadModel that answers the KPI queries from them.

// Queries (the API builds its GraphQL fields on these).
export {
  KpiReadModel,
  type ExplainQuery,
  type IncidentsQuery,
  type KpiReadModelOptions,
  type KpiSeriesQuery,
  type KpisOfScopesQuery,
  type KpisQuery,
  type KpiWindowQuery,
  type ProjectionPosition,
  type ReviewMatrix,
} from './read-model/kpi-read-model';
export type { IncidentPage, IncidentSummary } from './read-model/incident-list';
export { ProjectionsModule, PROJECTION_STORE } from './projections.module';

// Live updates.
export { KPIS_UPDATED_TOPIC, MAX_LISTED_ENTITIES, InMemoryProjectionUpdates, fanOutUpdates, pubSubUpdates, type KpisUpdated, type ProjectionUpdates, type TopicPublisher } from './updates/projection-updates';

// The projector.
export { KPI_PROJECTION } from './projection-name';
export { BatchProjector, type BatchOutcome, type BatchProjectorOptions, type PreparedBatch } from './projector/batch-projector';
export { catchUp, DEFAULT_PAGE_SIZE, type BatchTarget, type CatchUpOptions } from './projector/catch-up';
export { LiveBatches, type LiveBatchOptions } from './projector/live-batches';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projector/projection-runner';
export { StoreFollower, type FollowRound, type StoreFollowerHooks, type StoreFollowerSettings } from './projector/store-follower';
export { replayGeneration, type ReplayOptions, type ReplayResult } from './replay/replay-generation';
export { LATEST_DEFINITIONS_VERSION, definitionVersions, parseDefinitionsVersion } from './generations/definitions-version';

// Storage.
export { projectionStoreOf } from './store/open-projection-store';
export { ProjectionError, isProjectionConflict, type BatchWrite, type GenerationInfo, type ProjectionErrorCode, type ProjectionStore } from './store/projection-store';

// Observability.
export { KpiGauges, type KpiGaugeOptions } from './observability/kpi-gauges';
export { ProjectionMetrics } from './observability/projection-metrics';
