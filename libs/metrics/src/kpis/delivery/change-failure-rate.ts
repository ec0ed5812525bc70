import { Attribution } from '../attribution';
import { defineKpi } from '../define-kpi';
import { deploymentSample, isFailedDeployment, productionDeploymentsIn } from './delivery-samples';

/**
 * The unit is the deployment, so several incidents linked to one deployment count it once: the
 * rate is a share of deployments and can never exceed 1.
 */
export const changeFailureRateV1 = defineKpi({
  id: 'change_failure_rate',
  version: 1,
  unit: 'ratio',
  aggregation: 'rate',
  definition:
    'Production deployments finished in the window that are linked to ≥ 1 change-caused incident or followed by a rollback/revert deployment ÷ production deployments finished in the window.',
  collect: ({ model, directory, window }) => {
    const attribution = new Attribution(directory);
    return productionDeploymentsIn(model, window).map((deployment) =>
      deploymentSample(deployment, attribution, {
        value: null,
        counted: isFailedDeployment(deployment),
        contributors: [deployment.key, ...deployment.incidents.map((link) => link.incident), ...deployment.undoneBy],
      }),
    );
  },
});
