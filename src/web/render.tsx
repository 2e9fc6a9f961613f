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
  /**
   * Bytes encoded once and kept (a results page's body, hundreds of KB): they go where the body has `CACHED_PART`,
   * so that the text around them is all that is encoded per request. Measuring and encoding the whole page's text
   * again was most of a cached results page's time (README, Performance).
   */
  readonly cachedPart?: Uint8Array;
}

/** Where `Page.cachedPart` goes. Users' text is escaped, so it cannot contain this comment. */
export const CACHED_PART = '<!--corridor:cached-part-->';

const encoder = new TextEncoder();

/**
 * A full HTML page in the request's language, with the signed-in user's menu. Pages are per-user, so the page is
 * never cached whole; only a `cachedPart` that is the same for every reader is.
 */
export function render<E extends AppEnv>(c: Context<E>, page: Page): Response | Promise<Response> {
  const url = new URL(c.req.url);
  const user = c.var.user;
  c.header('Cache-Control', 'no-store');
  const document = html`<!doctype html>${(
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
  )}`;
  if (!page.cachedPart) return c.html(document, page.status ?? 200);
  const cached = page.cachedPart;
  return Promise.resolve(document).then((made) => {
    const text = String(made);
    const at = text.indexOf(CACHED_PART);
    if (at < 0) throw new Error('the page has no place for its cached part');
    const before = encoder.encode(text.slice(0, at));
    const after = encoder.encode(text.slice(at + CACHED_PART.length));
    const bytes = new Uint8Array(before.length + cached.length + after.length);
    bytes.set(before, 0);
    bytes.set(cached, before.length);
    bytes.set(after, before.length + cached.length);
    return c.body(bytes, page.status ?? 200, { 'Content-Type': 'text/html; charset=UTF-8' });
  });
}
