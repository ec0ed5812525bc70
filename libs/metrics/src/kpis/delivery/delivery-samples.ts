import { isProductionDeployment } from '../../model/commit-containment';
import type { Deployment, MetricModel } from '../../model/metric-model';
import type { MillisWindow } from '../../shared/millis';
import { memoizedPer } from '../../shared/memoized-per';
import { TimeIndex } from '../../shared/time-index';
import type { Attribution } from '../attribution';
import type { KpiSample } from '../kpi-sample';

export type FinishedDeployment = Deployment & { finishedAt: number };

/** The model's successful production deployments by finish, so each window's are a lookup, not a scan. */
const productionDeployments = memoizedPer(
  (model: MetricModel) => new TimeIndex(model.deployments.filter(isProductionDeployment), (deployment) => deployment.finishedAt),
);

/** The successful production deployments that finished in the window (metrics.md's unit), in the model's order. */
export function productionDeploymentsIn(model: MetricModel, window: MillisWindow): FinishedDeployment[] {
  return productionDeployments(model).within(window);
}

/** A deployment reaches the teams of its service as of its finish. */
export function deploymentSample(deployment: FinishedDeployment, attribution: Attribution, sample: Pick<KpiSample, 'value' | 'counted' | 'contributors'>): KpiSample {
  return {
    subject: deployment,
    teams: attribution.serviceTeams([deployment.service], deployment.finishedAt),
    services: deployment.service === null ? [] : [deployment.service],
    ...sample,
  };
}

/** Failed in change_failure_rate's sense: a change-caused incident links to it, or a later deployment undid it. */
export function isFailedDeployment(deployment: Deployment): boolean {
  return deployment.incidents.length > 0 || deployment.undoneBy.length > 0;
}
