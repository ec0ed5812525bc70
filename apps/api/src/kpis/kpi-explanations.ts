import { Inject, Injectable } from '@nestjs/common';
import type { KpiExplanation as MetricsKpiExplanation, KpiId, KpiScope } from '@tandem/metrics';
import { KpiReadModel } from '@tandem/projections';
import { RequestLoader, type RequestLoaders } from '../context/request-loader';
import { asUserInput, instantOf, kpiValueOf } from './kpi-inputs';
import type { KpiExplanation } from './kpis.types';

/** One "explain this number": a KPI at one of its versions, for a scope and window, as of an instant. */
export interface ExplainRequest {
  id: KpiId;
  /** The KPI's own definition version; undefined: the active one. */
  version?: number;
  scope: KpiScope;
  from: string;
  to: string;
  asOf?: string;
}

/** The scope in one key order, so that equal scopes make equal keys whatever object they came in. */
function canonicalScope(scope: KpiScope): KpiScope {
  switch (scope.kind) {
    case 'organization':
      return { kind: 'organization' };
    case 'team':
      return { kind: 'team', team: scope.team };
    case 'team_pair':
      return { kind: 'team_pair', teams: [scope.teams[0], scope.teams[1]] };
    case 'service':
      return { kind: 'service', service: scope.service };
  }
}

/** The request as its loader key (JSON, read back by the batch); absent parts as null, so equal requests make equal keys. */
function keyOf(request: ExplainRequest): string {
  return JSON.stringify([request.id, request.version ?? null, canonicalScope(request.scope), request.from, request.to, request.asOf ?? null]);
}

function requestOf(key: string): ExplainRequest {
  const [id, version, scope, from, to, asOf] = JSON.parse(key) as [KpiId, number | null, KpiScope, string, string, string | null];
  return { id, version: version ?? undefined, scope, from, to, asOf: asOf ?? undefined };
}

/** The GraphQL explanation of the metrics core's; its value keeps what it explains. */
export function explanationOf(explanation: MetricsKpiExplanation, asOf: string | undefined): KpiExplanation {
  return {
    value: kpiValueOf(explanation.value, asOf),
    definition: explanation.definition,
    aggregation: explanation.aggregation,
    facts: explanation.facts.map((fact) => ({
      key: fact.key,
      kind: fact.kind,
      counted: fact.counted,
      value: fact.value,
      teams: [...fact.teams],
      services: [...fact.services],
      times: Object.entries(fact.times).map(([name, at]) => ({ name, at: instantOf(at) })),
      details: Object.entries(fact.details).map(([name, value]) => ({ name, value: value === null ? null : String(value) })),
      links: fact.links.map((link) => ({ to: link.to, relation: link.relation, rule: link.rule ?? null, evidence: link.evidence ?? null })),
      eventIds: [...fact.eventIds],
    })),
  };
}

/**
 * The explanations of one request (the `explain` query and `KpiValue.explain`), each asked once
 * however often the request names it, and all of one request asked together. The read model
 * assembles the facts into its model once per checkpoint (concurrent calls share a refresh) and
 * keeps as-of models by instant (concurrent calls share one being built), so explaining all 18
 * KPIs of a `kpis` answer assembles the facts once, not 18 times; each explanation then only
 * collects its own KPI's samples.
 */
@Injectable()
export class KpiExplanationLoader extends RequestLoader<string, KpiExplanation> {
  constructor(@Inject(KpiReadModel) private readonly readModel: KpiReadModel) {
    super();
  }

  explain(loaders: RequestLoaders, request: ExplainRequest): Promise<KpiExplanation> {
    return this.load(loaders, keyOf(request));
  }

  protected batch(keys: readonly string[]): Promise<(KpiExplanation | Error)[]> {
    return Promise.all(
      keys.map(async (key) => {
        const request = requestOf(key);
        try {
          return explanationOf(await asUserInput(() => this.readModel.explain(request)), request.asOf);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  }
}
