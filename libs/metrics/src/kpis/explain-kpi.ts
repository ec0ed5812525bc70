import type { MetricModel, ModelFact } from '../model/metric-model';
import { isoOf } from '../shared/millis';
import { severityName } from '../shared/severity';
import type { Aggregation } from './define-kpi';
import { kpiDefinition } from './kpi-definitions';
import type { KpiSample, ServiceSubject } from './kpi-sample';
import type { KpiContext, KpiId, KpiValue } from './kpi-types';
import { byKey } from '../shared/compare';

/** A link between facts, with the rule that made it. */
export interface ExplainedLink {
  to: string;
  relation: 'caused_by' | 'caused' | 'deployed_by' | 'undone_by' | 'undoes';
  rule?: string;
  evidence?: string;
}

/** One fact behind a value: its milestone times, links and what it contributed. */
export interface ExplainedFact {
  key: string;
  kind: ModelFact['kind'] | ServiceSubject['kind'];
  /** In the numerator (rates) or counted (counts). */
  counted: boolean;
  /** Its duration in seconds (impact minutes for error_budget_burn); null when not a duration. */
  value: number | null;
  teams: readonly string[];
  services: readonly string[];
  times: Record<string, string | null>;
  details: Record<string, string | number | boolean | null>;
  links: ExplainedLink[];
  /** The events of the fact and of the facts it was joined with. */
  eventIds: string[];
}

export interface KpiExplanation {
  value: KpiValue;
  definition: string;
  aggregation: string;
  sampleSize: number;
  numerator?: number;
  denominator?: number;
  facts: ExplainedFact[];
}

const AGGREGATIONS: Readonly<Record<Aggregation, string>> = {
  median: 'median of the samples’ durations, interpolated like SQL PERCENTILE_CONT(0.5); p90 likewise; mean',
  rate: 'samples counted ÷ samples',
  count: 'number of samples counted',
  budget_ratio: 'Σ impact minutes ÷ Σ budget minutes over the services',
};

type Described = Pick<ExplainedFact, 'times' | 'details' | 'links'>;

function describe(fact: ModelFact, model: MetricModel): Described {
  switch (fact.kind) {
    case 'incident':
      return {
        times: { impactStart: isoOf(fact.impactStart), triggered: isoOf(fact.triggered), acknowledged: isoOf(fact.acknowledged), mitigated: isoOf(fact.mitigated), resolved: isoOf(fact.resolved) },
        details: { severity: severityName(fact.severity), impactStartSource: fact.impactStartSource, correctedImpactEnd: isoOf(fact.correctedImpactEnd), linkRule: fact.linking.rule, notChangeCaused: fact.notChangeCaused, participants: fact.participants.length },
        links: fact.linking.links.map((link) => ({ to: link.deployment, relation: 'caused_by', rule: link.rule, evidence: link.evidence })),
      };
    case 'deployment':
      return {
        times: { finishedAt: isoOf(fact.finishedAt) },
        details: { service: fact.service, environment: fact.environment, production: fact.production, successful: fact.successful, rollback: fact.rollback, sha: fact.sha },
        links: [
          ...fact.incidents.map((link): ExplainedLink => ({ to: link.incident, relation: 'caused', rule: link.rule, evidence: link.evidence })),
          ...fact.undoneBy.map((key): ExplainedLink => ({ to: key, relation: 'undone_by' })),
          ...(fact.undoes ? [{ to: fact.undoes, relation: 'undoes' as const }] : []),
        ],
      };
    case 'pull_request': {
      const deployment = fact.deployedBy === null ? undefined : model.byKey.get(fact.deployedBy);
      return {
        times: {
          firstCommitAuthoredAt: isoOf(fact.firstCommitAuthoredAt),
          openedAt: isoOf(fact.openedAt),
          mergedAt: isoOf(fact.mergedAt),
          deployedAt: deployment?.kind === 'deployment' ? isoOf(deployment.finishedAt) : null,
        },
        details: { repo: fact.repo, number: fact.number, mergeCommitSha: fact.mergeCommitSha, infra: fact.infra, reviews: fact.reviews.length },
        links: fact.deployedBy ? [{ to: fact.deployedBy, relation: 'deployed_by' }] : [],
      };
    }
    case 'page':
      return {
        times: { triggeredAt: isoOf(fact.triggeredAt), firstNotifiedAt: isoOf(fact.firstNotifiedAt), acknowledgedAt: isoOf(fact.acknowledgements[0]?.at ?? null) },
        details: { service: fact.service, incident: fact.incident },
        links: [],
      };
    case 'direct_change':
      return { times: { pushedAt: isoOf(fact.pushedAt) }, details: { repo: fact.repo, sha: fact.sha }, links: [] };
    case 'postmortem':
      return { times: { publishedAt: isoOf(fact.publishedAt) }, details: { incident: fact.incident, participants: fact.authors.length + fact.contributors.length + fact.reviewers.length }, links: [] };
    case 'action_item':
      return {
        times: { createdAt: isoOf(fact.createdAt), dueAt: isoOf(fact.dueAt), closedAt: isoOf(fact.closedAt) },
        details: { incident: fact.incident, defaultDue: fact.defaultDue, outcome: fact.outcome },
        links: [],
      };
    case 'thread':
      return { times: { postedAt: isoOf(fact.root?.at ?? null) }, details: { channel: `${fact.channel.tool}:${fact.channel.id}`, replies: fact.replies.length }, links: [] };
  }
}

function explainSample(sample: KpiSample, model: MetricModel): ExplainedFact {
  const described: Described = sample.subject.kind === 'service' ? { times: {}, details: { service: sample.subject.slug }, links: [] } : describe(sample.subject, model);
  const eventIds = new Set<string>();
  for (const key of sample.contributors) for (const eventId of model.byKey.get(key)?.eventIds ?? []) eventIds.add(eventId);
  return {
    key: sample.subject.key,
    kind: sample.subject.kind,
    counted: sample.counted,
    value: sample.value,
    teams: [...sample.teams].sort(),
    services: sample.services,
    ...described,
    eventIds: [...eventIds].sort(),
  };
}

/**
 * "Explain this number": the value with the facts behind it (their milestone times, their links
 * and the linking rule), what each contributed, the numerator, denominator, sample size and how
 * the samples were aggregated. A suppressed value explains nothing.
 */
export function explainKpi(id: KpiId, model: MetricModel, context: KpiContext, version?: number): KpiExplanation {
  const definition = kpiDefinition(id, version);
  const { value, samples } = definition.samplesOf(model, context);
  return {
    value,
    definition: definition.definition,
    aggregation: AGGREGATIONS[definition.aggregation],
    sampleSize: value.sampleSize,
    ...(value.numerator === undefined ? {} : { numerator: value.numerator }),
    ...(value.denominator === undefined ? {} : { denominator: value.denominator }),
    facts: samples.map((sample) => explainSample(sample, model)).sort(byKey),
  };
}
