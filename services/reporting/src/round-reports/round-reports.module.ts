import { Module } from '@nestjs/common';
import { RoundReportHttpController } from './get-report/round-report.http.controller';
import { RoundReportQueries } from './get-report/round-report.queries';
import { RoundReportEventsController } from './project-rounds/round-report.events.controller';

/** Per-round reports built only from matching's round and assignment events. */
@Module({ controllers: [RoundReportEventsController, RoundReportHttpController], providers: [RoundReportQueries] })
export class RoundReportsModule {}
