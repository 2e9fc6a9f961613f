import { type Locale, type Translate, translator } from '../i18n/messages.ts';

/** The language of a command's messages: Chinese when the POSIX locale (LC_ALL, LC_MESSAGES, LANG) is zh_*. */
export function cliLocale(env: NodeJS.ProcessEnv): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return tag.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const cliTranslator = (env: NodeJS.ProcessEnv): Translate => translator(cliLocale(env));
