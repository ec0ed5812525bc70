import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { KpiId, KpiScope } from '@tandem/metrics';
import type { RequestLoaders } from '../context/request-loader';
import { Connection, PageArgs } from '../graphql/pagination/connection';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';

/** GraphQL types of the KPIs: plain values made from the read model's, never its records. */

@InputType('KpiScope', { description: 'Who a KPI is about: one team, two teams (a pair), or one service. Empty: the organisation.' })
export class KpiScopeInput {
  @Field(() => String, { nullable: true, description: 'A team slug.' })
  team?: string | null;

  @Field(() => [String], { nullable: true, description: 'Two team slugs: the items of both (for review rates: from the first to the second).' })
  teams?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A service slug.' })
  service?: string | null;
}

export enum Bucket {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(Bucket, { name: 'Bucket', description: "Calendar buckets of the organisation's time zone; weeks start on Monday." });

@ObjectType({ description: 'One KPI for one scope and window [from, to). value is null when there is no sample or when suppressed (never 0 for "no data").' })
export class KpiValue {
  @Field(() => String, { description: 'The KPI id (metrics.md), e.g. time_to_acknowledge.' })
  kpi!: string;

  @Field(() => Int, { description: "The KPI's definition version the value was computed with." })
  version!: number;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => String, { description: 'seconds, ratio or count.' })
  unit!: string;

  @Field(() => Int)
  sampleSize!: number;

  @Field(() => Float, { nullable: true })
  numerator!: number | null;

  @Field(() => Float, { nullable: true })
  denominator!: number | null;

  @Field(() => Float, { nullable: true })
  p90!: number | null;

  @Field(() => Float, { nullable: true })
  mean!: number | null;

  @Field(() => Boolean, { description: 'Privacy: a team below the minimum group size gets no value.' })
  suppressed!: boolean;

  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar)
  to!: Date;

  /** Not a field: what the value was computed from, for its `explain` field. */
  origin?: KpiValueOrigin;
}

/** The KPI, version, scope, window and as-of instant a value was computed for. */
export interface KpiValueOrigin {
  kpi: KpiId;
  version: number;
  scope: KpiScope;
  from: string;
  to: string;
  asOf?: string;
  /** The loaders of the subscription update the value belongs to; default: the request's. */
  loaders?: RequestLoaders;
}

@ObjectType({ description: "Every KPI of a scope and window, at a checkpoint of the projection." })
export class KpisUpdate {
  @Field(() => Int, { description: 'The projection generation (a replay swaps in a new one).' })
  generation!: number;

  @Field(() => Int, { description: 'The checkpoint the values include at least: the global position of the last event projected.' })
  position!: number;

  @Field(() => [KpiValue])
  values!: KpiValue[];
}

@ObjectType({ description: 'A KPI over one calendar bucket, cut to the window.' })
export class KpiPoint {
  @Field(() => String, { description: "The bucket's label on the organisation's calendar: 2026-03-02, 2026-03." })
  bucket!: string;

  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar)
  to!: Date;

  @Field(() => KpiValue)
  value!: KpiValue;
}

@ObjectType({ description: "Reviews by one team's people of another team's pull requests in the window." })
export class ReviewFlow {
  @Field(() => String, { description: "The reviewers' team." })
  fromTeam!: string;

  @Field(() => String, { description: "The authors' team." })
  toTeam!: string;

  @Field(() => Int)
  reviews!: number;
}

@ObjectType({ description: "An incident's lifecycle (metrics.md); null for a milestone it has not reached." })
export class IncidentMilestones {
  @Field(() => DateTimeScalar, { nullable: true })
  impactStart!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  triggered!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  acknowledged!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  mitigated!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  resolved!: Date | null;
}

@ObjectType({ description: 'A link between facts, with the rule that made it.' })
export class FactLink {
  @Field(() => String, { description: 'The key of the fact linked to.' })
  to!: string;

  @Field(() => String, { description: 'caused_by, caused, deployed_by, undone_by or undoes.' })
  relation!: string;

  @Field(() => String, { nullable: true })
  rule!: string | null;

  @Field(() => String, { nullable: true })
  evidence!: string | null;
}

@ObjectType()
export class Incident {
  @Field(() => ID, { description: "Tandem's key of the incident." })
  key!: string;

  @Field(() => String, { description: 'The tool it comes from, e.g. pagerduty.' })
  tool!: string;

  @Field(() => String, { description: "The incident's id in that tool." })
  sourceId!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  severity!: string | null;

  @Field(() => [String])
  services!: string[];

  @Field(() => [String], { description: "Its services' owning and operating teams when it was triggered." })
  teams!: string[];

  @Field(() => IncidentMilestones)
  milestones!: IncidentMilestones;

  @Field(() => String, { nullable: true })
  impactStartSource!: string | null;

  @Field(() => String, { nullable: true, description: 'explicit, same_service_window or none.' })
  linkRule!: string | null;

  @Field(() => [FactLink], { description: 'The deployments it is linked to (caused_by).' })
  links!: FactLink[];
}

@ObjectType()
export class IncidentConnection extends Connection(Incident) {
  @Field(() => Int, { description: 'All incidents of the list, over every page.' })
  totalCount!: number;
}

@ArgsType()
export class IncidentWindowArgs extends PageArgs {
  @Field(() => DateTimeScalar)
  from!: Date;

  @Field(() => DateTimeScalar)
  to!: Date;
}

@ArgsType()
export class IncidentsArgs extends IncidentWindowArgs {
  @Field(() => String, { nullable: true, description: "Only this team's incidents; all of them when left out (admins only)." })
  team?: string | null;
}

@ObjectType({ description: 'A named instant of a fact.' })
export class FactTime {
  @Field(() => String)
  name!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  at!: Date | null;
}

@ObjectType({ description: 'A named detail of a fact, as text.' })
export class FactDetail {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  value!: string | null;
}

@ObjectType({ description: 'One fact behind a value: its milestones, links and what it contributed.' })
export class ExplainedFact {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => Boolean, { description: 'In the numerator (rates) or counted (counts).' })
  counted!: boolean;

  @Field(() => Float, { nullable: true, description: 'Its duration in seconds (impact minutes for error_budget_burn); null when not a duration.' })
  value!: number | null;

  @Field(() => [String])
  teams!: string[];

  @Field(() => [String])
  services!: string[];

  @Field(() => [FactTime])
  times!: FactTime[];

  @Field(() => [FactDetail])
  details!: FactDetail[];

  @Field(() => [FactLink])
  links!: FactLink[];

  @Field(() => [String], { description: 'The events of the fact and of the facts it was joined with.' })
  eventIds!: string[];
}

@ObjectType({ description: '"Explain this number": the value with its definition and the facts behind it.' })
export class KpiExplanation {
  @Field(() => KpiValue)
  value!: KpiValue;

  @Field(() => String)
  definition!: string;

  @Field(() => String)
  aggregation!: string;

  @Field(() => [ExplainedFact])
  facts!: ExplainedFact[];
}
