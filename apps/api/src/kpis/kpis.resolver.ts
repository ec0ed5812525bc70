import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { PUB_SUB, type PubSub } from '@tandem/live-updates';
import type { KpiSeriesPoint } from '@tandem/metrics';
import { KPIS_UPDATED_TOPIC, KpiReadModel, type KpisUpdated } from '@tandem/projections';
import { TeamScoped } from '../access/access.decorators';
import type { ApiContext } from '../context/api-context';
import { badUserInput } from '../graphql/errors/api-errors';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { DirectoryService } from '../organization/directory.service';
import { emptyIncidentConnection, incidentConnectionOf, incidentPageRequest } from './incident-connections';
import { KpiExplanationLoader } from './kpi-explanations';
import { KpiUpdates } from './kpi-updates';
import { asUserInput, kpiIdOf, kpiValueOf, requireScopeDetail, scopeOf, windowOf } from './kpi-inputs';
import { Bucket, IncidentConnection, IncidentsArgs, KpiExplanation, KpiPoint, KpiScopeInput, KpisUpdate, KpiValue, ReviewFlow } from './kpis.types';

/** The GraphQL points of a series the read model keeps (the same array while it keeps it): converted once. */
const convertedSeries = new WeakMap<readonly KpiSeriesPoint[], KpiPoint[]>();

function kpiPointsOf(points: readonly KpiSeriesPoint[]): KpiPoint[] {
  let converted = convertedSeries.get(points);
  if (converted === undefined) {
    converted = points.map((point) => {
      const value = kpiValueOf(point.value);
      return { bucket: point.bucket, from: value.from, to: value.to, value };
    });
    convertedSeries.set(points, converted);
  }
  return converted;
}

/**
 * The KPIs from the projection's read models. Organisation, team and service values are for every
 * role (teams below the minimum group size are suppressed by the metrics core); the facts behind
 * a value and the incident list are person-level detail: admins, and the leads of the scope's teams.
 */
@Resolver()
export class KpisResolver {
  constructor(
    @Inject(KpiReadModel) private readonly readModel: KpiReadModel,
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(KpiExplanationLoader) private readonly explanations: KpiExplanationLoader,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
  ) {}

  @Query(() => [KpiValue], { description: 'Every KPI for one scope and window [from, to).' })
  async kpis(
    @Args('scope', { type: () => KpiScopeInput, nullable: true, description: 'Empty: the organisation.' }) scope: KpiScopeInput | null,
    @Args('from', { type: () => DateTimeScalar }) from: Date,
    @Args('to', { type: () => DateTimeScalar }) to: Date,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true, description: 'Only what was recorded before this instant (late events left out).' }) asOf: Date | null,
    @Args('version', { type: () => Int, nullable: true, description: "The definitions version (each KPI's highest version not above it); default: the active one." })
    version: number | null,
  ): Promise<KpiValue[]> {
    const window = windowOf(from, to);
    const kpiScope = scopeOf(scope, this.directory.current());
    const asOfInstant = asOf?.toISOString();
    const values = await asUserInput(() => this.readModel.kpis({ ...window, scope: kpiScope, asOf: asOfInstant, version: version ?? undefined }));
    return values.map((value) => kpiValueOf(value, asOfInstant));
  }

  @Query(() => [KpiPoint], { description: "One KPI per calendar bucket of the organisation's time zone; the first and last buckets cut to the window." })
  async kpiSeries(
    @Args('id', { type: () => String }) id: string,
    @Args('scope', { type: () => KpiScopeInput, nullable: true }) scope: KpiScopeInput | null,
    @Args('from', { type: () => DateTimeScalar }) from: Date,
    @Args('to', { type: () => DateTimeScalar }) to: Date,
    @Args('bucket', { type: () => Bucket }) bucket: Bucket,
  ): Promise<KpiPoint[]> {
    const kpi = kpiIdOf(id);
    const window = windowOf(from, to);
    const kpiScope = scopeOf(scope, this.directory.current());
    return kpiPointsOf(await asUserInput(() => this.readModel.kpiSeries({ ...window, id: kpi, scope: kpiScope, bucket })));
  }

  @Query(() => [ReviewFlow], { description: "Reviews by each team's people of each team's pull requests in the window (teams below the minimum group size left out)." })
  async reviewMatrix(@Args('from', { type: () => DateTimeScalar }) from: Date, @Args('to', { type: () => DateTimeScalar }) to: Date): Promise<ReviewFlow[]> {
    const window = windowOf(from, to);
    const matrix = await asUserInput(() => this.readModel.reviewMatrix(window));
    return matrix.cells.map((cell) => ({ fromTeam: cell.reviewerTeam, toTeam: cell.authorTeam, reviews: cell.reviews }));
  }

  @Query(() => IncidentConnection, {
    description: "The incidents triggered in the window, earliest first, with their milestones. A team's: for admins and its leads; all: for admins.",
  })
  @TeamScoped()
  async incidents(@Args({ type: () => IncidentsArgs }) args: IncidentsArgs): Promise<IncidentConnection> {
    const window = windowOf(args.from, args.to);
    const team = args.team ?? undefined;
    if (team !== undefined) scopeOf({ team }, this.directory.current());
    const request = incidentPageRequest(args);
    if (request.first === 0) return emptyIncidentConnection(request);
    return incidentConnectionOf(await asUserInput(() => this.readModel.incidents({ ...window, team, ...request })), request);
  }

  @Subscription(() => KpisUpdate, {
    description:
      "Every KPI of a scope and window: now, then each time the projection's read models moved and one of the values changed (a slow subscriber gets the latest numbers, not every step).",
    resolve: (update: KpisUpdate) => update,
  })
  async kpisUpdated(
    @Args('scope', { type: () => KpiScopeInput, nullable: true, description: 'Empty: the organisation.' }) scope: KpiScopeInput | null,
    @Args('from', { type: () => DateTimeScalar }) from: Date,
    @Args('to', { type: () => DateTimeScalar }) to: Date,
  ): Promise<AsyncIterableIterator<KpisUpdate>> {
    const window = windowOf(from, to);
    const kpiScope = scopeOf(scope, this.directory.current());
    const notifications = await this.pubSub.subscribe<KpisUpdated>(KPIS_UPDATED_TOPIC);
    return new KpiUpdates(notifications, async () => {
      // The checkpoint first: the values, read after it, include at least what it names.
      const { generation, position } = await this.readModel.position();
      return { generation, position, values: await this.readModel.kpis({ ...window, scope: kpiScope }) };
    });
  }

  @Query(() => KpiExplanation, { description: '"Explain this number": one KPI with the facts behind it (as KpiValue.explain). For admins and the leads of the scope\'s teams.' })
  async explain(
    @Args('id', { type: () => String }) id: string,
    @Args('scope', { type: () => KpiScopeInput, nullable: true }) scope: KpiScopeInput | null,
    @Args('from', { type: () => DateTimeScalar }) from: Date,
    @Args('to', { type: () => DateTimeScalar }) to: Date,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf: Date | null,
    @Args('version', { type: () => Int, nullable: true, description: "The KPI's own definition version (KpiValue.version); default: the active one." })
    version: number | null,
    @Context() context: ApiContext,
  ): Promise<KpiExplanation> {
    const kpi = kpiIdOf(id);
    const window = windowOf(from, to);
    const directory = this.directory.current();
    const kpiScope = scopeOf(scope, directory);
    requireScopeDetail(context.viewer, kpiScope, directory, 'Query.explain');
    if (version !== null && version !== undefined && (!Number.isSafeInteger(version) || version < 1)) throw badUserInput(`version must be a positive integer; got ${version}`, { argument: 'version' });
    return this.explanations.explain(context.loaders, { id: kpi, scope: kpiScope, ...window, asOf: asOf?.toISOString(), version: version ?? undefined });
  }
}

/** `KpiValue.explain`: the explanation the `explain` query gives for the value's KPI, version, scope, window and as-of. */
@Resolver(() => KpiValue)
export class KpiValueResolver {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(KpiExplanationLoader) private readonly explanations: KpiExplanationLoader,
  ) {}

  @ResolveField(() => KpiExplanation, {
    nullable: true,
    description: '"Explain this number": the facts behind this value. For admins and the leads of the scope\'s teams (null and FORBIDDEN otherwise).',
  })
  async explain(@Parent() value: KpiValue, @Context() context: ApiContext): Promise<KpiExplanation> {
    const origin = value.origin;
    if (!origin) throw new Error(`KpiValue ${value.kpi} was made without its origin`);
    requireScopeDetail(context.viewer, origin.scope, this.directory.current(), 'KpiValue.explain');
    return this.explanations.explain(origin.loaders ?? context.loaders, { id: origin.kpi, version: origin.version, scope: origin.scope, from: origin.from, to: origin.to, asOf: origin.asOf });
  }
}
