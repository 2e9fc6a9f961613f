import type { Translate } from '../src/i18n/messages.ts';
import { Field } from './components/field.tsx';
import { InlineAction } from './components/inline-action.tsx';

export interface TokenView {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface AccountPageProps {
  readonly t: Translate;
  readonly username: string;
  readonly displayName: string;
  readonly tokens: readonly TokenView[];
  /** A token just created: shown this once. */
  readonly created?: { readonly name: string; readonly token: string };
  readonly nameError?: string;
  readonly name?: string;
  readonly revoked?: boolean;
}

/** The signed-in user's own account: who they are, and their personal API tokens. */
export const AccountPage = (p: AccountPageProps) => {
  const { t } = p;
  return (
    <>
      <div class="page-header">
        <h1>{t('account.title')}</h1>
        <p>
          {p.displayName} ({p.username})
        </p>
      </div>
      <section class="panel-card" aria-labelledby="tokens">
        <h2 id="tokens">{t('account.tokens')}</h2>
        <p class="weights__hint">{t('account.tokens.intro')}</p>
        {p.created && (
          <div class="notice notice--info" role="status">
            <p>{t('account.token.created', { name: p.created.name })}</p>
            <p>
              <code class="token" id="new-token">
                {p.created.token}
              </code>
            </p>
          </div>
        )}
        {p.revoked && (
          <p class="notice notice--info" role="status">
            {t('account.token.revoked')}
          </p>
        )}
        {p.tokens.length === 0 ? (
          <p>{t('account.tokens.none')}</p>
        ) : (
          <div class="table-scroll">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('account.token.name')}</th>
                  <th scope="col">{t('account.token.createdAt')}</th>
                  <th scope="col">{t('account.token.lastUsed')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {p.tokens.map((token) => (
                  <tr>
                    <th scope="row">{token.name}</th>
                    <td>{token.createdAt}</td>
                    <td>{token.lastUsedAt ?? t('account.token.never')}</td>
                    <td>
                      {token.revokedAt ? (
                        t('account.token.revokedAt', { date: token.revokedAt })
                      ) : (
                        <InlineAction
                          action="/account/tokens/revoke"
                          name="id"
                          value={String(token.id)}
                          label={t('account.token.revoke')}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <form method="post" action="/account/tokens" class="account__new-token">
          <Field
            name="name"
            label={t('account.token.name')}
            value={p.name}
            error={p.nameError}
            maxlength={100}
            required
          />
          <button type="submit" class="button">
            {t('account.token.create')}
          </button>
        </form>
      </section>
    </>
  );
};
