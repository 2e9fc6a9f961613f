import { parseAccept } from 'hono/utils/accept';
import { isLocale, type Locale } from './messages.ts';

export interface LocaleSources {
  /** The signed-in user's remembered choice (users.locale), if any. */
  readonly userLocale?: string | null;
  /** The `lang` cookie set by the language switch. */
  readonly cookieLocale?: string | null;
  readonly acceptLanguage?: string | null;
}

/** Any Chinese tag (zh, zh-CN, zh-Hans, zh-TW…) maps to the one Chinese catalogue. */
const fromLanguageTag = (tag: string): Locale | undefined => {
  const primary = tag.toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh';
  if (primary === 'en') return 'en';
  return undefined;
};

/** An explicit choice beats the browser's preference; English is the fallback. */
export function negotiateLocale(sources: LocaleSources): Locale {
  if (isLocale(sources.userLocale)) return sources.userLocale;
  if (isLocale(sources.cookieLocale)) return sources.cookieLocale;
  for (const entry of parseAccept(sources.acceptLanguage ?? '')) {
    if (entry.q <= 0) continue;
    const locale = fromLanguageTag(entry.type);
    if (locale) return locale;
  }
  return 'en';
}
