/**
 * `npm run mail-samples [-- --html]`: prints one mail of every kind the notifications service sends, in English and in
 * Chinese, from fixed sample data through the service's own templates (what docs/notifications.md shows).
 */
import type { RoundFiguresV1 } from '@civic/contracts';
import { readToolArgs } from '../cli/cli-args';
import {
  ProposalLine,
  RenderedMail,
  renderDigest,
  renderExpiry,
  renderRematch,
  renderWithdrawal,
  renderReminder,
  renderRoundCompleted,
  renderRoundFailed,
} from '../../services/notifications/src/templates/templates';

const ROUND = '5f0c8a7e-2b1d-4c3e-9a61-0d2f7b8c9e10';
const deadline = new Date('2026-12-13T06:00:00Z');
const line = (p: Partial<ProposalLine>): ProposalLine => ({
  assignmentId: 'a',
  projectId: 'P00012',
  project: { name: '瑞金二路街道 老旧小区加装电梯协商（虚拟）', nameEn: 'Ruijin Road No. 2: lifts for old estates (synthetic)' },
  districtId: 'huangpu',
  issueType: 'two_old_one_village',
  expert: { name: '陈思远（虚拟）', nameEn: 'Chen Siyuan (synthetic)' },
  kind: 'teacher',
  discipline: 'sociology',
  status: 'proposed',
  deadline,
  ...p,
});
const proposals = [
  line({ assignmentId: 'a1' }),
  line({ assignmentId: 'a2', kind: 'student', expert: { name: '刘欣然（虚拟）', nameEn: 'Liu Xinran (synthetic)' }, discipline: 'social_work' }),
  line({
    assignmentId: 'a3',
    projectId: 'P00047',
    project: { name: '长宁区 社区食堂与为老服务（虚拟）', nameEn: 'Changning: a community canteen for older residents (synthetic)' },
    districtId: 'changning',
    issueType: 'elderly_care',
    expert: { name: '周敏（虚拟）', nameEn: 'Zhou Min (synthetic)' },
    discipline: 'gerontology',
  }),
];
const figures: RoundFiguresV1 = {
  projects: 175,
  experts: 1371,
  eligiblePairs: 48_210,
  requiredSlots: 702,
  coveredSlots: 702,
  coverageRatio: 1,
  weight: 512_340,
  assignments: { total: 1086, proposed: 1086, accepted: 0, declined: 0, expired: 0 },
  underfilledSlots: 0,
  unassignedExperts: 391,
};

const html = readToolArgs(process.argv.slice(2), { values: [], flags: ['html'] }, 'usage: npm run mail-samples [-- --html]').flags.has('html');
const print = (title: string, m: RenderedMail) => process.stdout.write(`===== ${title}\nSubject: ${m.subject}\n\n${html ? m.html : m.text}\n`);
const fdu = (name: string) => ({ recipientName: name, universityId: 'fdu', roundId: ROUND, proposals });

for (const [lang, name] of [['en', 'Ms Li (synthetic)'], ['zh-CN', '王老师（虚拟）']] as const) {
  print(`digest (${lang})`, renderDigest(lang, fdu(name)));
  print(`reminder 48 h before the deadline (${lang})`, renderReminder(lang, { ...fdu(name), proposals: proposals.slice(0, 2), leadSeconds: 48 * 3600 }));
  print(`expiry notice (${lang})`, renderExpiry(lang, { ...fdu(name), proposals: proposals.slice(2).map((p) => ({ ...p, status: 'expired' as const })) }));
  print(`re-match (${lang})`, renderRematch(lang, { ...fdu(name), proposals: proposals.slice(1, 2).map((p) => ({ ...p, deadline: new Date('2026-12-15T02:30:00Z') })) }));
  print(`withdrawal (${lang})`, renderWithdrawal(lang, { ...fdu(name), proposals: proposals.map((p) => ({ ...p, status: 'withdrawn' as const })), reason: 'the round used last season’s limits' }));
  print(`round completed, to administrators (${lang})`, renderRoundCompleted(lang, { roundId: ROUND, scopeKey: 'city', strategy: 'optimal', at: new Date('2026-12-06T06:00:00Z'), figures }));
  print(
    `round failed, to administrators (${lang})`,
    renderRoundFailed(lang, { roundId: ROUND, scopeKey: 'districts:huangpu', strategy: 'stable', at: new Date('2026-12-06T06:00:00Z'), phase: 'solving', reason: 'the solve took longer than ROUND_SOLVE_TIMEOUT_MS (600000 ms)' }),
  );
}
