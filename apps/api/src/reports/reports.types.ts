import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar } from '../graphql/scalars/date-time.scalar';

export enum ReportPeriodKind {
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(ReportPeriodKind, { name: 'ReportPeriodKind', description: "A calendar week (from Monday) or month of the reports' time zone." });

export enum SnapshotFileFormat {
  JSON = 'json',
  CSV = 'csv',
  PARQUET = 'parquet',
}
registerEnumType(SnapshotFileFormat, { name: 'SnapshotFileFormat', description: 'JSON (self-sealed), or CSV / Parquet with a .sig.json beside them.' });

export enum SnapshotBucketKind {
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(SnapshotBucketKind, { name: 'SnapshotBucketKind', description: 'One row per calendar week or month of the window instead of one for the whole window.' });

export enum ReportJobState {
  WAITING = 'waiting',
  DELAYED = 'delayed',
  ACTIVE = 'active',
  COMPLETED = 'completed',
  DEAD = 'dead',
}
registerEnumType(ReportJobState, {
  name: 'ReportJobState',
  description: 'WAITING or DELAYED (a retry after a backoff): not started; ACTIVE: running; COMPLETED: the files are written; DEAD: failed for good (see error).',
});

@ObjectType({ description: "A report or snapshot job of the reporter's queue. The same report (period and scope) or snapshot is always the same job: asking again answers it." })
export class ReportJob {
  @Field(() => ID, { description: 'Idempotent: report-week-2026-11-23-organization, report-month-2026-11-team-payments, snapshot-….' })
  id!: string;

  @Field(() => String, { description: 'report or snapshot.' })
  kind!: string;

  @Field(() => ReportJobState)
  state!: ReportJobState;

  @Field(() => Int, { description: 'Tries that failed so far (retried with backoff until the last).' })
  failedAttempts!: number;

  @Field(() => [String], { description: 'Where the files were written (on the reporter), once COMPLETED.' })
  paths!: string[];

  @Field(() => String, { nullable: true, description: "A completed report's title." })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'The last failure.' })
  error!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;
}
