import { createHash } from 'node:crypto';
import { parseOrganization } from '@tandem/directory';
import { DEFAULT_NORMALIZER_SETTINGS, NORMALIZERS, NormalizationError, toCanonicalEvents } from '@tandem/sources';
import { WEBHOOK_ENVELOPE_VERSION, type WebhookEnvelope } from '@tandem/webhooks';
import type { DemoDelivery } from './demo-delivery';
import { generateDemo, type DemoOptions } from './generate-demo';

const UNTIL = new Date('2026-03-02T12:00:00.000Z');
const SMALL: DemoOptions = { seed: 42, scale: 'small', until: UNTIL };

function fingerprint(options: DemoOptions): { digest: string; count: number } {
  const demo = generateDemo(options);
  const hash = createHash('sha256').update(demo.organizationYaml);
  let count = 0;
  for (const delivery of demo.deliveries()) {
    count++;
    hash.update(JSON.stringify([delivery.source, delivery.deliveryId, delivery.headers, delivery.at, delivery.expectedEvents])).update(delivery.body);
  }
  return { digest: hash.digest('hex'), count };
}

/** The delivery as the gateway puts it on the log. */
function envelopeOf(delivery: DemoDelivery): WebhookEnvelope {
  return {
    version: WEBHOOK_ENVELOPE_VERSION,
    source: delivery.source,
    deliveryId: delivery.deliveryId,
    receivedAt: delivery.at,
    correlationId: `demo-${delivery.deliveryId}`,
    headers: delivery.headers,
    body: delivery.body.toString('utf8'),
  };
}

describe('generateDemo', () => {
  it('gives byte-identical output for the same seed, and other output for another seed', () => {
    const twoWeeks = { ...SMALL, weeks: 2 };
    const first = fingerprint(twoWeeks);
    expect(first.count).toBeGreaterThan(5_000);
    expect(fingerprint(twoWeeks)).toEqual(first);
    expect(fingerprint({ ...twoWeeks, seed: 7 }).digest).not.toBe(first.digest);
  });

  it('writes a small organisation tandem.yaml accepts: a dozen teams on both sides, ~120 people in every tool', () => {
    const demo = generateDemo(SMALL);
    const model = parseOrganization(demo.organizationYaml, 'demo.yaml');

    expect(model.teams.map((team) => team.slug)).toEqual(expect.arrayContaining(['payments', 'checkout', 'search', 'mobile', 'platform-api', 'sre', 'cloud-platform']));
    expect(new Set(model.teams.map((team) => team.kind))).toEqual(new Set(['dev', 'sre', 'platform', 'ops']));
    expect(model.teams).toHaveLength(12);
    const people = model.people.filter((person) => !person.bot);
    expect(people.length).toBeGreaterThanOrEqual(115);
    expect(people.length).toBeLessThanOrEqual(125);
    for (const person of people) {
      expect(person.identities.map((identity) => identity.tool).sort()).toEqual(['github', 'gitlab', 'incidentio', 'jira', 'opsgenie', 'pagerduty', 'slack', 'teams']);
    }
    // The re-org: one Checkout engineer moves to Site Reliability halfway, with dated memberships.
    expect(people.filter((person) => person.memberships.length === 2)).toHaveLength(1);
    for (const service of model.services) {
      expect(service.repositories).toHaveLength(1);
      expect(service.pagingServices).toHaveLength(1);
      expect(service.channels.length).toBeGreaterThanOrEqual(1);
    }
    expect(model.services.filter((service) => service.slo !== null).length).toBeGreaterThan(10);
  });

  it('writes a year-scale organisation of 50 teams and 500 people', () => {
    const model = parseOrganization(generateDemo({ ...SMALL, scale: 'year' }).organizationYaml);
    expect(model.teams).toHaveLength(50);
    expect(model.people.filter((person) => !person.bot)).toHaveLength(500);
  });

  it(
    'sends, in time order, deliveries that every normalizer reads into exactly the events the story means',
    () => {
      const failures: string[] = [];
      const mismatches: string[] = [];
      const expected: Record<string, number> = {};
      const normalized: Record<string, number> = {};
      const bySource: Record<string, number> = {};
      const deliveryIds = new Set<string>();
      let previousAt = '';
      let outOfOrder = 0;
      for (const delivery of generateDemo(SMALL).deliveries()) {
        if (delivery.at < previousAt) outOfOrder++;
        previousAt = delivery.at;
        deliveryIds.add(`${delivery.source}:${delivery.deliveryId}`);
        bySource[delivery.source] = (bySource[delivery.source] ?? 0) + 1;
        for (const type of delivery.expectedEvents) expected[type] = (expected[type] ?? 0) + 1;
        const envelope = envelopeOf(delivery);
        try {
          const result = NORMALIZERS[delivery.source](envelope, DEFAULT_NORMALIZER_SETTINGS);
          const events = result.outcome === 'events' ? toCanonicalEvents(envelope, result.events) : [];
          const types = events.map(({ event }) => event.type);
          if (types.join() !== delivery.expectedEvents.join()) mismatches.push(`${delivery.source} ${delivery.deliveryId}: ${types.join()} instead of ${delivery.expectedEvents.join()}`);
          for (const type of types) normalized[type] = (normalized[type] ?? 0) + 1;
        } catch (error) {
          if (!(error instanceof NormalizationError)) throw error;
          failures.push(`${delivery.source} ${error.code}: ${error.message}`);
        }
      }

      expect(outOfOrder).toBe(0);
      expect(failures.slice(0, 5)).toEqual([]);
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(normalized).toEqual(expected);
      expect(deliveryIds.size).toBe(Object.values(bySource).reduce((sum, count) => sum + count, 0));
      expect(Object.keys(bySource).sort()).toEqual(['github', 'gitlab', 'incidentio', 'jira', 'opsgenie', 'pagerduty', 'slack', 'teams']);
      // Every part of the story is there (the counts themselves follow from the seed).
      expect(Object.keys(normalized).sort()).toEqual(
        [
          'ActionItemAssigned', 'ActionItemClosed', 'ActionItemCreated', 'CommitsPushed', 'DeploymentFinished', 'DeploymentStarted',
          'IncidentAcknowledged', 'IncidentChannelLinked', 'IncidentDeclared', 'IncidentResolved', 'IncidentRoleAssigned',
          'IncidentSeverityChanged', 'IncidentStatusChanged', 'MessagePosted', 'PageAcknowledged', 'PageResolved', 'PageTriggered',
          'PostmortemPublished', 'PostmortemStarted', 'PullRequestClosed', 'PullRequestMerged', 'PullRequestOpened', 'PullRequestReviewed',
          'ReactionAdded', 'ResponderAdded',
        ].sort(),
      );
      const total = Object.values(normalized).reduce((sum, count) => sum + count, 0);
      expect(total).toBeGreaterThan(40_000);
      expect(total).toBeLessThan(80_000);
    },
    180_000,
  );
});
