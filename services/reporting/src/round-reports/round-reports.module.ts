import { Module } from '@nestjs/common';
import { ExportReportHttpController } from './export-report/export-report.http.controller';
import { ExportReportService } from './export-report/export-report.service';
import { GetReportHttpController } from './get-report/get-report.http.controller';
import { GetReportService } from './get-report/get-report.service';
import { ListRoundsHttpController } from './list-rounds/list-rounds.http.controller';
import { ListRoundsService } from './list-rounds/list-rounds.service';
import { RoundReportEventsController } from './project-rounds/round-report.events.controller';
import { RoundReportProjectionStore } from './round-report.projection-store';
import { RoundReportReadStore } from './round-report.read-store';

/** Per-round reports built only from matching's round and assignment events. */
@Module({
  controllers: [RoundReportEventsController, ListRoundsHttpController, GetReportHttpController, ExportReportHttpController],
  providers: [RoundReportProjectionStore, RoundReportReadStore, GetReportService, ListRoundsService, ExportReportService],
  exports: [RoundReportReadStore],
})
export class RoundReportsModule {}
