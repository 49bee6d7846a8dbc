import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './messages.en';
import { zhCN, type MessageKey } from './messages.zh-CN';

export type Language = 'zh-CN' | 'en';
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'civic-console-language';

/** A name in both languages, as the data and the catalogue hold it. */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface I18n {
  language: Language;
  setLanguage(l: Language): void;
  /** The message of `key` with `{name}` placeholders filled. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A name in the chosen language (English falls back to Chinese where the data has none). */
  name(x: { name: string; nameEn?: string | null } | Bilingual | undefined, fallback?: string): string;
  /** A date and time in Shanghai time. */
  dateTime(iso: string | Date): string;
  number(n: number, digits?: number): string;
  percent(ratio: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN'));
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = language;
    const catalogue = CATALOGUES[language];
    const dateFormat = new Intl.DateTimeFormat(language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' });
    return {
      language,
      setLanguage(l) {
        localStorage.setItem(STORAGE_KEY, l);
        setLanguageState(l);
      },
      t(key, params) {
        const text = catalogue[key] ?? key;
        return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`)) : text;
      },
      name(x, fallback = '') {
        if (!x) return fallback;
        if ('zh' in x) return language === 'en' ? x.en : x.zh;
        return language === 'en' && x.nameEn ? x.nameEn : x.name;
      },
      dateTime(iso) {
        return dateFormat.format(typeof iso === 'string' ? new Date(iso) : iso);
      },
      number(n, digits = 0) {
        return n.toLocaleString(language, { maximumFractionDigits: digits, minimumFractionDigits: digits });
      },
      percent(ratio) {
        return `${(ratio * 100).toLocaleString(language, { maximumFractionDigits: 1 })}%`;
      },
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
