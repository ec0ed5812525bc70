/**
 * Test-only (not a test file: jest runs `*.(unit|int|e2e).spec.ts`): a hand-built history of a
 * small organisation, and the two backends the projection runs on (SQLite files for the embedded
 * mode, a PostgreSQL database for the distributed one), each with its event store and read-model
 * database.
 */
import type { DataSource } from 'typeorm';
import { CURRENT_SCHEMA_VERSION, derivedEventId, newEvent, type EventDataMap, type EventType, type NewCanonicalEvent } from '@tandem/contracts';
import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import { projectionStoreOf, type ProjectionStore } from '../index';
import { storeBackends, type Planned, type StoreBackend } from './store-backends';

export { appendAll, readEverything, type Planned } from './store-backends';

/** Three teams of three (the minimum group size), one service. UTC. */
export const ORGANIZATION_YAML = `organization: { name: Projection Test, timezone: UTC }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
  - { slug: web, name: Web, kind: dev }
people:
  - { id: dave, name: Dave, identities: { github: dave-gh, slack: UDAVE, pagerduty: PDAVE }, memberships: [ { team: payments, from: 2025-01-01 } ] }
  - { id: erin, name: Erin, identities: { github: erin-gh, pagerduty: PERIN }, memberships: [ { team: payments, from: 2025-01-01 } ] }
  - { id: ivy, name: Ivy, identities: { github: ivy-gh }, memberships: [ { team: payments, from: 2025-01-01 } ] }
  - { id: carol, name: Carol, identities: { github: carol-gh, slack: UCAROL, pagerduty: PCAROL }, memberships: [ { team: sre, from: 2025-01-01 } ] }
  - { id: frank, name: Frank, identities: { github: frank-gh, pagerduty: PFRANK }, memberships: [ { team: sre, from: 2025-01-01 } ] }
  - { id: gina, name: Gina, identities: { github: gina-gh, pagerduty: PGINA }, memberships: [ { team: sre, from: 2025-01-01 } ] }
  - { id: bob, name: Bob, identities: { github: bob-gh }, memberships: [ { team: web, from: 2025-01-01 } ] }
  - { id: hank, name: Hank, identities: { github: hank-gh }, memberships: [ { team: web, from: 2025-01-01 } ] }
  - { id: ian, name: Ian, identities: { github: ian-gh }, memberships: [ { team: web, from: 2025-01-01 } ] }
services:
  - slug: checkout
    ownedBy: payments
    operatedBy: sre
    repos: [acme/checkout]
    paging: { pagerduty: [PCHECKOUT] }
`;

export const FEBRUARY = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' } as const;

/** The organisation's directory events, as `tandem org apply` would append them. */
export function organizationEvents(): Planned[] {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(ORGANIZATION_YAML), { at: '2025-01-01T00:00:00Z', by: 'test' });
  return planned.map(({ streamId, event }) => ({ streamId, event: event as NewCanonicalEvent }));
}

/** Canonical events built and validated by the contracts' `newEvent`, with deterministic ids. */
export class History {
  readonly planned: Planned[] = [];

  constructor(private readonly seed = 'projection-test') {}

  add<T extends EventType>(streamId: string, type: T, data: EventDataMap[T], occurredAt: string): this {
    const eventId = derivedEventId(this.seed, this.planned.length + 1);
    this.planned.push({ streamId, event: newEvent(type, data, { occurredAt, source: 'test', schemaVersion: CURRENT_SCHEMA_VERSION }, eventId) as NewCanonicalEvent });
    return this;
  }

  /** A PagerDuty incident of checkout: triggered, acknowledged by `acknowledger`, resolved. */
  pagerdutyIncident(id: string, triggeredAt: string, acknowledgedAt: string, acknowledger: string, resolvedAt: string): this {
    const stream = `incident-pagerduty-${id}`;
    const incident = { tool: 'pagerduty', incidentId: id };
    return this.add(stream, 'PageTriggered', { tool: 'pagerduty', pageId: id, pagingServiceId: 'PCHECKOUT', triggeredAt, incident: { tool: 'pagerduty', id } }, triggeredAt)
      .add(stream, 'IncidentDeclared', { ...incident, serviceIds: ['PCHECKOUT'], declaredAt: triggeredAt, status: 'INCIDENT_STATUS_LIVE' }, triggeredAt)
      .add(stream, 'PageAcknowledged', { tool: 'pagerduty', pageId: id, acknowledgedAt, by: { tool: 'pagerduty', id: acknowledger } }, acknowledgedAt)
      .add(stream, 'IncidentResolved', { ...incident, resolvedAt }, resolvedAt);
  }

  deployment(id: string, finishedAt: string): this {
    return this.add(
      `deployment-github-${id}`,
      'DeploymentFinished',
      {
        tool: 'github',
        deploymentId: id,
        repository: { tool: 'github', id: 'acme/checkout' },
        environment: 'production',
        production: true,
        status: 'DEPLOYMENT_STATUS_SUCCESS',
        sha: `sha-${id}`.padEnd(40, '0'),
        finishedAt,
      },
      finishedAt,
    );
  }

  /** A PR of acme/checkout opened by `author`, reviewed by `reviewer`, merged. */
  reviewedPullRequest(number: number, openedAt: string, author: string, reviewedAt: string, reviewer: string, mergedAt: string): this {
    const stream = `pr-github-acme/checkout-${number}`;
    const pr = { tool: 'github', repo: 'acme/checkout', number };
    return this.add(stream, 'PullRequestOpened', { ...pr, author: { tool: 'github', id: author }, openedAt, headSha: `head${number}`, headRef: `f-${number}`, baseRef: 'main' }, openedAt)
      .add(stream, 'PullRequestReviewed', { ...pr, reviewId: `r-${number}`, reviewer: { tool: 'github', id: reviewer }, state: 'REVIEW_STATE_APPROVED', submittedAt: reviewedAt }, reviewedAt)
      .add(stream, 'PullRequestMerged', { ...pr, mergedAt, mergeCommitSha: `merge${number}`.padEnd(40, '0'), openedAt, headRef: `f-${number}`, baseRef: 'main' }, mergedAt);
  }
}

/**
 * February 2026 at checkout. Incidents (triggered → acknowledged → resolved):
 * P1 10:00 → 10:04 carol (240 s) → 10:40 (2 400 s); P2 09:00 → 09:12 frank (720 s) → 10:00 (3 600 s);
 * P3 12:00 → 12:30 dave, Dev side (1 800 s) → 14:00 (7 200 s). Two production deployments.
 * PR 7 by dave (payments), reviewed by carol (sre), merged.
 */
export function februaryHistory(): History {
  return new History()
    .pagerdutyIncident('P1', '2026-02-02T10:00:00Z', '2026-02-02T10:04:00Z', 'PCAROL', '2026-02-02T10:40:00Z')
    .pagerdutyIncident('P2', '2026-02-03T09:00:00Z', '2026-02-03T09:12:00Z', 'PFRANK', '2026-02-03T10:00:00Z')
    .pagerdutyIncident('P3', '2026-02-04T12:00:00Z', '2026-02-04T12:30:00Z', 'PDAVE', '2026-02-04T14:00:00Z')
    .deployment('D1', '2026-02-02T09:00:00Z')
    .deployment('D2', '2026-02-05T09:00:00Z')
    .reviewedPullRequest(7, '2026-02-02T08:00:00Z', 'dave-gh', '2026-02-02T08:30:00Z', 'carol-gh', '2026-02-02T08:45:00Z');
}

/** An event store and a migrated read-model database, on one backend, with the projections' store. */
export type Backend = StoreBackend & { store: ProjectionStore };

export const BACKENDS = storeBackends('tandem_projections', (database) => ({ store: projectionStoreOf(database) }));

/** A generation's read-model rows, without the generation column, in a stable order. */
export interface Tables {
  entityEvents: { entity_key: string; event_id: string; global_position: number; event: string }[];
  facts: { entity_key: string; kind: string; facts: string; last_position: number }[];
  directoryEvents: { event_id: string; global_position: number; event: string }[];
}

export async function tablesOf(database: DataSource, generation: number): Promise<Tables> {
  const p = database.options.type === 'postgres' ? '$1' : '?';
  const rows = async <Row extends object>(sql: string): Promise<Row[]> => {
    const result = (await database.query(sql, [generation])) as Record<string, unknown>[];
    // bigint columns come back as strings from PostgreSQL, numbers from SQLite.
    return result.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, key.endsWith('position') ? Number(value) : value])) as Row);
  };
  return {
    entityEvents: await rows(`SELECT entity_key, event_id, global_position, event FROM projection_entity_events WHERE generation = ${p} ORDER BY entity_key, event_id`),
    facts: await rows(`SELECT entity_key, kind, facts, last_position FROM projection_entity_facts WHERE generation = ${p} ORDER BY entity_key`),
    directoryEvents: await rows(`SELECT event_id, global_position, event FROM projection_directory_events WHERE generation = ${p} ORDER BY event_id`),
  };
}

/** A seeded shuffle (mulberry32), so a failing order can be replayed. */
export function shuffled<Item>(items: readonly Item[], seed: number): Item[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other], result[index]];
  }
  return result;
}
