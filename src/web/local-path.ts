const BASE = 'http://corridor.invalid';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses
const UNSAFE = /[\\\u0000-\u001f]/;

/**
 * A redirect target from a form or query string, reduced to a path on this site: absolute URLs,
 * protocol-relative `//host` and backslash tricks (`/\host`, which browsers treat as `//host`) all
 * fall back to the start page, so a link can never bounce a user to another site.
 */
export function localPath(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || UNSAFE.test(target))
    return fallback;
  try {
    const url = new URL(target, BASE);
    // Dot segments can normalize into a leading `//` (`/.//evil.example`), which is protocol-relative again.
    if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
