import type { Directory } from '@tandem/directory';
import type { MetricModel } from '@tandem/metrics';
import type { SnapshotCoverage } from '../snapshot/snapshot-types';

export interface MillisWindow {
  from: number;
  to: number;
}

const within = (window: MillisWindow, at: number | null): boolean => at !== null && window.from <= at && at < window.to;

/**
 * What the numbers of a window could not see (the data-quality section of reports, the coverage
 * block of snapshots): people the directory cannot place, incidents no service could be found for
 * (they count for no team), production deployments no commit is known for (no lead time).
 */
export function coverageOf(model: MetricModel, directory: Directory, window: MillisWindow): SnapshotCoverage {
  const incidents = model.incidents.filter((incident) => incident.excluded === null && within(window, incident.triggered ?? incident.impactStart ?? incident.resolved));
  const deployments = model.deployments.filter((deployment) => deployment.production && deployment.successful && within(window, deployment.finishedAt));
  const shipped = new Set(model.pullRequests.flatMap((pr) => (pr.deployedBy === null ? [] : [pr.deployedBy])));
  return {
    unresolvedIdentities: directory.unresolvedPeople().length,
    incidents: incidents.length,
    incidentsWithoutService: incidents.filter((incident) => incident.services.length === 0).length,
    productionDeployments: deployments.length,
    deploymentsWithoutCommits: deployments.filter((deployment) => (deployment.includedCommits?.length ?? 0) === 0 && !shipped.has(deployment.key)).length,
  };
}
