import { Module } from '@nestjs/common';
import { ReportRequests } from './report-requests';
import { ReportsResolver } from './reports.resolver';

/** `requestReport`, `exportSnapshot`, `reportJob`: jobs of the reporter's queue (apps/reporter does the work). */
@Module({ providers: [ReportRequests, ReportsResolver] })
export class ReportsApiModule {}
