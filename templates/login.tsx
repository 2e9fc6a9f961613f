import type { Translate } from '../src/i18n/messages.ts';
import { Field } from './components/field.tsx';

export interface LoginPageProps {
  readonly t: Translate;
  readonly username: string;
  /** Where to go after signing in (already checked to be a local path). */
  readonly next: string;
  /** A failure, rate-limit or validation summary, shown above the form. */
  readonly error?: string;
  /**
   * Each problem with the form, naming its field: hidden fields (the return address) have no other place to show one.
   */
  readonly problems?: readonly string[];
  readonly fieldErrors?: { readonly username?: string; readonly password?: string };
  /** Neutral information: signed out, session ended. */
  readonly notice?: string;
}

export const LoginPage = ({ t, username, next, error, problems = [], fieldErrors = {}, notice }: LoginPageProps) => (
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
        {problems.length > 0 && (
          <ul>
            {problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        )}
      </div>
    )}
    <form method="post" action="/login" novalidate>
      <input type="hidden" name="next" value={next} />
      <Field
        name="username"
        label={t('field.username')}
        value={username}
        error={fieldErrors.username}
        autocomplete="username"
        required
        maxlength={64}
      />
      <Field
        name="password"
        label={t('field.password')}
        type="password"
        error={fieldErrors.password}
        autocomplete="current-password"
        required
      />
      <button type="submit" class="button button--block">
        {t('auth.login.submit')}
      </button>
    </form>
  </section>
);
