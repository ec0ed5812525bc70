import { validateEventData } from '@tandem/contracts';
import { acmeDirectory, ACME_YAML, applyYaml, FIRST_APPLIED_AT, summarize } from '../../test/acme-organization';
import { Directory } from '../model/directory';
import { parseOrganization } from '../organization-file/parse-organization';
import { planIdentityLink } from '../resolution/identity-events';
import { planDirectoryChanges } from './plan-directory-changes';

const LATER = '2026-04-15T09:00:00.000Z';

describe('planDirectoryChanges', () => {
  it('plans the whole organisation into an empty directory, as valid canonical events on entity streams', () => {
    const { events } = applyYaml(Directory.empty(), ACME_YAML, FIRST_APPLIED_AT);
    const byType = new Map<string, number>();
    for (const { event } of events) byType.set(event.type, (byType.get(event.type) ?? 0) + 1);

    expect(Object.fromEntries(byType)).toEqual({
      OrganizationConfigured: 1,
      TeamDefined: 5,
      PersonRegistered: 6,
      IdentityLinked: 8,
      TeamMembershipChanged: 9,
      WorkingHoursSet: 2,
      ServiceDefined: 1,
    });
    expect(events[0].streamId).toBe('organization');
    expect(events.find(({ event }) => event.type === 'ServiceDefined')?.streamId).toBe('service-checkout');
    expect(events.every(({ event }) => validateEventData(event.type, event.data).ok && event.metadata.occurredAt === FIRST_APPLIED_AT)).toBe(true);
    expect(new Set(events.map(({ event }) => event.eventId)).size).toBe(events.length);
  });

  it('plans nothing when the same file is applied again', () => {
    const { events } = applyYaml(acmeDirectory(), ACME_YAML, LATER);
    expect(events).toEqual([]);
  });

  it('derives the same event ids for the same plan, so a retried append is a no-op', () => {
    const model = parseOrganization(ACME_YAML);
    const ids = () => planDirectoryChanges(Directory.empty(), model, { at: FIRST_APPLIED_AT, by: 'tandem.yaml' }).map(({ event }) => event.eventId);
    expect(ids()).toEqual(ids());
  });

  it('turns a move between teams into exactly one closing and one opening event', () => {
    const moved = ACME_YAML.replace(
      '    memberships: [ { team: payments, from: 2026-01-01 } ]\n  - id: erin',
      '    memberships: [ { team: payments, from: 2026-01-01, to: 2026-04-01 }, { team: sre, from: 2026-04-01 } ]\n  - id: erin',
    );
    const { directory, events } = applyYaml(acmeDirectory(), moved, LATER);

    expect(events.map(({ event }) => event.data)).toEqual([
      { personId: 'dave', teamSlug: 'payments', validFrom: '2025-12-31T23:00:00Z', validUntil: '2026-03-31T22:00:00Z', changedBy: 'tandem.yaml' },
      { personId: 'dave', teamSlug: 'sre', validFrom: '2026-03-31T22:00:00Z', changedBy: 'tandem.yaml' },
    ]);
    expect(directory.sideOf('dave', '2026-03-31T21:59:59Z')).toBe('dev');
    expect(directory.sideOf('dave', '2026-03-31T22:00:00Z')).toBe('ops');
    expect(applyYaml(directory, moved, '2026-05-01T00:00:00.000Z').events).toEqual([]);
  });

  it('closes the memberships of someone removed from the file at the time of the reload, keeping history', () => {
    const withoutDave = ACME_YAML.replace('  - id: dave\n    name: Dave Grohl\n    memberships: [ { team: payments, from: 2026-01-01 } ]\n', '');
    const { directory, events } = applyYaml(acmeDirectory(), withoutDave, LATER);

    expect(summarize(events)).toEqual(['TeamMembershipChanged dave']);
    expect(events[0].event.data).toMatchObject({ teamSlug: 'payments', validUntil: '2026-04-15T09:00:00Z' });
    expect(directory.teamsOf('dave', '2026-04-15T08:59:59Z')).toEqual(['payments']);
    expect(directory.teamsOf('dave', LATER)).toEqual([]);
    expect(directory.person('dave')?.name).toBe('Dave Grohl');
    expect(applyYaml(directory, withoutDave, '2026-05-01T00:00:00.000Z').events).toEqual([]);
  });

  it('withdraws a membership whose start date was corrected and opens the corrected one', () => {
    const corrected = ACME_YAML.replace('memberships: [ { team: sre, from: 2025-06-01 } ]', 'memberships: [ { team: sre, from: 2025-07-01 } ]');
    const { directory, events } = applyYaml(acmeDirectory(), corrected, LATER);

    expect(events.map(({ event }) => event.data)).toEqual([
      { personId: 'carol', teamSlug: 'sre', validFrom: '2025-05-31T22:00:00Z', validUntil: '2025-05-31T22:00:00Z', changedBy: 'tandem.yaml' },
      { personId: 'carol', teamSlug: 'sre', validFrom: '2025-06-30T22:00:00Z', changedBy: 'tandem.yaml' },
    ]);
    expect(directory.person('carol')?.memberships).toEqual([{ team: 'sre', from: '2025-06-30T22:00:00Z', to: null }]);
  });

  it('plans renamed teams, changed people, identities and settings, and nothing else', () => {
    const edited = ACME_YAML.replace('name: Web, kind: dev', 'name: Web Frontend, kind: dev')
      .replace('name: Bob Marley', 'name: Robert Marley')
      .replace('identities: { github: bobm, slack: U0BOB }', 'identities: { github: bob-marley, slack: U0BOB }')
      .replace('timezone: Europe/Berlin }', 'timezone: Europe/Berlin, minGroupSize: 5 }');
    const { directory, events } = applyYaml(acmeDirectory(), edited, LATER);

    expect(summarize(events)).toEqual([
      'OrganizationConfigured Acme',
      'TeamDefined web',
      'PersonUpdated bob',
      'IdentityUnlinked bob',
      'IdentityLinked bob',
    ]);
    expect(events[2].event.data).toEqual({ personId: 'bob', name: 'Robert Marley', changedBy: 'tandem.yaml' });
    expect(directory.settings.minGroupSize).toBe(5);
    expect(directory.resolveIdentity('github', 'bobm')).toBeUndefined();
    expect(directory.resolveIdentity('github', 'bob-marley')).toBe('bob');
  });

  it('gives plans of another instant or author no id in common', () => {
    const model = parseOrganization(ACME_YAML);
    const ids = (at: string, by: string) => planDirectoryChanges(Directory.empty(), model, { at, by }).map(({ event }) => event.eventId);
    const first = ids(FIRST_APPLIED_AT, 'tandem.yaml');

    expect(new Set([...first, ...ids(LATER, 'tandem.yaml'), ...ids(FIRST_APPLIED_AT, 'backstage')]).size).toBe(3 * first.length);
  });

  it('moves an identity the file gives to someone else with a single link', () => {
    const moved = ACME_YAML.replace('identities: { github: bobm, slack: U0BOB }', 'identities: { slack: U0BOB }').replace(
      '  - id: dave\n    name: Dave Grohl\n',
      '  - id: dave\n    name: Dave Grohl\n    identities: { github: BobM }\n',
    );
    const { directory, events } = applyYaml(acmeDirectory(), moved, LATER);

    expect(summarize(events)).toEqual(['IdentityLinked dave']);
    expect(directory.resolveIdentity('github', 'bobm')).toBe('dave');
    expect(directory.person('bob')?.identities.map((identity) => identity.tool)).toEqual(['slack']);
  });

  it('keeps links an admin made when the file is reloaded', () => {
    const linked = acmeDirectory().apply(
      planIdentityLink(acmeDirectory(), 'dave', { tool: 'github', id: 'dgrohl' }, { at: '2026-02-01T00:00:00Z', by: 'admin' }).map(({ event }) => event),
    );
    expect(applyYaml(linked, ACME_YAML, LATER).events).toEqual([]);
    expect(linked.resolveIdentity('github', 'dgrohl')).toBe('dave');
  });

  it('retires a service that left the file and defines it again when it comes back', () => {
    const withoutService = ACME_YAML.slice(0, ACME_YAML.indexOf('services:'));
    const { directory, events } = applyYaml(acmeDirectory(), withoutService, LATER);

    expect(summarize(events)).toEqual(['ServiceRetired checkout']);
    expect(directory.services()).toEqual([]);
    expect(directory.service('checkout')?.retiredAt).toBe('2026-04-15T09:00:00Z');
    expect(summarize(applyYaml(directory, ACME_YAML, '2026-05-01T00:00:00.000Z').events)).toEqual(['ServiceDefined checkout']);
  });
});
