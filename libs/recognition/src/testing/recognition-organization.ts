import { Directory, parseOrganization, planDirectoryChanges } from '@tandem/directory';

/** Bob's Teams identity: the Bot Framework id the Teams kudos fixture mentions him by (no AAD id there). */
export const BOB_TEAMS_ID = '29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL-PNj0EORDvRZXy8kvWk';
/** Megan's AAD object id: the sender of the Teams kudos fixture. */
export const MEGAN_TEAMS_ID = '7faf8ab2-3d56-4244-b585-20c8a42ed2b8';

/**
 * Test-only: a small organisation in Berlin time, whose Slack and Teams ids are the ones in the
 * vendor fixtures (Slack docs reaction: U123ABC456 reacts to U222222222's message).
 * - payments (dev): dave, erin, olga (opted out of automatic recognitions); web (dev): bob;
 * - sre (sre): megan, carol, frank; platform: pat;
 * - deploybot: a configured bot; kudos: 3 a day, values #ownership and #curiosity.
 * Service checkout: owned by payments, operated by sre.
 */
export const RECOGNITION_ORGANIZATION_YAML = `organization: { name: Test, timezone: Europe/Berlin }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: web, name: Web, kind: dev }
  - { slug: sre, name: SRE, kind: sre }
  - { slug: platform, name: Platform, kind: platform }
people:
  - { id: dave, name: Dave, identities: { github: dave-gh, slack: UDAVE, pagerduty: PDAVE }, memberships: [ { team: payments, from: 2023-01-01 } ] }
  - { id: erin, name: Erin, identities: { github: erin-gh, slack: UERIN, pagerduty: PERIN }, memberships: [ { team: payments, from: 2023-01-01 } ] }
  - { id: olga, name: Olga, optOutOfAutomaticRecognition: true, identities: { github: olga-gh, slack: UOLGA, pagerduty: POLGA }, memberships: [ { team: payments, from: 2023-01-01 } ] }
  - { id: bob, name: Bob, identities: { github: bob-gh, slack: U222222222, teams: "${BOB_TEAMS_ID}", pagerduty: PBOB }, memberships: [ { team: web, from: 2023-01-01 } ] }
  - { id: megan, name: Megan, identities: { github: megan-gh, slack: U123ABC456, teams: "${MEGAN_TEAMS_ID}", pagerduty: PMEGAN }, memberships: [ { team: sre, from: 2023-01-01 } ] }
  - { id: carol, name: Carol, identities: { github: carol-gh, slack: UCAROL, pagerduty: PCAROL }, memberships: [ { team: sre, from: 2023-01-01 } ] }
  - { id: frank, name: Frank, identities: { github: frank-gh, slack: UFRANK, pagerduty: PFRANK }, memberships: [ { team: sre, from: 2023-01-01 } ] }
  - { id: pat, name: Pat, identities: { github: pat-gh, slack: UPAT, pagerduty: PPAT }, memberships: [ { team: platform, from: 2023-01-01 } ] }
  - { id: deploybot, name: Deploy Bot, bot: true, identities: { github: deploybot, slack: UBOT } }
services:
  - slug: checkout
    ownedBy: payments
    operatedBy: sre
    repos: [acme/checkout]
    paging: { pagerduty: [PCHECKOUT] }
    incidentServices: { incidentio: [checkout-io] }
    channels: { slack: [CCHECKOUT] }
recognition: { kudosPerDay: 3, values: [ownership, curiosity] }
`;

/** The directory of an organisation file, as loading it on 1 January 2023 gives. */
export function directoryOf(yaml: string = RECOGNITION_ORGANIZATION_YAML): Directory {
  const planned = planDirectoryChanges(Directory.empty(), parseOrganization(yaml), { at: '2023-01-01T00:00:00Z', by: 'tandem.yaml' });
  return Directory.empty().apply(planned.map(({ event }) => event));
}

export const testDirectory = directoryOf();
