/**
 * Generated bodies, ids and paths sent to every route of the app's own table, as every role. Whatever comes in:
 * never a 5xx, never a stack trace, JSON under /api, and nothing written when the request is refused (a digest of
 * every table but sessions and login_attempts, which sign-in and session touches change by design, and of the audit
 * log but its sign-in entries, which a refused sign-in writes by design).
 * fast-check prints the seed and path of a failure; FC_SEED=<n> explores another corner (tests/setup-fast-check.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../src/app/import.ts';
import { digest, ROLES, startWorld, type World } from '../security/fixture.ts';
import {
  fillPath,
  INFRASTRUCTURE,
  isApi,
  isWrite,
  type RouteKey,
  routeTable,
  STACK_TRACE,
  send,
} from '../security/routes.ts';
import type { TestApp } from '../web/harness.ts';

let w: World;
beforeAll(async () => {
  w = await startWorld();
}, 120_000);
afterAll(() => w?.close());

const FIELD_NAMES = [
  'username',
  'password',
  'displayName',
  'isAdmin',
  'value',
  'version',
  'city',
  'indicator',
  'rationale',
  'abstain',
  'code',
  'nameEn',
  'nameZh',
  'regionEn',
  'regionZh',
  'period',
  'template',
  'confirm',
  'level',
  'method',
  'weights',
  'user',
  'role',
  'influence',
  'note',
  'textEn',
  'textZh',
  'source',
  'dimension',
  'direction',
  'locale',
  'next',
  'name',
  'token',
  'id',
  'settings',
  'spec',
  'json',
  'from',
  'to',
  '__proto__',
  'constructor',
  'prototype',
];

/** Strings that have broken parsers elsewhere: numbers out of range, NaN, markup, NUL, lone surrogates, huge text. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1e309',
    '1e-400',
    '9'.repeat(400),
    '-0',
    '0x10',
    '1,5',
    '3.',
    '.5',
    'true',
    'null',
    'undefined',
    '[]',
    '{}',
    '<script>alert(1)</script>',
    '"\'><img src=x onerror=alert(1)>',
    '\u202Eevil',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF',
    '..%2f..%2fetc%2fpasswd',
    '../../etc/passwd',
    '%00',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.nat(50).map((n) => 'x'.repeat(20_000 + n * 1000)),
);

const formBody = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), hostileString), {
    maxLength: 8,
  })
  .map((pairs) => {
    const params = new URLSearchParams();
    // Repeated names stay repeated: a field sent twice must not turn into an array the code did not expect.
    for (const [k, v] of pairs) params.append(k, v);
    return params.toString();
  });

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

/** JSON and things that only look like it: nesting bombs, prototype keys, NaN literals, truncated text. */
const jsonBody = fc.oneof(
  jsonish.map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"__proto__":{"isAdmin":true,"role":"administrator"}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"value":NaN,"version":0}',
    '{"value":Infinity}',
    '{"value":1e999,"version":1e999}',
    '{"city":',
    '',
    'null',
    '[]',
    `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  ),
);

/** Raw bytes that are not UTF-8 at all. */
const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .map((bytes) => new Uint8Array([0xff, 0xfe, 0xc0, 0xaf, ...bytes, 0xed, 0xa0, 0x80]));

const body = fc.oneof(
  { arbitrary: formBody, weight: 3 },
  { arbitrary: jsonBody, weight: 3 },
  { arbitrary: invalidUtf8, weight: 1 },
);
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'text/plain',
  'application/json; charset=latin1',
);

const hostileId = fc.oneof(
  fc.constantFrom(
    '..%2f..%2fetc%2fpasswd',
    '%2e%2e%2f',
    '%00',
    'a%00b',
    '-1',
    '0',
    '1e3',
    '01',
    '9'.repeat(400),
    'x'.repeat(5000),
    '%E2%80%AE',
    '%F0%9F%92%A9',
    '%ff%fe',
    '%',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

async function expectSound(t: TestApp, route: RouteKey, path: string, res: Response, before: string) {
  const text = await res.text();
  const what = `${route.key} as ${path}: ${res.status} ${text.slice(0, 200)}`;
  expect(res.status, what).toBeLessThan(500);
  expect(text, what).not.toMatch(STACK_TRACE);
  if (isApi(path)) expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
  const after = await digest(t.db);
  if (res.status >= 400) expect(after, `${what}: a refused request wrote`).toBe(before);
  return after;
}

const routesOf = (pick: (r: RouteKey) => boolean) =>
  routeTable(w.t.app).filter((r) => !INFRASTRUCTURE.has(r.key) && pick(r));

describe('fuzzing every route', () => {
  for (const [group, pick, runs] of [
    ['form routes', (r: RouteKey) => isWrite(r.method) && !isApi(r.path), 300],
    ['API routes', (r: RouteKey) => isWrite(r.method) && isApi(r.path), 200],
  ] as const) {
    it(`${group}: generated bodies as every role`, async () => {
      await w.onFork(async (fork) => {
        const routes = routesOf(pick);
        let before = await digest(fork.db);
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...routes),
            fc.constantFrom(...ROLES),
            body,
            contentType,
            async (route, role, b, type) => {
              const path = fillPath(route.path, w.own);
              const res = await send(fork.app, {
                method: route.method,
                path,
                cookie: w.cookies[role],
                body: b,
                contentType: type,
              });
              before = await expectSound(fork, route, path, res, before);
            },
          ),
          { numRuns: runs },
        );
      });
    }, 300_000);
  }

  it('hostile ids and paths in every route, as every role', async () => {
    await w.onFork(async (fork) => {
      const routes = routesOf((r) => r.path.includes(':'));
      let before = await digest(fork.db);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.constantFrom(...ROLES),
          fc.nat(),
          hostileId,
          async (route, role, which, id) => {
            // One of the route's parameters (the code included) takes the hostile value; the others stay real.
            const names = [...route.path.matchAll(/:([a-z]+)/gi)].map((m) => m[1]!);
            const name = names[which % names.length]!;
            const target = fillPath(route.path, w.own, { [name]: '\u0001MARK' }).replace('%01MARK', id);
            const res = await send(fork.app, { method: route.method, path: target, cookie: w.cookies[role] });
            before = await expectSound(fork, route, target, res, before);
          },
        ),
        { numRuns: 300 },
      );
    });
  }, 300_000);

  it('hostile query strings to every page and API read, as every role', async () => {
    await w.onFork(async (fork) => {
      const routes = routesOf((r) => !isWrite(r.method));
      let before = await digest(fork.db);
      const query = fc
        .array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...FIELD_NAMES, 'lang', 'kind', 'format', 'missing'), hostileId),
            hostileId,
          ),
          {
            maxLength: 4,
          },
        )
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom(...ROLES), query, async (route, role, q) => {
          const path = fillPath(route.path, w.own);
          const target = `${path}${path.includes('?') ? '&' : '?'}${q}`;
          const res = await send(fork.app, { method: route.method, path: target, cookie: w.cookies[role] });
          before = await expectSound(fork, route, target, res, before);
        }),
        { numRuns: 200 },
      );
    });
  }, 300_000);

  it('a body over the limit is refused by every state-changing route, with nothing written', async () => {
    await w.onFork(async (fork) => {
      // Past the largest cap of all, the imports' 12 MB.
      const huge = 'x'.repeat(MAX_IMPORT_BYTES + 1024 * 1024);
      for (const route of routesOf((r) => isWrite(r.method))) {
        const before = await digest(fork.db);
        const path = fillPath(route.path, w.own);
        const res = await send(fork.app, { method: route.method, path, cookie: w.cookies.admin, body: huge });
        await expectSound(fork, route, path, res, before);
        expect(res.status, route.key).toBe(413);
      }
    });
  }, 120_000);
});

describe('bugs the fuzzer found', () => {
  it('a multipart body without its parts is a 400 on the scoring and round forms, not a 500', async () => {
    await w.onFork(async (fork) => {
      for (const [method, path, role] of [
        ['PUT', `/assessments/${w.own.code}/score/cell`, 'evaluator'],
        ['POST', `/assessments/${w.own.code}/rounds/open`, 'chair'],
        ['POST', `/assessments/${w.own.code}/rounds/reopen`, 'chair'],
      ] as const) {
        const before = await digest(fork.db);
        const res = await send(fork.app, {
          method,
          path,
          cookie: w.cookies[role],
          body: '{"not":"multipart"}',
          contentType: 'multipart/form-data; boundary=zzz',
        });
        expect(res.status, path).toBe(400);
        expect(await res.text()).not.toMatch(STACK_TRACE);
        expect(await digest(fork.db)).toBe(before);
      }
    });
  });

  it('a weight spec nested 20,000 deep is a 422 naming the path, not a 500 (JSON.stringify overflowed)', async () => {
    await w.onFork(async (fork) => {
      const before = await digest(fork.db);
      const spec = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
      const res = await send(fork.app, {
        method: 'PUT',
        path: `/api/assessments/${w.own.code}/weights`,
        cookie: w.cookies.admin,
        body: spec,
      });
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.errors[0].path).toMatch(/^weights\.a\.a/);
      // The same spec through the page's JSON form.
      const page = await send(fork.app, {
        method: 'POST',
        path: `/assessments/${w.own.code}/weights/json`,
        cookie: w.cookies.admin,
        body: new URLSearchParams({ spec }).toString(),
      });
      expect(page.status).toBe(422);
      expect(await page.text()).not.toMatch(STACK_TRACE);
      expect(await digest(fork.db)).toBe(before);
    });
  });
});
