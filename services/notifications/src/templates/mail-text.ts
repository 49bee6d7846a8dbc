import { findDiscipline, findDistrict, findIssueType, findUniversity } from '@civic/catalogue';
import type { CoordinatorLanguage } from '@civic/contracts';

/** The fixed words of every mail, per language. */
export const WORDS = {
  'zh-CN': {
    greeting: (name: string) => `${name}，您好：`,
    teacher: '教师',
    student: '学生',
    deadline: '答复截止',
    project: '项目',
    people: '推荐人选',
    status: { proposed: '待答复', accepted: '已接受', declined: '已谢绝', expired: '已过期', withdrawn: '已撤回' } as Record<string, string>,
    open: '在控制台中查看',
    footer: '此邮件由 Civic Match（美好社区 先锋行动 匹配平台）自动发送，请勿直接回复。',
    timeZone: '北京时间',
    round: '轮次',
    comma: '，',
  },
  en: {
    greeting: (name: string) => `Dear ${name},`,
    teacher: 'teacher',
    student: 'student',
    deadline: 'Answer by',
    project: 'Project',
    people: 'Proposed',
    status: { proposed: 'awaiting your answer', accepted: 'accepted', declined: 'declined', expired: 'expired', withdrawn: 'withdrawn' } as Record<string, string>,
    open: 'Open in the console',
    footer: "Sent automatically by Civic Match (the matching platform of Shanghai's 美好社区 先锋行动); please do not reply.",
    timeZone: 'Shanghai time',
    round: 'Round',
    comma: ', ',
  },
} as const;

/** A catalogue name in the reader's language, or the id when the catalogue does not know it. */
export function catalogueName(kind: 'university' | 'district' | 'issueType' | 'discipline', id: string, lang: CoordinatorLanguage): string {
  const entry =
    kind === 'university' ? findUniversity(id) : kind === 'district' ? findDistrict(id) : kind === 'issueType' ? findIssueType(id) : findDiscipline(id);
  if (!entry) return id;
  return lang === 'en' ? entry.en : entry.zh;
}

/** A registered name in the reader's language: the English one for English readers when it was registered. */
export function personOrProjectName(name: { name: string; nameEn: string | null }, lang: CoordinatorLanguage): string {
  return lang === 'en' && name.nameEn ? name.nameEn : name.name;
}

/** An instant in Shanghai time, as a reader of that language writes it. */
export function formatInstant(at: Date, lang: CoordinatorLanguage): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [day, month] = [Number(parts.day), Number(parts.month)];
  return lang === 'en'
    ? `${day} ${months[month - 1]} ${parts.year}, ${parts.hour}:${parts.minute} (${WORDS.en.timeZone})`
    : `${parts.year}年${month}月${day}日 ${parts.hour}:${parts.minute}（${WORDS['zh-CN'].timeZone}）`;
}

/** A number of seconds before a deadline, in words. */
export function formatLead(seconds: number, lang: CoordinatorLanguage): string {
  const [n, unit] =
    seconds % 86_400 === 0 && seconds >= 172_800
      ? [seconds / 86_400, lang === 'en' ? 'days' : '天']
      : seconds % 3600 === 0
        ? [seconds / 3600, lang === 'en' ? (seconds === 3600 ? 'hour' : 'hours') : '小时']
        : seconds % 60 === 0
          ? [seconds / 60, lang === 'en' ? (seconds === 60 ? 'minute' : 'minutes') : '分钟']
          : [seconds, lang === 'en' ? (seconds === 1 ? 'second' : 'seconds') : '秒'];
  return lang === 'en' ? `${n} ${unit}` : `${n}${unit}`;
}

/** Escapes text for HTML. */
export function html(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
