import { dropNotifyOnChangeSql, notifyOnChangeSql } from '@civic/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The channel on which matching's database announces a committed change of the assignment table. */
export const ASSIGNMENT_CHANGES_CHANNEL = 'assignment_changes';

/** A committed change of an assignment sends NOTIFY, so the served assignment lists know when to read again (JsonAnswerCache). */
export class AssignmentChangeNotices1764100000305 implements MigrationInterface {
  name = 'AssignmentChangeNotices1764100000305';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of notifyOnChangeSql(ASSIGNMENT_CHANGES_CHANNEL, ['assignment'])) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropNotifyOnChangeSql(ASSIGNMENT_CHANGES_CHANNEL, ['assignment'])) await q.query(sql);
  }
}
