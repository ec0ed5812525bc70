import { byFinish, RefDeployments } from './commit-containment';
import type { Deployment } from './metric-model';

function deployment(name: string, finishedAt: number): Deployment {
  return {
    kind: 'deployment',
    key: `deployment:test:${name}`,
    tool: 'test',
    deploymentId: name,
    service: null,
    repo: 'org/app',
    environment: 'production',
    production: true,
    successful: true,
    finishedAt,
    sha: null,
    includedCommits: null,
    rollback: false,
    reverts: { deploymentId: null, sha: null },
    undoes: null,
    undoneBy: [],
    incidents: [],
    eventIds: [],
  };
}

/** What the index replaces: every deployment at or after the position, the first by finish. */
function scanFirstFrom(entries: readonly { deployment: Deployment; position: number }[], position: number): Deployment | null {
  let first: Deployment | null = null;
  for (const entry of entries) {
    if (entry.position >= position && (first === null || byFinish(entry.deployment, first) < 0)) first = entry.deployment;
  }
  return first;
}

describe('RefDeployments', () => {
  it('finds the first-finishing deployment at or after a position, with ties on position and finish', () => {
    // c finishes first but sits early; a and b share a position; d and e share a finish (key decides).
    const entries = [
      { deployment: deployment('a', 50), position: 4 },
      { deployment: deployment('b', 40), position: 4 },
      { deployment: deployment('c', 10), position: 1 },
      { deployment: deployment('e', 30), position: 7 },
      { deployment: deployment('d', 30), position: 9 },
    ];
    const index = new RefDeployments(entries);
    expect([0, 1, 2, 4, 5, 7, 8, 9, 10].map((position) => index.firstFrom(position)?.deploymentId ?? null)).toEqual(['c', 'c', 'd', 'd', 'd', 'd', 'd', 'd', null]);
  });

  it('answers what a plain scan answers, on random deployments', () => {
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    for (let round = 0; round < 50; round++) {
      const entries = Array.from({ length: random(30) }, (_, i) => ({ deployment: deployment(`d${random(1000)}-${i}`, random(20)), position: random(15) }));
      const index = new RefDeployments(entries);
      for (let position = -1; position <= 16; position++) expect(index.firstFrom(position)).toBe(scanFirstFrom(entries, position));
    }
  });
});
