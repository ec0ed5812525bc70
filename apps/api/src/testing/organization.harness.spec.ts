import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';
import type { EventStore } from '@tandem/eventstore';

/*
 * Organisations for the API's integration tests and its benchmark; not a test file itself (the
 * `.spec.ts` suffix keeps it out of the production build).
 */

/** The organisation the API tests query: two Dev teams and an SRE team. */
export const ORGANIZATION_YAML = `organization: { name: Acme, timezone: Europe/Berlin }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: sre, name: Site Reliability, kind: sre }
  - { slug: web, name: Web, kind: dev }
people:
  - { id: alice, name: Alice Liddell, memberships: [ { team: payments, from: 2020-01-01 } ] }
  - { id: dave, name: Dave Grohl, memberships: [ { team: payments, from: 2020-01-01 } ] }
  - { id: bob, name: Bob Marley, memberships: [ { team: sre, from: 2020-01-01 } ] }
  - { id: erin, name: Erin Brockovich, memberships: [ { team: sre, from: 2020-01-01 }, { team: web, from: 2020-01-01 } ] }
  - { id: carol, name: Carol Danvers, memberships: [ { team: web, from: 2020-01-01 } ] }
services:
  - { slug: checkout, name: Checkout, ownedBy: payments, operatedBy: sre }
  - { slug: site, ownedBy: web }
`;

/** Appends the directory events that describe `yaml` (as `tandem org apply` does) on top of what is there. */
export async function applyOrganization(eventStore: EventStore, yaml: string, current: Directory = Directory.empty(), at = '2020-01-01T00:00:00Z'): Promise<void> {
  for (const { streamId, event } of planDirectoryChanges(current, parseOrganization(yaml), { at, by: 'tandem.yaml' })) {
    await eventStore.append(streamId, [event]);
  }
}

/**
 * An organisation of `teams` teams of `size` people each, for the benchmark and the N+1 test; with
 * `services`, each Dev (even) team owns a service that the next (SRE) team runs.
 */
export function generatedOrganizationYaml(teams: number, size: number, { services = false } = {}): string {
  const lines = ['organization: { name: Generated }', 'teams:'];
  for (let team = 0; team < teams; team += 1) lines.push(`  - { slug: team-${team}, name: Team ${team}, kind: ${team % 2 ? 'sre' : 'dev'} }`);
  lines.push('people:');
  for (let team = 0; team < teams; team += 1) {
    for (let person = 0; person < size; person += 1) {
      lines.push(`  - { id: p-${team}-${person}, name: Person ${team}-${person}, memberships: [ { team: team-${team}, from: 2020-01-01 } ] }`);
    }
  }
  if (services) {
    lines.push('services:');
    for (let team = 0; team < teams; team += 2) lines.push(`  - { slug: service-${team}, ownedBy: team-${team}${team + 1 < teams ? `, operatedBy: team-${team + 1}` : ''} }`);
  }
  return `${lines.join('\n')}\n`;
}
