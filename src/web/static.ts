import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from './context.ts';

// Both resolved from this module, not the working directory, so the server runs from any folder.
const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));
const HTMX_FILE = createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');

/** URLs are not versioned, so browsers may reuse a file for a few minutes only. */
const CACHE_CONTROL = 'public, max-age=600';

/** htmx from node_modules (no CDN) and our own files from public/, under /static. */
export function staticRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/static/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', CACHE_CONTROL);
  });
  app.get('/static/htmx.min.js', serveStatic({ path: HTMX_FILE }));
  app.get('/static/*', serveStatic({ root: PUBLIC_DIR, rewriteRequestPath: (path) => path.slice('/static'.length) }));
  return app;
}
