import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';

/**
 * Test-only: a small organisation in UTC.
 * - payments (dev): alice until 1 March 2026, dave, erin, ivy; web (dev): bob, hank, ian;
 * - sre (sre): alice from 1 March 2026, carol, frank (works 09:00–17:00 New York time), gina;
 *   platform: pat, quinn, rita;
 * - tiny (dev): tom, tess, below the minimum group size of 3;
 * - dependabot: a configured bot.
 * Services: checkout (owned by payments, operated by sre, SLO 99.9 % at SEV2) and search (web).
 */
export const TEST_ORGANIZATION_YAML = `organization: { name: Test, timezone: UTC }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: web, name: Web, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
  - { slug: platform, name: Platform, kind: platform }
  - { slug: tiny, name: Tiny, kind: dev }
people:
  - id: alice
    name: Alice
    identities: { github: alice-gh, slack: UALICE, pagerduty: PALICE }
    memberships: [ { team: payments, from: 2025-01-01, to: 2026-03-01 }, { team: sre, from: 2026-03-01 } ]
  - { id: dave, name: Dave, email: dave@example.com, identities: { github: dave-gh, slack: UDAVE, pagerduty: PDAVE }, memberships: [ { team: payments, from: 2025-01-01 } ] }
  - { id: erin, name: Erin, identities: { github: erin-gh, slack: UERIN, pagerduty: PERIN }, memberships: [ { team: payments, from: 2025-01-01 } ] }
  - { id: ivy, name: Ivy, identities: { github: ivy-gh, slack: UIVY }, memberships: [ { team: payments, from: 2025-01-01 } ] }
  - { id: bob, name: Bob, identities: { github: bob-gh, slack: UBOB, pagerduty: PBOB }, memberships: [ { team: web, from: 2025-01-01 } ] }
  - { id: hank, name: Hank, identities: { github: hank-gh, slack: UHANK }, memberships: [ { team: web, from: 2025-01-01 } ] }
  - { id: ian, name: Ian, identities: { github: ian-gh, slack: UIAN }, memberships: [ { team: web, from: 2025-01-01 } ] }
  - { id: carol, name: Carol, identities: { github: carol-gh, slack: UCAROL, pagerduty: PCAROL }, memberships: [ { team: sre, from: 2025-01-01 } ] }
  - id: frank
    name: Frank
    identities: { github: frank-gh, slack: UFRANK, pagerduty: PFRANK }
    memberships: [ { team: sre, from: 2025-01-01 } ]
    workingHours: { timezone: America/New_York, start: "09:00", end: "17:00" }
  - { id: gina, name: Gina, identities: { github: gina-gh, slack: UGINA, pagerduty: PGINA }, memberships: [ { team: sre, from: 2025-01-01 } ] }
  - { id: pat, name: Pat, identities: { github: pat-gh, slack: UPAT }, memberships: [ { team: platform, from: 2025-01-01 } ] }
  - { id: quinn, name: Quinn, identities: { github: quinn-gh }, memberships: [ { team: platform, from: 2025-01-01 } ] }
  - { id: rita, name: Rita, identities: { github: rita-gh }, memberships: [ { team: platform, from: 2025-01-01 } ] }
  - { id: tom, name: Tom, identities: { github: tom-gh }, memberships: [ { team: tiny, from: 2025-01-01 } ] }
  - { id: tess, name: Tess, identities: { github: tess-gh }, memberships: [ { team: tiny, from: 2025-01-01 } ] }
  - { id: dependabot, name: Dependabot, bot: true, identities: { github: "dependabot[bot]", pagerduty: PBOT }, memberships: [ { team: payments, from: 2025-01-01 } ] }
services:
  - slug: checkout
    ownedBy: payments
    operatedBy: sre
    repos: [acme/checkout]
    paging: { pagerduty: [PCHECKOUT] }
    incidentServices: { incidentio: [checkout-io] }
    channels: { slack: [CCHECKOUT] }
    slo: { availability: 0.999, severity: SEV2 }
  - slug: search
    ownedBy: web
    repos: [acme/search]
    paging: { pagerduty: [PSEARCH] }
    incidentServices: { incidentio: [search-io] }
  - slug: tiny-tool
    ownedBy: tiny
    repos: [acme/tiny]
`;

/** The directory of an organisation file, as loading it on 1 January 2025 gives. */
export function directoryOf(yaml: string = TEST_ORGANIZATION_YAML): Directory {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(yaml), { at: '2025-01-01T00:00:00Z', by: 'tandem.yaml' });
  return Directory.empty().apply(planned.map(({ event }) => event));
}

export const testDirectory = directoryOf();
