import { dropNotifyOnChangeSql, notifyOnChangeSql } from '@civic/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel on which reporting's database announces a committed change of a report table. */
export const REPORT_CHANGES_CHANNEL = 'report_changes';

/** Every table a round report is read from (RoundReportReadStore); a new one must be added here. */
export const REPORT_TABLES = ['report_round', 'report_round_project', 'report_round_experts', 'report_assignment', 'report_draft_assignment'] as const;

/** A committed change of any report table sends NOTIFY, so the served reports know when to read again (JsonAnswerCache). */
export class ReportChangeNotices1764100000406 implements MigrationInterface {
  name = 'ReportChangeNotices1764100000406';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of notifyOnChangeSql(REPORT_CHANGES_CHANNEL, REPORT_TABLES)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropNotifyOnChangeSql(REPORT_CHANGES_CHANNEL, REPORT_TABLES)) await q.query(sql);
  }
}
