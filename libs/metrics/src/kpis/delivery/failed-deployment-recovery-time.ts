import type { Deployment, MetricModel } from '../../model/metric-model';
import { elapsedSeconds, type Millis } from '../../shared/millis';
import { memoizedPer } from '../../shared/memoized-per';
import { TimeIndex } from '../../shared/time-index';
import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import { deploymentSample, isFailedDeployment, productionDeploymentsIn } from './delivery-samples';

/**
 * When a failed deployment recovered: when the last of its linked incidents was resolved (the
 * resolve event's own time); with no linked incident, when the first deployment undoing it
 * finished. Null while a linked incident is open.
 */
export function recoveryOf(deployment: Deployment, model: MetricModel): { at: Millis; by: string[] } | null {
  if (deployment.incidents.length > 0) {
    let last: Millis | null = null;
    for (const link of deployment.incidents) {
      const incident = model.byKey.get(link.incident);
      if (incident?.kind !== 'incident' || incident.resolved === null) return null;
      last = last === null ? incident.resolved : Math.max(last, incident.resolved);
    }
    return last === null ? null : { at: last, by: deployment.incidents.map((link) => link.incident) };
  }
  let first: { at: Millis; by: string[] } | null = null;
  for (const key of deployment.undoneBy) {
    const fix = model.byKey.get(key);
    if (fix?.kind === 'deployment' && fix.finishedAt !== null && (first === null || fix.finishedAt < first.at)) first = { at: fix.finishedAt, by: [key] };
  }
  return first;
}

/**
 * The model's recovered failed deployments by recovery time: a deployment of any earlier window
 * may recover in this one, so without the index every window would look at every deployment.
 */
const recoveredDeployments = memoizedPer((model: MetricModel) => {
  const everything = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  const recovered = productionDeploymentsIn(model, everything)
    .filter(isFailedDeployment)
    .flatMap((deployment) => {
      const recovery = recoveryOf(deployment, model);
      return recovery === null ? [] : [{ deployment, recovery }];
    });
  return new TimeIndex(recovered, ({ recovery }) => recovery.at);
});

export const failedDeploymentRecoveryTimeV1 = defineKpi({
  id: 'failed_deployment_recovery_time',
  version: 1,
  unit: 'seconds',
  aggregation: 'median',
  definition:
    'Per failed production deployment: its finish → its linked incidents resolved (the last of them), or, with no linked incident, the fixing (rollback/revert) deployment finished; recovery in the window.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    return recoveredDeployments(model)
      .within(window)
      .map(({ deployment, recovery }) =>
        deploymentSample(deployment, attribution, {
          value: elapsedSeconds(deployment.finishedAt, recovery.at),
          counted: true,
          contributors: [deployment.key, ...recovery.by],
        }),
      );
  },
});
