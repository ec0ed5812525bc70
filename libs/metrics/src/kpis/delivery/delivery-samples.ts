import { isProductionDeployment } from '../../model/commit-containment';
import type { Deployment } from '../../model/metric-model';
import { isWithin, type MillisWindow } from '../../shared/millis';
import type { Attribution } from '../attribution';
import type { KpiSample } from '../kpi-sample';

/** The successful production deployments that finished in the window (metrics.md's unit). */
export function productionDeploymentsIn(deployments: readonly Deployment[], window: MillisWindow): (Deployment & { finishedAt: number })[] {
  return deployments.filter((deployment): deployment is Deployment & { finishedAt: number } => isProductionDeployment(deployment) && isWithin(window, deployment.finishedAt));
}

/** A deployment reaches the teams of its service as of its finish. */
export function deploymentSample(deployment: Deployment & { finishedAt: number }, attribution: Attribution, sample: Pick<KpiSample, 'value' | 'counted' | 'contributors'>): KpiSample {
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
