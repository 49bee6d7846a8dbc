import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/** The tables of a round report that export to CSV. */
export const REPORT_TABLES = [
  'summary',
  'districts',
  'issue-types',
  'universities',
  'disciplines',
  'unfilled',
  'decline-reasons',
  'comparison',
  'teams',
  'lead-universities',
  'policy-comparison',
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export class ReportCsvQuery {
  @ApiProperty({ enum: REPORT_TABLES, example: 'districts' })
  @IsIn(REPORT_TABLES as unknown as string[], { message: `table must be one of ${REPORT_TABLES.join(', ')}` })
  table!: ReportTable;
}

/** A CSV download: its file name and its body. */
export interface CsvFile {
  filename: string;
  body: string;
}
