import { Hono } from 'hono';
import { raw } from 'hono/html';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/messages.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { CACHED_PART, render } from '../../src/web/render.tsx';

/** A large body in both scripts, with markup and characters outside the BMP, as a results page's would be. */
const big = Array.from(
  { length: 2000 },
  (_, k) => `<tr><td>武威 Wuwei ${k}</td><td>0.${k} 𠀋 &amp; “quoted”</td></tr>`,
).join('');

function app() {
  const a = new Hono<AppEnv>();
  a.use(async (c, next) => {
    c.set('locale', 'zh');
    c.set('t', translator('zh'));
    c.set('user', null);
    await next();
  });
  // One path for both, as the layout shows the page's own address.
  a.get('/page', (c) =>
    c.req.header('x-cached')
      ? render(c, {
          title: '结果',
          status: 202,
          body: <table>{raw(CACHED_PART)}</table>,
          cachedPart: new TextEncoder().encode(big),
        })
      : render(c, { title: '结果', status: 202, body: <table>{raw(big)}</table> }),
  );
  a.get('/nowhere', (c) =>
    render(c, { title: '结果', body: <p>no place</p>, cachedPart: new TextEncoder().encode(big) }),
  );
  return a;
}

describe('render with a cached part', () => {
  it('sends exactly the bytes the page as text would give, with its status and headers', async () => {
    const a = app();
    const text = await a.request('/page');
    const bytes = await a.request('/page', { headers: { 'x-cached': '1' } });
    expect(bytes.status).toBe(202);
    expect(bytes.headers.get('content-type')).toBe(text.headers.get('content-type'));
    expect(bytes.headers.get('cache-control')).toBe('no-store');
    const [x, y] = [new Uint8Array(await text.arrayBuffer()), new Uint8Array(await bytes.arrayBuffer())];
    expect(y.length).toBe(x.length);
    expect(Buffer.from(y).equals(Buffer.from(x))).toBe(true);
    expect(new TextDecoder().decode(y)).not.toContain(CACHED_PART);
  });

  it('refuses a page without the place for its cached part rather than dropping it', async () => {
    const res = await app().request('/nowhere');
    expect(res.status).toBe(500);
  });
});
