import type { RoundFiguresV1 } from '@civic/contracts';
import { formatInstant, formatLead } from './mail-text';
import { ProposalLine, renderDigest, renderExpiry, renderReminder, renderRoundCompleted, renderRoundFailed, renderWithdrawal } from './templates';

const deadline = new Date('2026-12-08T06:30:00Z');
const line = (over: Partial<ProposalLine>): ProposalLine => ({
  assignmentId: 'a1',
  projectId: 'P00001',
  project: { name: '西凌社区微更新（合成）', nameEn: 'Xiling micro-renewal (synthetic)' },
  districtId: 'huangpu',
  issueType: 'property_governance',
  expert: { name: '张伟（虚拟）', nameEn: 'Zhang Wei (synthetic)' },
  kind: 'teacher',
  discipline: 'sociology',
  status: 'proposed',
  deadline,
  ...over,
});
const proposals = [
  line({}),
  line({ assignmentId: 'a2', kind: 'student', expert: { name: '李娜（虚拟）', nameEn: null } }),
  line({ assignmentId: 'a3', projectId: 'P00002', project: { name: '<b>老街</b>', nameEn: null }, status: 'accepted' }),
];
const context = { recipientName: 'Ms Li', universityId: 'fdu', roundId: 'r-1', proposals };

describe('mail templates', () => {
  it('a withdrawal names how many proposals were taken back and why, in either language, and asks for no answer', () => {
    const withdrawn = proposals.slice(0, 2).map((p) => ({ ...p, status: 'withdrawn' as const }));
    const en = renderWithdrawal('en', { ...context, proposals: withdrawn, reason: 'wrong scope' });
    expect(en.subject).toBe('Civic Match: 2 proposals for Fudan University withdrawn');
    expect(en.text).toContain('so they need no answer. Their reason: wrong scope');
    expect(en.text).toContain('  - Zhang Wei (synthetic), teacher, Sociology');
    const zh = renderWithdrawal('zh-CN', { ...context, proposals: withdrawn.slice(0, 1), reason: '范围有误' });
    expect(zh.subject).toBe('Civic Match：复旦大学的 1 项推荐已撤回');
    expect(zh.text).toContain('撤回原因：范围有误');
  });

  it('a digest in English: university, district, issue type and discipline from the catalogue, English names where registered', () => {
    const m = renderDigest('en', context);
    expect(m.subject).toBe('Civic Match: 3 new proposals for Fudan University (2 projects)');
    expect(m.text).toContain('Dear Ms Li,');
    expect(m.text).toContain('■ Xiling micro-renewal (synthetic) (P00001) — Huangpu');
    expect(m.text).toContain('  - Zhang Wei (synthetic), teacher, Sociology [awaiting your answer]');
    // No English name registered: the registered one.
    expect(m.text).toContain('  - 李娜（虚拟）, student, Sociology');
    expect(m.text).toContain('[accepted]');
    expect(m.text).toContain('8 Dec 2026, 14:30 (Shanghai time)');
    expect(m.text).not.toContain('console');
  });

  it('a digest in Chinese uses the Chinese names, and the HTML form escapes what it prints', () => {
    const m = renderDigest('zh-CN', { ...context, recipientName: '王老师', consoleUrl: 'https://console.example.org/' });
    expect(m.subject).toBe('Civic Match：复旦大学有 3 项新的推荐（2 个项目）');
    expect(m.text).toContain('王老师，您好：');
    expect(m.text).toContain('■ 西凌社区微更新（合成） (P00001) — 黄浦区');
    expect(m.text).toContain('张伟（虚拟），教师，社会学');
    expect(m.text).toContain('2026年12月8日 14:30（北京时间）');
    expect(m.text).toContain('在控制台中查看: https://console.example.org/');
    expect(m.html).toContain('&lt;b&gt;老街&lt;/b&gt;');
    expect(m.html).not.toContain('<b>老街</b>');
    expect(m.html).toContain('<html lang="zh-CN">');
  });

  it('a reminder says how long is left; an expiry notice lists what expired', () => {
    const r = renderReminder('en', { ...context, proposals: proposals.slice(0, 2), leadSeconds: 86_400 });
    expect(r.subject).toBe('Reminder: 2 proposals for Fudan University expire in 24 hours');
    expect(renderReminder('zh-CN', { ...context, proposals: proposals.slice(0, 1), leadSeconds: 172_800 }).subject).toBe('提醒：复旦大学有 1 项推荐将在2天后过期');
    const x = renderExpiry('en', { ...context, proposals: proposals.slice(0, 1) });
    expect(x.subject).toBe('1 proposal for Fudan University expired unanswered');
    expect(x.text).toContain('P00001');
  });

  it("the administrators' mails carry the round's headline figures or its failure", () => {
    const figures: RoundFiguresV1 = {
      projects: 175, experts: 1371, eligiblePairs: 9000, requiredSlots: 600, coveredSlots: 597, coverageRatio: 0.995, weight: 123,
      assignments: { total: 700, proposed: 700, accepted: 0, declined: 0, expired: 0 }, underfilledSlots: 3, unassignedExperts: 10,
    };
    const c = renderRoundCompleted('en', { roundId: 'r-1', scopeKey: 'city', strategy: 'optimal', at: deadline, figures });
    expect(c.subject).toBe('Round completed: 700 proposals, coverage 99.5% (city, optimal)');
    expect(c.text).toContain('Places below their minimum: 3');
    const f = renderRoundFailed('zh-CN', { roundId: 'r-1', scopeKey: 'city', strategy: 'stable', at: deadline, phase: 'solving', reason: 'solve timed out' });
    expect(f.subject).toBe('匹配轮次失败（solving 阶段，city，stable）');
    expect(f.text).toContain('原因: solve timed out');
  });

  it('formats leads and instants in the reader language', () => {
    expect([20, 60, 90 * 60, 3600, 86_400, 172_800].map((s) => formatLead(s, 'en'))).toEqual(['20 seconds', '1 minute', '90 minutes', '1 hour', '24 hours', '2 days']);
    expect(formatInstant(new Date('2026-01-31T16:05:00Z'), 'en')).toBe('1 Feb 2026, 00:05 (Shanghai time)');
  });
});
