import type { Translate } from '../src/i18n/messages.ts';
import { Field } from './components/field.tsx';

export interface LoginPageProps {
  readonly t: Translate;
  readonly username: string;
  /** Where to go after signing in (already checked to be a local path). */
  readonly next: string;
  /** A failure, rate-limit or validation summary, shown above the form. */
  readonly error?: string;
  readonly fieldErrors?: { readonly username?: string; readonly password?: string };
  /** Neutral information: signed out, session ended. */
  readonly notice?: string;
}

export const LoginPage = ({ t, username, next, error, fieldErrors = {}, notice }: LoginPageProps) => (
  <section class="card card--login" aria-labelledby="login-title">
    <h1 id="login-title">{t('auth.login.title')}</h1>
    <p class="lead">{t('auth.login.intro')}</p>
    {notice && (
      <div class="notice notice--info" role="status">
        <p>{notice}</p>
      </div>
    )}
    {error && (
      <div class="notice notice--error" role="alert">
        <p>{error}</p>
      </div>
    )}
    <form method="post" action="/login" novalidate>
      <input type="hidden" name="next" value={next} />
      <Field name="username" label={t('field.username')} value={username} error={fieldErrors.username} autocomplete="username" required maxlength={64} />
      <Field name="password" label={t('field.password')} type="password" error={fieldErrors.password} autocomplete="current-password" required />
      <button type="submit" class="button button--block">
        {t('auth.login.submit')}
      </button>
    </form>
  </section>
);
