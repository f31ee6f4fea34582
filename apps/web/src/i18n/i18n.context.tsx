import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { CITY_TIME_ZONE } from '../config';
import { LOCALES, MESSAGES, type Locale, type MessageKey } from './messages';

const STORAGE_KEY = 'citygrid.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  /** Looks up a key built at run time (a status, an action); falls back to the raw value. */
  tr(prefix: string, value: string): string;
  /** Date and time in the city's time zone. */
  dateTime(iso: string | null | undefined): string;
  /** Month, day and time in the city's time zone: for tables. */
  shortDateTime(iso: string | null | undefined): string;
  /** Time of day (with seconds) in the city's time zone. */
  time(iso: string | null | undefined): string;
  /** An error as the user should read it: the server's message and code, or a network notice. */
  error(error: unknown): string;
}

/** The user's earlier choice, else the browser's first language: Chinese of any region → zh-CN, else en. */
export function detectLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  const language = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function createI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const messages = MESSAGES[locale];
  const t: Translate = (key, params) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
  const dateFormat = new Intl.DateTimeFormat(locale, {
    timeZone: CITY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const shortFormat = new Intl.DateTimeFormat(locale, {
    timeZone: CITY_TIME_ZONE,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    timeZone: CITY_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const format = (f: Intl.DateTimeFormat) => (iso: string | null | undefined) =>
    iso ? f.format(new Date(iso)) : messages['app.none'];
  return {
    locale,
    setLocale,
    t,
    tr: (prefix, value) => (messages as Record<string, string>)[`${prefix}.${value}`] ?? value,
    dateTime: format(dateFormat),
    shortDateTime: format(shortFormat),
    time: format(timeFormat),
    error(error) {
      if (error instanceof ApiError) {
        if (error.code === 'NETWORK') return t('error.network');
        return t('error.withCode', { message: error.fullMessage, code: error.code });
      }
      return error instanceof Error ? error.message : String(error);
    },
  };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(detectLocale);
  const i18n = useMemo(
    () =>
      createI18n(locale, (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setLocale(next);
      }),
    [locale],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
