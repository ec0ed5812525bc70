import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOrganization } from '@tandem/directory';
import { migratePostgresEventStore, PostgresEventStore, SqliteEventStore, type EventStore } from '@tandem/eventstore';
import { createTestSchema } from '@tandem/testing';
import { applyOrganization, describeApplySummary } from './apply-organization';
import { readDirectory } from './read-directory';

const ORGANIZATION = `organization: { name: Acme, timezone: Europe/Berlin }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: Site Reliability, kind: sre }
people:
  - id: alice
    name: Alice Liddell
    email: alice@example.com
    identities: { github: alice-gh, slack: U012AB3CD }
    memberships: [ { team: payments, from: 2026-01-01 } ]
  - id: bob
    name: Bob Marley
    identities: { github: bobm }
    memberships: [ { team: sre, from: 2026-01-01 } ]
services:
  - { slug: checkout, ownedBy: payments, operatedBy: sre, repos: [acme/checkout] }
`;

/** Alice moves from payments to sre on 1 March; nothing else changes. */
const ALICE_MOVED = ORGANIZATION.replace(
  'memberships: [ { team: payments, from: 2026-01-01 } ]',
  'memberships: [ { team: payments, from: 2026-01-01, to: 2026-03-01 }, { team: sre, from: 2026-03-01 } ]',
);

const FIRST_APPLY = { by: 'tandem.yaml', at: '2026-01-10T08:00:00.000Z' };
const SECOND_APPLY = { by: 'tandem.yaml', at: '2026-02-20T08:00:00.000Z' };

/** The store as seen by a process that read it before anything was appended. */
function readingNothing(store: EventStore): EventStore {
  return {
    append: (streamId, events, options) => store.append(streamId, events, options),
    appendMany: (appends) => store.appendMany(appends),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: async () => [],
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}

interface StoreUnderTest {
  store: EventStore;
  dispose(): Promise<void>;
}

function applyOrganizationSuite(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`applyOrganization on ${name}`, () => {
    let subject: StoreUnderTest;

    beforeEach(async () => {
      subject = await open();
    });

    afterEach(async () => {
      await subject.dispose();
    });

    it('appends the whole organisation once, and nothing when the same file is applied again', async () => {
      const first = await applyOrganization(subject.store, parseOrganization(ORGANIZATION), FIRST_APPLY);
      expect(first.byType).toMatchObject({ OrganizationConfigured: 1, TeamDefined: 2, PersonRegistered: 2, TeamMembershipChanged: 2, ServiceDefined: 1 });
      expect(await subject.store.headPosition()).toBe(first.appended);

      const second = await applyOrganization(subject.store, parseOrganization(ORGANIZATION), SECOND_APPLY);
      expect(second).toEqual({ appended: 0, byType: {} });
      expect(describeApplySummary(second)).toMatch(/^no changes/);
      expect(await subject.store.headPosition()).toBe(first.appended);
    });

    it('appends exactly the closing and opening memberships when a person moves team', async () => {
      const first = await applyOrganization(subject.store, parseOrganization(ORGANIZATION), FIRST_APPLY);

      const moved = await applyOrganization(subject.store, parseOrganization(ALICE_MOVED), SECOND_APPLY);

      expect(moved).toEqual({ appended: 2, byType: { TeamMembershipChanged: 2 } });
      const appended = await subject.store.readAll({ after: first.appended });
      expect(appended.map((event) => [event.streamId, event.data])).toEqual([
        ['person-alice', expect.objectContaining({ personId: 'alice', teamSlug: 'payments', validUntil: '2026-02-28T23:00:00Z' })],
        ['person-alice', expect.objectContaining({ personId: 'alice', teamSlug: 'sre', validFrom: '2026-02-28T23:00:00Z' })],
      ]);
      const directory = await readDirectory(subject.store);
      expect(directory.teamsOf('alice', '2026-02-15T12:00:00Z')).toEqual(['payments']);
      expect(directory.teamsOf('alice', '2026-03-15T12:00:00Z')).toEqual(['sre']);
      expect((await applyOrganization(subject.store, parseOrganization(ALICE_MOVED), SECOND_APPLY)).appended).toBe(0);
    });

    it('appends nothing twice when two processes apply the same file at the same instant', async () => {
      const model = parseOrganization(ORGANIZATION);
      const first = await applyOrganization(subject.store, model, FIRST_APPLY);
      // A second process that read the store before the first one appended plans the same events,
      // with the same ids: the store keeps one copy of each.
      const second = await applyOrganization(readingNothing(subject.store), model, FIRST_APPLY);
      expect(second).toEqual({ appended: 0, byType: {} });
      expect(await subject.store.headPosition()).toBe(first.appended);
    });
  });
}

applyOrganizationSuite('SQLite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-organization-'));
  const store = new SqliteEventStore({ filename: join(directory, 'events.sqlite') });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

applyOrganizationSuite('PostgreSQL', async () => {
  const schema = await createTestSchema({ prefix: 'organization', max: 2 });
  await migratePostgresEventStore(schema.pool, schema.schema);
  const store = new PostgresEventStore({ pool: schema.pool, schema: schema.schema });
  return {
    store,
    async dispose() {
      await store.close();
      await schema.drop();
    },
  };
});
