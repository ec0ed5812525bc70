import type { PlannedDirectoryEvent } from '../src/diff/event-plan';
import { planDirectoryChanges, type PlanSource } from '../src/diff/plan-directory-changes';
import { Directory } from '../src/model/directory';
import type { OrganizationModel } from '../src/model/organization-model';
import { parseOrganization } from '../src/organization-file/parse-organization';

/**
 * A small organisation in Europe/Berlin: alice moves from payments (dev) to sre on 1 March,
 * bob is in a dev and an ops-side team at once, erin in a dev and an `other` team, and
 * dependabot is a configured bot.
 */
export const ACME_YAML = `organization: { name: Acme, timezone: Europe/Berlin }
teams:
  - { slug: payments, name: Payments, kind: dev }
  - { slug: web, name: Web, kind: dev }
  - { slug: sre, name: Site Reliability, kind: sre }
  - { slug: platform, name: Platform, kind: platform }
  - { slug: data, name: Data, kind: other }
people:
  - id: alice
    name: Alice Liddell
    email: alice@example.com
    identities: { github: alice-gh, slack: U012AB3CD, pagerduty: PXPGF42 }
    memberships:
      - { team: payments, from: 2026-01-01, to: 2026-03-01 }
      - { team: sre, from: 2026-03-01 }
    workingHours: { timezone: Europe/Berlin, days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00" }
  - id: bob
    name: Bob Marley
    email: bob@example.com
    identities: { github: bobm, slack: U0BOB }
    memberships:
      - { team: web, from: 2026-01-01 }
      - { team: platform, from: 2026-01-01 }
  - id: carol
    name: Carol Danvers
    identities: { github: carol-d, opsgenie: carol@example.com }
    memberships: [ { team: sre, from: 2025-06-01 } ]
    workingHours: { timezone: America/New_York, start: "08:00", end: "16:00" }
  - id: dave
    name: Dave Grohl
    memberships: [ { team: payments, from: 2026-01-01 } ]
  - id: erin
    name: Erin Brockovich
    memberships: [ { team: payments, from: 2026-01-01 }, { team: data, from: 2026-01-01 } ]
  - id: dependabot
    name: Dependabot
    bot: true
    identities: { github: "dependabot[bot]" }
    memberships: [ { team: payments, from: 2026-01-01 } ]
services:
  - slug: checkout
    ownedBy: payments
    operatedBy: sre
    repos: [acme/checkout, gitlab:acme/checkout-infra]
    paging: { pagerduty: [PIJ90N7], opsgenie: [checkout-team] }
    channels: { slack: [C024BE91L] }
    slo: { availability: 0.999, severity: SEV2 }
`;

/** When the file was first applied. */
export const FIRST_APPLIED_AT = '2026-01-10T08:00:00.000Z';

export interface Applied {
  directory: Directory;
  events: readonly PlannedDirectoryEvent[];
}

/** Plans the model against the directory and folds the planned events in, as a load does. */
export function applyModel(directory: Directory, model: OrganizationModel, at: string, source: PlanSource = 'config'): Applied {
  const events = planDirectoryChanges(directory, model, { at, by: source === 'config' ? 'tandem.yaml' : 'backstage', source });
  return { directory: directory.apply(events.map((planned) => planned.event)), events };
}

export function applyYaml(directory: Directory, yaml: string, at: string): Applied {
  return applyModel(directory, parseOrganization(yaml), at);
}

export function acmeDirectory(): Directory {
  return applyYaml(Directory.empty(), ACME_YAML, FIRST_APPLIED_AT).directory;
}

/** The event types of a plan with what they are about, for compact assertions. */
export function summarize(events: readonly PlannedDirectoryEvent[]): string[] {
  return events.map(({ event }) => {
    const data = event.data as Record<string, unknown>;
    const subject = data.personId ?? data.slug ?? data.teamSlug ?? data.name;
    return `${event.type} ${String(subject)}`;
  });
}
