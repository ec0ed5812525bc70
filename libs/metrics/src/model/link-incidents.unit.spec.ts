import { MetricEvents } from '../testing/metric-events';
import { expectOrderIndependent } from '../testing/order-independence';
import { directoryOf, TEST_ORGANIZATION_YAML, testDirectory } from '../testing/test-organization';
import type { IncidentLinking, MetricModel } from './metric-model';

function linkingOf(model: MetricModel, incidentId: string): IncidentLinking {
  const incident = model.incidents.find((candidate) => candidate.ref.id === incidentId);
  if (!incident) throw new Error(`no incident ${incidentId}`);
  return incident.linking;
}

/** checkout deployed at 08:00 (D1) and 09:00 (D2) on 2 February; search at 09:30 (S1). */
function deployments(t: MetricEvents): void {
  t.deploymentFinished('D1', '2026-02-02T08:00:00Z', { sha: 'aaaaaaa1111', includedCommits: { shas: ['aaaaaaa1111', 'squash42abcdef'] } });
  t.deploymentFinished('D2', '2026-02-02T09:00:00Z', { sha: 'bbbbbbb2222' });
  t.deploymentFinished('S1', '2026-02-02T09:30:00Z', { repository: { tool: 'github', id: 'acme/search' }, sha: 'ccccccc3333' });
}

describe('linking incidents to deployments (metrics.md, in priority order)', () => {
  it('links to the latest same-service production deployment within 24 h before impactStart', () => {
    const t = new MetricEvents();
    deployments(t);
    // Staging and failed deployments of checkout after D2 are no candidates; search's is another service.
    t.deploymentFinished('STAGING', '2026-02-02T09:40:00Z', { environment: 'staging', production: false });
    t.deploymentFinished('FAILED', '2026-02-02T09:45:00Z', { status: 'DEPLOYMENT_STATUS_FAILURE' });
    t.incidentDeclared('INC', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });

    const linking = expectOrderIndependent(t.events, testDirectory, (model) => linkingOf(model, 'INC'));

    expect(linking).toEqual({ rule: 'same_service_window', links: [{ deployment: 'deployment:github:D2', rule: 'same_service_window', evidence: 'same_service_window' }] });
  });

  it('links to a deployment finished at impactStart itself, never to one finished after it', () => {
    const t = new MetricEvents();
    deployments(t);
    t.deploymentFinished('AT', '2026-02-02T10:00:00Z', { sha: 'ddddddd4444' });
    t.deploymentFinished('AFTER', '2026-02-02T10:00:01Z', { sha: 'eeeeeee5555' });
    t.incidentDeclared('INC', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.incidentDeclared('BEFORE', '2026-02-02T09:59:59Z', { serviceIds: ['checkout-io'] });

    const model = expectOrderIndependent(t.events, testDirectory, (built) => built);

    expect(linkingOf(model, 'INC').links.map((link) => link.deployment)).toEqual(['deployment:github:AT']);
    expect(linkingOf(model, 'BEFORE').links.map((link) => link.deployment)).toEqual(['deployment:github:D2']);
  });

  it('links nothing when the last deployment finished more than the link window before impactStart', () => {
    const t = new MetricEvents();
    deployments(t);
    // 2 February 09:00 + 24 h = 3 February 09:00; impact starts one second later.
    t.incidentDeclared('LATE', '2026-02-03T09:00:01Z', { serviceIds: ['checkout-io'] });
    t.incidentDeclared('EDGE', '2026-02-03T09:00:00Z', { serviceIds: ['checkout-io'] });

    const model = expectOrderIndependent(t.events, testDirectory, (built) => built);

    expect(linkingOf(model, 'LATE')).toEqual({ rule: 'none', links: [], reason: 'no_candidate' });
    expect(linkingOf(model, 'EDGE').links.map((link) => link.deployment)).toEqual(['deployment:github:D2']);
  });

  it('uses the configured link window', () => {
    const t = new MetricEvents();
    deployments(t);
    t.incidentDeclared('INC', '2026-02-02T12:00:00Z', { serviceIds: ['checkout-io'] });
    const twoHours = directoryOf(TEST_ORGANIZATION_YAML.replace('services:', 'kpis: { linkWindow: 2h }\nservices:'));

    expect(expectOrderIndependent(t.events, twoHours, (model) => linkingOf(model, 'INC')).rule).toBe('none');
    expect(expectOrderIndependent(t.events, testDirectory, (model) => linkingOf(model, 'INC')).rule).toBe('same_service_window');
  });

  it('prefers the deployment, commit or PR a human named over the latest deployment', () => {
    const t = new MetricEvents();
    deployments(t);
    t.prMerged(42, '2026-02-01T12:00:00Z', { mergeCommitSha: 'squash42abcdef0123', openedAt: '2026-02-01T09:00:00Z' });
    t.incidentDeclared('BY-DEPLOYMENT', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.linkedToDeployment('BY-DEPLOYMENT', '2026-02-02T11:00:00Z', { deployment: { tool: 'github', id: 'D1' } });
    t.incidentDeclared('BY-PR', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.linkedToDeployment('BY-PR', '2026-02-02T11:00:00Z', { pullRequest: { tool: 'github', repo: 'acme/checkout', number: 42 } });
    t.incidentDeclared('BY-COMMIT', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.linkedToDeployment('BY-COMMIT', '2026-02-02T11:00:00Z', { commit: { tool: 'github', repo: 'acme/checkout', sha: 'bbbbbbb2222' } });
    t.incidentDeclared('NOT-DEPLOYED', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.linkedToDeployment('NOT-DEPLOYED', '2026-02-02T11:00:00Z', { commit: { tool: 'github', repo: 'acme/checkout', sha: 'fffffff9999' } });

    const model = expectOrderIndependent(t.events, testDirectory, (built) => built);

    expect(linkingOf(model, 'BY-DEPLOYMENT').links).toEqual([{ deployment: 'deployment:github:D1', rule: 'explicit', evidence: 'named_deployment' }]);
    // The PR's squash commit is in D1's included commits (the merge commit sha, prefix-matched).
    expect(linkingOf(model, 'BY-PR').links).toEqual([{ deployment: 'deployment:github:D1', rule: 'explicit', evidence: 'named_pull_request' }]);
    expect(linkingOf(model, 'BY-COMMIT').links).toEqual([{ deployment: 'deployment:github:D2', rule: 'explicit', evidence: 'named_commit' }]);
    // A named cause that never reached production blames no other deployment.
    expect(linkingOf(model, 'NOT-DEPLOYED')).toEqual({ rule: 'none', links: [], reason: 'named_cause_not_deployed' });
  });

  it('links explicitly to the deployment a rollback undid during the incident', () => {
    const t = new MetricEvents();
    deployments(t);
    t.incidentDeclared('INC', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.deploymentFinished('ROLLBACK', '2026-02-02T10:20:00Z', { rollback: true, revertsDeploymentId: 'D1', sha: 'aaaaaaa1111' });
    t.incidentResolved('INC', '2026-02-02T10:30:00Z');

    const linking = expectOrderIndependent(t.events, testDirectory, (model) => linkingOf(model, 'INC'));

    expect(linking).toEqual({ rule: 'explicit', links: [{ deployment: 'deployment:github:D1', rule: 'explicit', evidence: 'rollback' }] });
  });

  it('never links an incident marked not change-caused, even one a human linked before', () => {
    const t = new MetricEvents();
    deployments(t);
    t.incidentDeclared('INC', '2026-02-02T10:00:00Z', { serviceIds: ['checkout-io'] });
    t.linkedToDeployment('INC', '2026-02-02T11:00:00Z', { deployment: { tool: 'github', id: 'D1' } });
    t.markedNotChangeCaused('INC', '2026-02-02T12:00:00Z');

    const model = expectOrderIndependent(t.events, testDirectory, (built) => built);

    expect(linkingOf(model, 'INC')).toEqual({ rule: 'none', links: [], reason: 'not_change_caused' });
    expect(model.deployments.flatMap((deployment) => deployment.incidents)).toEqual([]);
  });
});
