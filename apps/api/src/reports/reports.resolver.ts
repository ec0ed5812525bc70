import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { canSeeTeamDetail } from '@tandem/auth';
import { Roles } from '../access/access.decorators';
import type { ApiContext } from '../context/api-context';
import { forbidden } from '../graphql/errors/api-errors';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';
import { ReportRequests } from './report-requests';
import { ReportJob, ReportPeriodKind, SnapshotBucketKind, SnapshotFileFormat } from './reports.types';

/**
 * Leadership reports and KPI snapshots on demand (issue 8): each mutation enqueues a job of the
 * reporter's queue and answers it; `reportJob` follows it until its files are written.
 */
@Resolver()
export class ReportsResolver {
  constructor(@Inject(ReportRequests) private readonly requests: ReportRequests) {}

  @Mutation(() => ReportJob, {
    description:
      "Asks for the leadership report of the last complete week or month before `at` (default now), for the organisation or one team (admins, and leads for the organisation's report and their teams'). The same period and scope always answer the same job.",
  })
  @Roles('admin', 'lead')
  requestReport(
    @Args('period', { type: () => ReportPeriodKind }) period: ReportPeriodKind,
    @Args('team', { type: () => ID, nullable: true, description: "A team's slug; none for the organisation's report." }) team: string | null,
    @Args('at', { type: () => DateTimeScalar, nullable: true }) at: Date | null,
    @Context() context: ApiContext,
  ): Promise<ReportJob> {
    const { viewer } = context;
    if (team && !canSeeTeamDetail(viewer, team)) throw forbidden(`The report of ${team} is for admins and the team's leads.`);
    return this.requests.report({ period, team: team ?? null, at: at ?? null });
  }

  @Mutation(() => ReportJob, {
    description: 'Asks for a signed KPI snapshot of [from, to) as of `asOf` (default: now, to the second), written by the reporter (admins: a snapshot holds every team’s KPIs).',
  })
  @Roles('admin')
  exportSnapshot(
    @Args('from', { type: () => DateTimeScalar }) from: Date,
    @Args('to', { type: () => DateTimeScalar }) to: Date,
    @Args('asOf', { type: () => DateTimeScalar, nullable: true }) asOf: Date | null,
    @Args('format', { type: () => SnapshotFileFormat }) format: SnapshotFileFormat,
    @Args('bucket', { type: () => SnapshotBucketKind, nullable: true }) bucket: SnapshotBucketKind | null,
  ): Promise<ReportJob> {
    return this.requests.snapshot({ from, to, asOf: asOf ?? null, format, bucket: bucket ?? null });
  }

  @Query(() => ReportJob, { description: 'A report or snapshot job asked for by requestReport, exportSnapshot or a schedule: its state, and where its files are.' })
  @Roles('admin', 'lead')
  reportJob(@Args('id', { type: () => ID }) id: string, @Context() context: ApiContext): Promise<ReportJob> {
    return this.requests.find(id, context.viewer);
  }
}
