import type { AssignmentStatus, CoordinatorLanguage, ExpertKind, RoundFiguresV1 } from '@civic/contracts';
import { catalogueName, formatInstant, formatLead, html, personOrProjectName, WORDS } from './mail-text';

/** What a mail says: subject, plain text and HTML (the same content). */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One proposal as a mail lists it. */
export interface ProposalLine {
  assignmentId: string;
  projectId: string;
  project: { name: string; nameEn: string | null };
  districtId: string;
  issueType: string;
  expert: { name: string; nameEn: string | null };
  kind: ExpertKind;
  discipline: string;
  status: AssignmentStatus;
  deadline: Date;
}

/** What every mail to a university's coordinator knows. */
export interface UniversityMailContext {
  recipientName: string;
  universityId: string;
  roundId: string;
  proposals: ProposalLine[];
  /** A link to the university's proposals in the console, when the console's address is configured. */
  consoleUrl?: string;
}

/** A paragraph of a mail: its text and HTML forms. */
interface Block {
  text: string;
  html: string;
}

const para = (text: string): Block => ({ text, html: `<p>${html(text)}</p>` });

/** The proposals grouped by project, each with its people, in the reader's language. */
function proposalList(proposals: readonly ProposalLine[], lang: CoordinatorLanguage, showStatus: boolean): Block {
  const w = WORDS[lang];
  const byProject = new Map<string, ProposalLine[]>();
  // Per project, teachers before students.
  const rank = (p: ProposalLine) => (p.kind === 'teacher' ? 0 : 1);
  for (const p of [...proposals].sort((a, b) => a.projectId.localeCompare(b.projectId) || rank(a) - rank(b) || a.assignmentId.localeCompare(b.assignmentId))) {
    byProject.set(p.projectId, [...(byProject.get(p.projectId) ?? []), p]);
  }
  const text: string[] = [];
  const out: string[] = [];
  for (const [projectId, lines] of byProject) {
    const first = lines[0];
    const where = `${catalogueName('district', first.districtId, lang)} · ${catalogueName('issueType', first.issueType, lang)}`;
    const title = `${personOrProjectName(first.project, lang)} (${projectId}) — ${where}`;
    text.push(`■ ${title}`);
    out.push(`<h3 style="margin:16px 0 4px">${html(title)}</h3><ul style="margin:0">`);
    for (const p of lines) {
      const person = [personOrProjectName(p.expert, lang), p.kind === 'teacher' ? w.teacher : w.student, catalogueName('discipline', p.discipline, lang)].join(w.comma);
      const status = showStatus ? ` [${w.status[p.status] ?? p.status}]` : '';
      text.push(`  - ${person}${status}`);
      out.push(`<li>${html(person)}${status ? ` <em>${html(status.trim())}</em>` : ''}</li>`);
    }
    out.push('</ul>');
  }
  return { text: text.join('\n'), html: out.join('\n') };
}

function compose(subject: string, lang: CoordinatorLanguage, blocks: Block[]): RenderedMail {
  const footer = WORDS[lang].footer;
  return {
    subject,
    text: [...blocks.map((b) => b.text), '--', footer].join('\n\n') + '\n',
    html:
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${html(subject)}</title></head>` +
      `<body style="font-family:sans-serif;line-height:1.5">\n${blocks.map((b) => b.html).join('\n')}\n` +
      `<hr><p style="color:#666;font-size:small">${html(footer)}</p></body></html>\n`,
  };
}

function link(url: string | undefined, lang: CoordinatorLanguage): Block[] {
  if (!url) return [];
  return [{ text: `${WORDS[lang].open}: ${url}`, html: `<p><a href="${html(url)}">${html(WORDS[lang].open)}</a></p>` }];
}

/** The distinct deadlines of a list of proposals, formatted. */
function deadlines(proposals: readonly ProposalLine[], lang: CoordinatorLanguage): string {
  return [...new Set(proposals.map((p) => p.deadline.getTime()))].sort().map((t) => formatInstant(new Date(t), lang)).join(', ');
}

/** The digest of a round's proposals to one university. */
export function renderDigest(lang: CoordinatorLanguage, c: UniversityMailContext): RenderedMail {
  const university = catalogueName('university', c.universityId, lang);
  const n = c.proposals.length;
  const projects = new Set(c.proposals.map((p) => p.projectId)).size;
  const subject =
    lang === 'en'
      ? `Civic Match: ${n} new proposal${n === 1 ? '' : 's'} for ${university} (${projects} project${projects === 1 ? '' : 's'})`
      : `Civic Match：${university}有 ${n} 项新的推荐（${projects} 个项目）`;
  const intro =
    lang === 'en'
      ? `A matching round has proposed ${n} of ${university}'s experts to ${projects} community project${projects === 1 ? '' : 's'}. Please accept or decline each proposal by ${deadlines(c.proposals, lang)}; a proposal left unanswered then expires and its place goes to someone else.`
      : `本轮匹配为${university}的 ${n} 位专家推荐了 ${projects} 个社区项目。请在 ${deadlines(c.proposals, lang)} 前逐项接受或谢绝；逾期未答复的推荐将过期，名额将另行分配。`;
  return compose(subject, lang, [para(WORDS[lang].greeting(c.recipientName)), para(intro), proposalList(c.proposals, lang, true), ...link(c.consoleUrl, lang), para(`${WORDS[lang].round} ${c.roundId}`)]);
}

/** A reminder: proposals still awaiting an answer some time before their deadline. */
export function renderReminder(lang: CoordinatorLanguage, c: UniversityMailContext & { leadSeconds: number }): RenderedMail {
  const university = catalogueName('university', c.universityId, lang);
  const n = c.proposals.length;
  const lead = formatLead(c.leadSeconds, lang);
  const subject =
    lang === 'en'
      ? `Reminder: ${n} proposal${n === 1 ? '' : 's'} for ${university} expire in ${lead}`
      : `提醒：${university}有 ${n} 项推荐将在${lead}后过期`;
  const intro =
    lang === 'en'
      ? `${n} proposal${n === 1 ? ' still awaits' : 's still await'} your answer. The deadline is ${deadlines(c.proposals, lang)}, in about ${lead}.`
      : `以下 ${n} 项推荐仍待您答复。截止时间为 ${deadlines(c.proposals, lang)}，约${lead}后。`;
  return compose(subject, lang, [para(WORDS[lang].greeting(c.recipientName)), para(intro), proposalList(c.proposals, lang, false), ...link(c.consoleUrl, lang), para(`${WORDS[lang].round} ${c.roundId}`)]);
}

/** Proposals that expired unanswered. */
export function renderExpiry(lang: CoordinatorLanguage, c: UniversityMailContext): RenderedMail {
  const university = catalogueName('university', c.universityId, lang);
  const n = c.proposals.length;
  const subject = lang === 'en' ? `${n} proposal${n === 1 ? '' : 's'} for ${university} expired unanswered` : `${university}有 ${n} 项推荐逾期未答复，已过期`;
  const intro =
    lang === 'en'
      ? `No answer arrived by the deadline, ${deadlines(c.proposals, lang)}, for these proposals. They have expired, and the matching service offers their places to other experts.`
      : `以下推荐在截止时间（${deadlines(c.proposals, lang)}）前未获答复，已过期；匹配服务将把这些名额另行推荐给其他专家。`;
  return compose(subject, lang, [para(WORDS[lang].greeting(c.recipientName)), para(intro), proposalList(c.proposals, lang, false), para(`${WORDS[lang].round} ${c.roundId}`)]);
}

/** New proposals after a re-match (declined or expired places filled again). */
export function renderRematch(lang: CoordinatorLanguage, c: UniversityMailContext): RenderedMail {
  const university = catalogueName('university', c.universityId, lang);
  const n = c.proposals.length;
  const subject = lang === 'en' ? `Civic Match: ${n} new proposal${n === 1 ? '' : 's'} for ${university} after a re-match` : `Civic Match：重新匹配后${university}有 ${n} 项新的推荐`;
  const intro =
    lang === 'en'
      ? `Places that were declined or expired have been matched again. ${n} new proposal${n === 1 ? ' asks' : 's ask'} for ${university}'s experts; please answer by ${deadlines(c.proposals, lang)}.`
      : `被谢绝或过期的名额已重新匹配，新增 ${n} 项推荐涉及${university}的专家，请在 ${deadlines(c.proposals, lang)} 前答复。`;
  return compose(subject, lang, [para(WORDS[lang].greeting(c.recipientName)), para(intro), proposalList(c.proposals, lang, true), ...link(c.consoleUrl, lang), para(`${WORDS[lang].round} ${c.roundId}`)]);
}

/** Proposals an administrator withdrew with their round (and why): the coordinator need not answer them. */
export function renderWithdrawal(lang: CoordinatorLanguage, c: UniversityMailContext & { reason: string }): RenderedMail {
  const university = catalogueName('university', c.universityId, lang);
  const n = c.proposals.length;
  const subject =
    lang === 'en' ? `Civic Match: ${n} proposal${n === 1 ? '' : 's'} for ${university} withdrawn` : `Civic Match：${university}的 ${n} 项推荐已撤回`;
  const intro =
    lang === 'en'
      ? `The administrators withdrew the round these proposals came from, so ${n === 1 ? 'it needs' : 'they need'} no answer. Their reason: ${c.reason}`
      : `管理员已撤回这些推荐所属的匹配轮次，无需再答复。撤回原因：${c.reason}`;
  return compose(subject, lang, [para(WORDS[lang].greeting(c.recipientName)), para(intro), proposalList(c.proposals, lang, false), para(`${WORDS[lang].round} ${c.roundId}`)]);
}

/** What an administrators' mail about a round knows. */
export interface RoundMailContext {
  roundId: string;
  scopeKey: string;
  strategy: string;
  at: Date;
}

function figureTable(rows: Array<[string, string | number]>): Block {
  return {
    text: rows.map(([k, v]) => `${k}: ${v}`).join('\n'),
    html: `<table>${rows.map(([k, v]) => `<tr><th style="text-align:left;padding-right:12px">${html(k)}</th><td>${html(v)}</td></tr>`).join('')}</table>`,
  };
}

/** To administrators: a real round completed, with its headline figures. */
export function renderRoundCompleted(lang: CoordinatorLanguage, c: RoundMailContext & { figures: RoundFiguresV1 }): RenderedMail {
  const f = c.figures;
  const pct = `${(f.coverageRatio * 100).toFixed(1)}%`;
  const en = lang === 'en';
  const subject = en ? `Round completed: ${f.assignments.total} proposals, coverage ${pct} (${c.scopeKey}, ${c.strategy})` : `匹配轮次已完成：${f.assignments.total} 项推荐，覆盖率 ${pct}（${c.scopeKey}，${c.strategy}）`;
  const rows: Array<[string, string | number]> = en
    ? [
        ['Round', c.roundId],
        ['Scope', c.scopeKey],
        ['Strategy', c.strategy],
        ['Completed', formatInstant(c.at, lang)],
        ['Projects', f.projects],
        ['Experts', f.experts],
        ['Proposals', f.assignments.total],
        ['Required places (team minimums)', f.requiredSlots],
        ['Covered places', f.coveredSlots],
        ['Coverage', pct],
        ['Places below their minimum', f.underfilledSlots],
        ['Experts without a proposal', f.unassignedExperts],
      ]
    : [
        ['轮次', c.roundId],
        ['范围', c.scopeKey],
        ['策略', c.strategy],
        ['完成时间', formatInstant(c.at, lang)],
        ['项目数', f.projects],
        ['专家数', f.experts],
        ['推荐数', f.assignments.total],
        ['最低配置名额', f.requiredSlots],
        ['已覆盖名额', f.coveredSlots],
        ['覆盖率', pct],
        ['未达最低配置的名额', f.underfilledSlots],
        ['未获推荐的专家', f.unassignedExperts],
      ];
  const intro = en ? 'A matching round completed and its proposals went out to the universities (one digest each).' : '一轮匹配已完成，推荐已发送至各高校（每校一封汇总邮件）。';
  return compose(subject, lang, [para(intro), figureTable(rows)]);
}

/** To administrators: a real round failed. */
export function renderRoundFailed(lang: CoordinatorLanguage, c: RoundMailContext & { phase: string; reason: string }): RenderedMail {
  const en = lang === 'en';
  const subject = en ? `Round failed during ${c.phase} (${c.scopeKey}, ${c.strategy})` : `匹配轮次失败（${c.phase} 阶段，${c.scopeKey}，${c.strategy}）`;
  const intro = en ? 'A matching round failed; it proposed nothing. Start it again once the cause is dealt with.' : '一轮匹配失败，未产生任何推荐。排除原因后请重新发起。';
  const rows: Array<[string, string | number]> = en
    ? [['Round', c.roundId], ['Scope', c.scopeKey], ['Strategy', c.strategy], ['Failed', formatInstant(c.at, lang)], ['Phase', c.phase], ['Reason', c.reason]]
    : [['轮次', c.roundId], ['范围', c.scopeKey], ['策略', c.strategy], ['失败时间', formatInstant(c.at, lang)], ['阶段', c.phase], ['原因', c.reason]];
  return compose(subject, lang, [para(intro), figureTable(rows)]);
}
