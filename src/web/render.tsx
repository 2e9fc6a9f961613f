import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Layout, type LayoutProps } from '../../templates/layout.tsx';
import type { AppEnv } from './context.ts';

export interface Page {
  readonly title: string;
  readonly body: Child;
  readonly status?: ContentfulStatusCode;
  readonly activeNav?: LayoutProps['activeNav'];
  readonly narrow?: boolean;
}

/**
 * A full HTML page in the request's language, with the signed-in user's menu. Pages are per-user, so nothing is cached.
 */
export function render<E extends AppEnv>(c: Context<E>, page: Page): Response | Promise<Response> {
  const url = new URL(c.req.url);
  const user = c.var.user;
  c.header('Cache-Control', 'no-store');
  return c.html(
    html`<!doctype html>${(
      <Layout
        t={c.var.t}
        locale={c.var.locale}
        title={page.title}
        user={user ? { displayName: user.displayName, isAdmin: user.isAdmin } : null}
        currentPath={url.pathname + url.search}
        activeNav={page.activeNav}
        narrow={page.narrow}
      >
        {page.body}
      </Layout>
    )}`,
    page.status ?? 200,
  );
}
