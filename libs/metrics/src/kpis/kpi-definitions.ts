import type { MetricModel } from '../model/metric-model';
import { MetricsError } from '../metrics-error';
import { actionItemClosureRateV1 } from './collaboration/action-item-closure-rate';
import { crossTeamResponseTimeV1 } from './collaboration/cross-team-response-time';
import { crossTeamReviewRateV1 } from './collaboration/cross-team-review-rate';
import { devIncidentParticipationV1 } from './collaboration/dev-incident-participation';
import { devOncallShareV1 } from './collaboration/dev-oncall-share';
import { iacDevAuthorshipV1 } from './collaboration/iac-dev-authorship';
import { outOfHoursPagesV1 } from './collaboration/out-of-hours-pages';
import { postmortemCompletionRateV1 } from './collaboration/postmortem-completion-rate';
import { postmortemCrossTeamParticipationV1 } from './collaboration/postmortem-cross-team-participation';
import { reviewMatrixV1 } from './collaboration/review-matrix';
import { timeToEngageDevV1 } from './collaboration/time-to-engage-dev';
import type { KpiDefinition } from './define-kpi';
import { changeFailureRateV1 } from './delivery/change-failure-rate';
import { deploymentFrequencyV1 } from './delivery/deployment-frequency';
import { failedDeploymentRecoveryTimeV1 } from './delivery/failed-deployment-recovery-time';
import { leadTimeForChangesV1 } from './delivery/lead-time-for-changes';
import { errorBudgetBurnV1 } from './incident-response/error-budget-burn';
import { timeToAcknowledgeV1 } from './incident-response/time-to-acknowledge';
import { timeToRestoreV1 } from './incident-response/time-to-restore';
import { KPI_IDS, type KpiContext, type KpiId, type KpiValue } from './kpi-types';

/** Every version of one KPI; version 1 must exist. A new definition is a new version beside the old. */
export type KpiVersions<Id extends KpiId> = { readonly 1: KpiDefinition<Id> } & { readonly [version: number]: KpiDefinition<Id> };

/**
 * The registry of definitions: asking for version N recomputes under version N, and every value
 * names its version. A KPI id without a version 1, or a definition filed under another id or
 * version, does not compile (or fails the registry test).
 */
export const KPI_DEFINITIONS: { readonly [Id in KpiId]: KpiVersions<Id> } = {
  deployment_frequency: { 1: deploymentFrequencyV1 },
  lead_time_for_changes: { 1: leadTimeForChangesV1 },
  change_failure_rate: { 1: changeFailureRateV1 },
  failed_deployment_recovery_time: { 1: failedDeploymentRecoveryTimeV1 },
  time_to_acknowledge: { 1: timeToAcknowledgeV1 },
  time_to_restore: { 1: timeToRestoreV1 },
  error_budget_burn: { 1: errorBudgetBurnV1 },
  dev_incident_participation: { 1: devIncidentParticipationV1 },
  time_to_engage_dev: { 1: timeToEngageDevV1 },
  dev_oncall_share: { 1: devOncallShareV1 },
  out_of_hours_pages: { 1: outOfHoursPagesV1 },
  cross_team_review_rate: { 1: crossTeamReviewRateV1 },
  review_matrix: { 1: reviewMatrixV1 },
  iac_dev_authorship: { 1: iacDevAuthorshipV1 },
  cross_team_response_time: { 1: crossTeamResponseTimeV1 },
  postmortem_completion_rate: { 1: postmortemCompletionRateV1 },
  postmortem_cross_team_participation: { 1: postmortemCrossTeamParticipationV1 },
  action_item_closure_rate: { 1: actionItemClosureRateV1 },
};

/** The latest version of each KPI. */
export function latestVersion(id: KpiId): number {
  return Math.max(...Object.keys(KPI_DEFINITIONS[id]).map(Number));
}

export function kpiDefinition<Id extends KpiId>(id: Id, version: number = latestVersion(id)): KpiDefinition<Id> {
  const definition = (KPI_DEFINITIONS[id] as KpiVersions<Id>)[version] as KpiDefinition<Id> | undefined;
  if (!definition) throw new MetricsError('METRICS_UNKNOWN_KPI_VERSION', `${id} has no version ${version}; it has ${Object.keys(KPI_DEFINITIONS[id]).join(', ')}`);
  return definition;
}

/** One KPI's value in a scope and window, under a definition version (the latest by default). */
export function computeKpi(id: KpiId, model: MetricModel, context: KpiContext, version?: number): KpiValue {
  return kpiDefinition(id, version).compute(model, context);
}

export interface KpiBatch {
  directory: KpiContext['directory'];
  window: KpiContext['window'];
  scopes: readonly KpiContext['scope'][];
  /** Default: every KPI. */
  kpis?: readonly KpiId[];
  /** Definition version per KPI; default: the latest. */
  versions?: Partial<Record<KpiId, number>>;
}

/** Many KPIs for many scopes in one window (a report, a snapshot): each KPI's samples are collected once. */
export function computeKpis(model: MetricModel, batch: KpiBatch): KpiValue[] {
  return (batch.kpis ?? KPI_IDS).flatMap((id) =>
    kpiDefinition(id, batch.versions?.[id]).computeScopes(model, { directory: batch.directory, window: batch.window }, batch.scopes),
  );
}
