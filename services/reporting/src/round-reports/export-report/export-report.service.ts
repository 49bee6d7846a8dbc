import { Injectable } from '@nestjs/common';
import { GetReportService } from '../get-report/get-report.service';
import { RoundReportReadStore } from '../round-report.read-store';
import { toCsv } from './csv';
import type { CsvFile, ReportTable } from './export-report.dto';
import { ASSIGNMENT_COLUMNS, tableOf } from './report-tables';

/** A round report's tables and its assignments as CSV files (not_found for a round reporting has not heard of). */
@Injectable()
export class ExportReportService {
  constructor(
    private readonly reports: GetReportService,
    private readonly store: RoundReportReadStore,
  ) {}

  async table(roundId: string, table: ReportTable): Promise<CsvFile> {
    const [columns, rows] = tableOf(await this.reports.report(roundId), table);
    return { filename: `round-${roundId}-${table}.csv`, body: toCsv(columns, rows) };
  }

  async assignments(roundId: string): Promise<CsvFile> {
    await this.reports.report(roundId);
    return { filename: `round-${roundId}-assignments.csv`, body: toCsv(ASSIGNMENT_COLUMNS, await this.store.assignments(roundId)) };
  }
}
