import type { Context } from 'hono';
import { Hono } from 'hono';
import { AccountPage, type AccountPageProps } from '../../../templates/account.tsx';
import { createToken, listTokens, revokeToken } from '../../app/tokens.ts';
import type { ApiTokenId } from '../../db/ids.ts';
import type { AppDeps, SignedInEnv } from '../context.ts';
import { renderError } from '../errors.tsx';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<SignedInEnv>;

/** The signed-in user's account page: their API tokens, created (shown once) and revoked here. */
export function accountArea(deps: AppDeps): Hono<SignedInEnv> {
  const app = new Hono<SignedInEnv>();
  const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });

  const page = async (c: C, extra: Partial<AccountPageProps> = {}, status: 200 | 201 | 400 = 200) => {
    const { t, user } = c.var;
    const tokens = await listTokens(deps.db, user.id);
    return render(c, {
      title: t('account.title'),
      status,
      body: (
        <AccountPage
          t={t}
          username={user.username}
          displayName={user.displayName}
          tokens={tokens.map((x) => ({
            id: x.id,
            name: x.name,
            createdAt: when.format(x.createdAt),
            lastUsedAt: x.lastUsedAt ? when.format(x.lastUsedAt) : null,
            revokedAt: x.revokedAt ? when.format(x.revokedAt) : null,
          }))}
          {...extra}
        />
      ),
    });
  };

  app.get('/', (c) => page(c, c.req.query('revoked') === '1' ? { revoked: true } : {}));

  app.post('/tokens', async (c) => {
    const { fields: body } = await readFields(c);
    const name = typeof body.name === 'string' ? body.name : '';
    const made = await createToken(deps.db, deps.clock(), c.var.user.id, name, c.var.user.id);
    if ('kind' in made) return page(c, { name, nameError: `${c.var.t('account.token.name')}: ${made.message}` }, 400);
    // Shown in this answer only: a redirect would have to carry the token in a URL.
    return page(c, { created: { name: made.row.name, token: made.token } }, 201);
  });

  app.post('/tokens/revoke', async (c) => {
    const { fields: body } = await readFields(c);
    const id = Number(body.id);
    if (!Number.isInteger(id)) return renderError(c, 400);
    const done = await revokeToken(deps.db, deps.clock(), c.var.user.id, id as ApiTokenId);
    if (!done) return renderError(c, 404);
    return c.redirect('/account?revoked=1', 303);
  });
  return app;
}
