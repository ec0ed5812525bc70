import { isDeepStrictEqual } from 'node:util';
import { CURRENT_SCHEMA_VERSION, type EventDataMap } from '@tandem/contracts';
import { acmeDirectory, ACME_YAML, applyYaml, FIRST_APPLIED_AT } from '../../test/acme-organization';
import { Directory, buildDirectory } from './directory';
import type { DirectoryEvent, DirectoryEventType } from './directory-events';
import { evolveDirectory } from './evolve-directory';

function event<Type extends DirectoryEventType>(type: Type, data: EventDataMap[Type], occurredAt: string): DirectoryEvent {
  return { type, data, metadata: { occurredAt } } as DirectoryEvent;
}

const HOUR_MS = 3_600_000;

describe('Directory as-of queries', () => {
  const directory = acmeDirectory();

  it('puts a person who moved from Dev to Ops on each side for the right part of a window', () => {
    // Berlin midnight of 1 March 2026 is 23:00 UTC on 28 February.
    expect(directory.sideOf('alice', '2026-02-28T22:59:59.999Z')).toBe('dev');
    expect(directory.sideOf('alice', '2026-02-28T23:00:00.000Z')).toBe('ops');
    expect(directory.teamsOf('alice', '2026-02-15T12:00:00Z')).toEqual(['payments']);
    expect(directory.teamsOf('alice', '2026-03-15T12:00:00Z')).toEqual(['sre']);

    const hoursBySide = new Map<string, number>();
    for (let at = Date.parse('2026-02-01T00:00:00Z'); at < Date.parse('2026-04-01T00:00:00Z'); at += HOUR_MS) {
      const side = directory.sideOf('alice', at);
      hoursBySide.set(side, (hoursBySide.get(side) ?? 0) + 1);
    }
    expect(Object.fromEntries(hoursBySide)).toEqual({ dev: 27 * 24 + 23, ops: 1 + 31 * 24 });
  });

  it('has no side before the first membership, and none for unknown people or instants', () => {
    expect(directory.sideOf('alice', '2025-12-31T22:59:59Z')).toBe('none');
    expect(directory.teamsOf('alice', '2025-06-01T00:00:00Z')).toEqual([]);
    expect(directory.sideOf('nobody', '2026-02-01T00:00:00Z')).toBe('none');
    expect(directory.sideOf('alice', 'not a date')).toBe('none');
  });

  it('counts someone in several teams once per team, on both sides when the teams are', () => {
    const at = '2026-02-01T00:00:00Z';
    expect(directory.teamsOf('bob', at)).toEqual(['platform', 'web']);
    expect(directory.sideOf('bob', at)).toBe('both');
    expect(directory.teamsOf('erin', at)).toEqual(['data', 'payments']);
    expect(directory.sideOf('erin', at)).toBe('dev');
    expect(directory.membersOf('payments', at)).toEqual(['alice', 'dave', 'erin']);
    expect(directory.teamSize('payments', '2026-03-02T00:00:00Z')).toBe(2);
    expect(directory.teamSize('sre', '2026-03-02T00:00:00Z')).toBe(2);
  });

  it('never counts a bot as a person', () => {
    const at = '2026-02-01T00:00:00Z';
    expect(directory.resolveIdentity('github', 'dependabot[bot]')).toBe('dependabot');
    expect(directory.isBot('dependabot')).toBe(true);
    expect(directory.sideOf('dependabot', at)).toBe('none');
    expect(directory.teamsOf('dependabot', at)).toEqual([]);
    expect(directory.membersOf('payments', at)).not.toContain('dependabot');
  });

  it('resolves identities case-insensitively only where the tool is', () => {
    expect(directory.resolveIdentity('github', 'ALICE-GH')).toBe('alice');
    expect(directory.resolveIdentity('slack', 'U012AB3CD')).toBe('alice');
    expect(directory.resolveIdentity('slack', 'u012ab3cd')).toBeUndefined();
    expect(directory.resolveIdentity('opsgenie', 'Carol@Example.com')).toBe('carol');
    // A commit author known only by email resolves through the registered email.
    expect(directory.resolveIdentity('git', 'Bob@Example.com')).toBe('bob');
    expect(directory.personByEmail('ALICE@example.com')).toBe('alice');
  });

  it('maps repositories, paging services and channels to services, and services to their teams', () => {
    expect(directory.serviceForRepo('Acme/Checkout')).toBe('checkout');
    expect(directory.serviceForRepo('acme/checkout-infra.git')).toBe('checkout');
    expect(directory.serviceForPagingService('pagerduty', 'PIJ90N7')).toBe('checkout');
    expect(directory.serviceForPagingService('opsgenie', 'checkout-team')).toBe('checkout');
    expect(directory.serviceForChannel('slack', 'C024BE91L')).toBe('checkout');
    expect(directory.serviceForChannel('slack', 'C999')).toBeUndefined();
    // Before its first definition a service is taken to have had its first owners.
    expect(directory.owningTeam('checkout', '2025-01-01T00:00:00Z')).toBe('payments');
    expect(directory.operatingTeam('checkout', '2026-06-01T00:00:00Z')).toBe('sre');
  });

  it('reads the organisation settings with defaults filled in', () => {
    expect(directory.settings.name).toBe('Acme');
    expect(directory.settings.timezone).toBe('Europe/Berlin');
    expect(directory.settings.minGroupSize).toBe(3);
    expect(directory.settings.kpis.postmortemSeverity).toBe('SEV2');
  });
});

describe('Directory.nextChangeAfter', () => {
  // Acme's memberships (alice moves to SRE on 1 March), then checkout changes hands on 1 April and web becomes a platform team on 1 May.
  const moved = applyYaml(acmeDirectory(), ACME_YAML.replace('ownedBy: payments\n    operatedBy: sre', 'ownedBy: web\n    operatedBy: platform'), '2026-04-01T00:00:00.000Z');
  const { directory } = applyYaml(
    moved.directory,
    ACME_YAML.replace('ownedBy: payments\n    operatedBy: sre', 'ownedBy: web\n    operatedBy: platform').replace('{ slug: web, name: Web, kind: dev }', '{ slug: web, name: Web, kind: platform }'),
    '2026-05-01T00:00:00.000Z',
  );
  /** Every as-of answer about an instant that the API asks about "now". */
  const answersAt = (at: number) => ({
    people: directory.people().map((person) => [person.id, directory.teamsOf(person.id, at), directory.sideOf(person.id, at)]),
    teams: directory.teams({ includeRetired: true }).map((team) => [team.slug, directory.membersOf(team.slug, at)]),
    services: directory.services({ includeRetired: true }).map((service) => [service.slug, directory.owningTeam(service.slug, at), directory.operatingTeam(service.slug, at)]),
  });

  it('answers every as-of question alike from an instant until the next change it names', () => {
    const differing: string[] = [];
    let checked = 0;
    let changes = 0;
    let since = Date.parse('2025-01-01T00:00:00Z');
    let answers = answersAt(since);
    let until = directory.nextChangeAfter(since);
    for (let at = since; at < Date.parse('2027-01-01T00:00:00Z'); at += HOUR_MS) {
      if (at < until) {
        if (!isDeepStrictEqual(answersAt(at), answers)) differing.push(new Date(at).toISOString());
        checked += 1;
      } else {
        [since, answers, until] = [at, answersAt(at), directory.nextChangeAfter(at)];
        changes += 1;
      }
    }
    expect(differing).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
    // First memberships, alice's move, the ownership change and the re-org.
    expect(changes).toBe(5);
  });

  it("names alice's move to SRE, and nothing after the organisation's last change", () => {
    expect(directory.nextChangeAfter('2026-02-15T00:00:00Z')).toBeLessThanOrEqual(Date.parse('2026-02-28T23:00:00Z'));
    expect(directory.nextChangeAfter('2030-01-01T00:00:00Z')).toBe(Number.POSITIVE_INFINITY);
    expect(Directory.empty().nextChangeAfter('2026-01-01T00:00:00Z')).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Directory history', () => {
  it('dates service ownership: a change applies from when it was made', () => {
    const moved = ACME_YAML.replace('ownedBy: payments\n    operatedBy: sre', 'ownedBy: web\n    operatedBy: platform');
    const { directory } = applyYaml(acmeDirectory(), moved, '2026-04-01T00:00:00.000Z');

    expect(directory.owningTeam('checkout', '2026-03-31T23:59:59Z')).toBe('payments');
    expect(directory.operatingTeam('checkout', '2026-03-31T23:59:59Z')).toBe('sre');
    expect(directory.owningTeam('checkout', '2026-04-01T00:00:00Z')).toBe('web');
    expect(directory.operatingTeam('checkout', '2026-04-01T00:00:00Z')).toBe('platform');
  });

  it('dates a team kind: a re-org does not move history to the other side', () => {
    const reorganized = ACME_YAML.replace('{ slug: web, name: Web, kind: dev }', '{ slug: web, name: Web, kind: platform }');
    const { directory } = applyYaml(acmeDirectory(), reorganized, '2026-05-01T00:00:00.000Z');

    expect(directory.sideOf('bob', '2026-04-30T00:00:00Z')).toBe('both');
    expect(directory.sideOf('bob', '2026-05-01T00:00:00Z')).toBe('ops');
    expect(directory.team('web')?.kind).toBe('platform');
  });

  it('ends memberships at a team retirement', () => {
    const withoutData = ACME_YAML.replace('  - { slug: data, name: Data, kind: other }\n', '').replace(', { team: data, from: 2026-01-01 }', '');
    const { directory } = applyYaml(acmeDirectory(), withoutData, '2026-06-01T00:00:00.000Z');

    expect(directory.team('data')?.retiredAt).toBe('2026-06-01T00:00:00Z');
    expect(directory.teams().map((team) => team.slug)).not.toContain('data');
    expect(directory.teamsOf('erin', '2026-05-31T23:59:59Z')).toEqual(['data', 'payments']);
    expect(directory.teamsOf('erin', '2026-06-01T00:00:00Z')).toEqual(['payments']);
  });

  it('gives the same directory when the same events are replayed, and evolve leaves its input alone', () => {
    const first = applyYaml(Directory.empty(), ACME_YAML, FIRST_APPLIED_AT);
    const events = first.events.map((planned) => planned.event);
    const replayed = buildDirectory(events);

    expect(replayed.state).toEqual(first.directory.state);
    const before = structuredClone(replayed.state);
    const after = evolveDirectory(replayed.state, event('RecognitionOptOutChanged', { personId: 'bob', optedOut: true, changedBy: 'bob' }, '2026-02-01T00:00:00Z'));
    expect(replayed.state).toEqual(before);
    expect(after.people.get('bob')?.optOutOfAutomaticRecognition).toBe(true);
    expect(events.every((recorded) => recorded.metadata.schemaVersion === CURRENT_SCHEMA_VERSION)).toBe(true);
  });
});

describe('Directory identity resolution', () => {
  const seen = (tool: string, id: string, extra: Record<string, unknown> = {}) =>
    event('IdentityObserved', { identity: { tool, id, ...extra }, seenAt: '2026-02-01T00:00:00Z' }, '2026-02-01T00:00:00Z');

  it('turns an identity nobody is linked to into an unresolved person, and re-attributes it when linked', () => {
    const observed = acmeDirectory().apply([seen('github', 'Dave-G', { name: 'Dave Grohl' })]);
    const unresolved = observed.resolveIdentity('github', 'dave-g');

    expect(unresolved).toBe('unresolved:github:dave-g');
    expect(observed.person(unresolved as string)).toMatchObject({ unresolved: true, name: 'Dave Grohl', bot: false });
    expect(observed.sideOf(unresolved as string, '2026-02-01T00:00:00Z')).toBe('none');
    expect(observed.unresolvedPeople().map((person) => person.id)).toEqual(['unresolved:github:dave-g']);

    const linked = observed.apply([
      event('IdentityLinked', { personId: 'dave', identity: { tool: 'github', id: 'Dave-G' }, linkedBy: 'admin', rule: 'IDENTITY_LINK_RULE_MANUAL' }, '2026-03-01T00:00:00Z'),
    ]);
    // The link holds for all history: an event from January now counts for dave's team.
    const actor = linked.resolveIdentity('github', 'dave-g') as string;
    expect(actor).toBe('dave');
    expect(linked.sideOf(actor, '2026-01-15T00:00:00Z')).toBe('dev');
    expect(linked.person('unresolved:github:dave-g')).toBeUndefined();
    expect(linked.person('dave')?.identities).toEqual([{ tool: 'github', id: 'Dave-G', rule: 'manual' }]);

    const unlinked = linked.apply([
      event('IdentityUnlinked', { personId: 'dave', identity: { tool: 'github', id: 'dave-g' }, unlinkedBy: 'admin' }, '2026-03-02T00:00:00Z'),
    ]);
    expect(unlinked.resolveIdentity('github', 'Dave-G')).toBeUndefined();
    expect(unlinked.person('dave')?.identities).toEqual([]);
  });

  it('marks an identity with a vendor bot marker as a bot that never counts', () => {
    const directory = acmeDirectory().apply([seen('slack', 'B0RELEASE', { name: 'release-bot', bot: true })]);
    const personId = directory.resolveIdentity('slack', 'B0RELEASE') as string;

    expect(directory.isBot(personId)).toBe(true);
    expect(directory.sideOf(personId, '2026-02-01T00:00:00Z')).toBe('none');
  });

  it('does not observe an identity that already resolves', () => {
    const directory = acmeDirectory();
    expect(directory.apply([seen('github', 'alice-gh')]).state.people).toEqual(directory.state.people);
  });

  it('forgets an erased person and every way to reach them', () => {
    const erased = acmeDirectory().apply([event('PersonErased', { personId: 'alice', changedBy: 'dpo' }, '2026-05-01T00:00:00Z')]);

    expect(erased.person('alice')).toBeUndefined();
    expect(erased.resolveIdentity('github', 'alice-gh')).toBeUndefined();
    expect(erased.personByEmail('alice@example.com')).toBeUndefined();
    expect(erased.sideOf('alice', '2026-02-01T00:00:00Z')).toBe('none');
  });
});
