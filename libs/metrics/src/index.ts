// The metrics functional core (metrics.md, version 1): per-entity facts folded from canonical
// events, the model joining them through the directory (incident timelines, incident-to-deployment
// links, PRs to the deployments that shipped them), and the versioned KPI definitions computed
// over it. No framework, no I/O, no clock: the same events give the same facts and numbers.

// Facts: one pure fold per entity. A projector stores them by key and refolds an entity when one
// of its events arrives.
export { ENTITY_KINDS, entityKey, entityKeyOf, entityKeysOf, keyParts, kindOfKey, type EntityKey, type EntityKind } from './facts/entity-key';
export { factsOf, foldEvents, type EntityFacts } from './facts/entity-facts';
export { inFoldOrder } from './facts/fold-order';
export { foldIncident, type IncidentFacts, type ExclusionStatus, type NamedCause, type RoleAssignment, type TimedActor, type ToolRef } from './facts/incident-facts';
export { foldPage, type PageFacts, type ResponderRequest } from './facts/page-facts';
export { foldPullRequest, type ChangedPaths, type PullRequestFacts, type SubmittedReview } from './facts/pull-request-facts';
export { foldDeployment, type DeploymentFacts, type DeploymentStatus } from './facts/deployment-facts';
export { foldPush, type PushFacts, type PushedCommit } from './facts/push-facts';
export { foldPostmortem, type PostmortemFacts } from './facts/postmortem-facts';
export { foldActionItem, type ActionItemFacts, type ActionItemOutcome } from './facts/action-item-facts';
export { foldThread, type PostedMessage, type ThreadFacts } from './facts/thread-facts';
export type { Actor } from './shared/actor';

// The model the KPIs read.
export { buildMetricModel, metricModelOf } from './model/build-metric-model';
export { linkIncidentsToDeployments, type LinkableIncident, type LinkingOptions } from './model/link-incidents';
export type * from './model/metric-model';

// KPIs: versioned definitions, values, explanations.
export { KPI_IDS, type KpiContext, type KpiExtras, type KpiId, type KpiScope, type KpiUnit, type KpiValue, type KpiWindow, type ReviewMatrixCell, type ServiceBudget } from './kpis/kpi-types';
export { KPI_DEFINITIONS, computeKpi, computeKpis, kpiDefinition, latestVersion, type KpiBatch, type KpiVersions } from './kpis/kpi-definitions';
export { defineKpi, type Aggregation, type CollectedSamples, type KpiDefinition, type KpiSpec } from './kpis/define-kpi';
export type { KpiSample, ServiceSubject } from './kpis/kpi-sample';
export { explainKpi, type ExplainedFact, type ExplainedLink, type KpiExplanation } from './kpis/explain-kpi';
export { impactEndOf } from './kpis/incident-response/incident-samples';

// Calendar buckets of the organisation's time zone and KPI series over them.
export { calendarBuckets, type CalendarBucket, type Granularity } from './calendar/calendar-buckets';
export { kpiSeries, seriesWindows, type KpiSeriesPoint, type SeriesWindow } from './calendar/kpi-series';

export { percentileCont, median, mean } from './shared/statistics';
export { MetricsError, type MetricsErrorCode } from './metrics-error';
