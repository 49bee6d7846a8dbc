import { Module } from '@nestjs/common';
import { JsonAnswerCache } from '@civic/platform';
import { ExportReportHttpController } from './export-report/export-report.http.controller';
import { ExportReportService } from './export-report/export-report.service';
import { GetReportService } from './get-report/get-report.service';
import { GetReportHttpController, REPORT_ANSWERS, REPORT_TABLES } from './get-report/get-report.http.controller';
import { ListRoundsHttpController } from './list-rounds/list-rounds.http.controller';
import { ListRoundsService } from './list-rounds/list-rounds.service';
import { RoundReportEventsController } from './project-rounds/round-report.events.controller';
import { RoundReportProjectionStore } from './round-report.projection-store';
import { RoundReportReadStore } from './round-report.read-store';

/** Per-round reports built only from matching's round and assignment events. */
@Module({
  controllers: [RoundReportEventsController, ListRoundsHttpController, GetReportHttpController, ExportReportHttpController],
  providers: [
    // A report is a dozen aggregate queries: served again until a report table changes (64 rounds' reports at most).
    JsonAnswerCache.provider(REPORT_ANSWERS, 'report_changes', REPORT_TABLES, 64),
    RoundReportProjectionStore,
    RoundReportReadStore,
    GetReportService,
    ListRoundsService,
    ExportReportService,
  ],
  exports: [RoundReportReadStore],
})
export class RoundReportsModule {}
