import type { Child } from 'hono/jsx';
import { htmlLang, type Locale, locales, type Translate } from '../src/i18n/messages.ts';

export interface LayoutUser {
  readonly displayName: string;
  readonly isAdmin: boolean;
}

export interface LayoutProps {
  readonly t: Translate;
  readonly locale: Locale;
  readonly title: string;
  readonly user: LayoutUser | null;
  /** Path and query of this page: the language switch comes back here. */
  readonly currentPath: string;
  readonly activeNav?: 'assessments' | 'users';
  readonly narrow?: boolean;
  readonly children: Child;
}

// htmx's own indicator stylesheet is off: app.css carries the same rules, so nothing depends on injected styles.
const HTMX_CONFIG = '{"includeIndicatorCSS":false}';

const BrandMark = () => (
  <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="7" fill="#c8873a" />
    <path
      d="M5 23 L12 15 L17 19 L27 8"
      fill="none"
      stroke="#fff"
      stroke-width="2.6"
      stroke-linecap="round"
      stroke-linejoin="round"
    />
    <circle cx="12" cy="15" r="2.2" fill="#fff" />
    <circle cx="17" cy="19" r="2.2" fill="#fff" />
    <circle cx="27" cy="8" r="2.2" fill="#fff" />
  </svg>
);

const LanguageSwitch = ({ t, locale, currentPath }: Pick<LayoutProps, 't' | 'locale' | 'currentPath'>) => (
  <div class="lang-switch" role="group" aria-label={t('lang.label')}>
    {locales.map((option) => (
      <form method="post" action="/locale">
        <input type="hidden" name="locale" value={option} />
        <input type="hidden" name="next" value={currentPath} />
        <button type="submit" lang={htmlLang[option]} aria-pressed={option === locale ? 'true' : 'false'}>
          {t(option === 'en' ? 'lang.en' : 'lang.zh')}
        </button>
      </form>
    ))}
  </div>
);

const UserMenu = ({ t, user }: { t: Translate; user: LayoutUser }) => (
  <div class="usermenu" role="group" aria-label={t('user.menu')}>
    <a class="usermenu__name" href="/account" title={t('account.title')}>
      <span class="visually-hidden">{t('user.signedInAs')} </span>
      {user.displayName}
    </a>
    {user.isAdmin && <span class="usermenu__badge">{t('user.administrator')}</span>}
    <form method="post" action="/logout">
      <button type="submit" class="button button--ghost">
        {t('auth.logout')}
      </button>
    </form>
  </div>
);

export const Layout = ({ t, locale, title, user, currentPath, activeNav, narrow, children }: LayoutProps) => (
  <html lang={htmlLang[locale]}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="htmx-config" content={HTMX_CONFIG} />
      <title>{`${title} · ${t('app.name')}`}</title>
      <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/static/app.css" />
      <script src="/static/htmx.min.js" defer></script>
    </head>
    <body>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <div class="topbar__inner">
          <a class="brand" href="/">
            <BrandMark />
            <span class="brand__name">{t('app.name')}</span>
            <span class="brand__tagline">{t('app.tagline')}</span>
          </a>
          {user && (
            <nav class="mainnav" aria-label={t('nav.label')}>
              <a href="/" aria-current={activeNav === 'assessments' ? 'page' : undefined}>
                {t('nav.assessments')}
              </a>
              {user.isAdmin && (
                <a href="/admin/users" aria-current={activeNav === 'users' ? 'page' : undefined}>
                  {t('nav.users')}
                </a>
              )}
            </nav>
          )}
          <div class="topbar__tools">
            <LanguageSwitch t={t} locale={locale} currentPath={currentPath} />
            {user && <UserMenu t={t} user={user} />}
          </div>
        </div>
      </header>
      <main id="main" class={narrow ? 'page page--narrow' : 'page'}>
        {children}
      </main>
      <footer class="footer">
        <div class="footer__inner">{t('footer.text')}</div>
      </footer>
    </body>
  </html>
);
