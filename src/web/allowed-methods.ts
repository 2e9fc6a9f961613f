import { TrieRouter } from 'hono/router/trie-router';
import type { RouterRoute } from 'hono/types';

/**
 * The methods the app answers at `path`, HEAD included wherever GET is (Hono answers HEAD with the GET
 * handler). Empty when no route matches the path at all. Middleware (`ALL`) does not count as an answer.
 */
export function allowedMethods(routes: readonly RouterRoute[], path: string): string[] {
  const router = new TrieRouter<string>();
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === 'ALL') continue;
    router.add(route.method, route.path, route.method);
    methods.add(route.method);
  }
  const allowed = [...methods].filter((method) => router.match(method, path)[0].length > 0);
  if (allowed.includes('GET')) allowed.push('HEAD');
  return allowed.sort();
}
