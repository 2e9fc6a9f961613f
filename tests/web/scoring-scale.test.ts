/** The scoring grid at the size the issue names: 100 cities × 40 indicators, one dimension per page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../bench/http.ts';
import { get, sessionCookie, startTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp();
  await seed(t.db, { cities: 100, indicators: 40, evaluators: 1 });
  cookie = await sessionCookie(t, 'bench0');
});
afterAll(() => t?.close());

describe('a 100 × 40 grid', () => {
  const rowsOf = (html: string) => [...html.matchAll(/<th scope="row">(city-\d+)<\/th>/g)].map((m) => m[1]!);
  const moreOf = (html: string) => /hx-get="([^"]+)" hx-trigger="revealed"/.exec(html)?.[1]?.replaceAll('&amp;', '&');

  it.each(['planning', 'policy', 'industry', 'social'])(
    'serves the %s section in batches under 300 KB each, which together hold every city once',
    async (dimension) => {
      const res = await get(t, `/assessments/bench/score?dimension=${dimension}`, { cookie });
      expect(res.status).toBe(200);
      let html = await res.text();
      expect(html).toContain(`aria-current="page">${dimension}</a>`);
      const seen: string[] = [];
      let batches = 0;
      for (;;) {
        expect(Buffer.byteLength(html)).toBeLessThan(300 * 1024);
        // The seed spreads the 40 indicators over the four dimensions: 10 cells a row.
        expect(html.match(/<td class="cell"/g)?.length).toBe(rowsOf(html).length * 10);
        seen.push(...rowsOf(html));
        batches++;
        const next = moreOf(html);
        if (!next) break;
        const more = await get(t, next, { cookie });
        expect(more.status).toBe(200);
        html = await more.text();
      }
      expect(seen).toEqual(Array.from({ length: 100 }, (_, k) => `city-${k}`));
      expect(batches).toBeGreaterThan(1);
    },
  );

  it('without scripts, the batch row is a link to the page that starts there, which links back', async () => {
    const first = await (await get(t, '/assessments/bench/score?dimension=policy', { cookie })).text();
    const link = /<tr class="grid__more"[^>]*><td colspan="11"><a href="([^"]+)">More cities…<\/a>/.exec(first)?.[1];
    expect(link).toBeDefined();
    // 200 cells a batch: 20 cities of 10 indicators.
    expect(rowsOf(first)).toHaveLength(20);
    expect(link).toBe('/assessments/bench/score?dimension=policy&amp;from=20');
    const page = await (await get(t, link!.replaceAll('&amp;', '&'), { cookie })).text();
    expect(rowsOf(page)[0]).toBe('city-20');
    expect(page).toContain('<a href="/assessments/bench/score?dimension=policy">Earlier cities</a>');
    expect(page).toContain('id="progress"');
  });
});

describe('submitting a 100 × 40 grid too early', () => {
  it('links the first 50 missing cells, each to the batch of rows that holds it, and counts the rest', async () => {
    // The first 30 cities scored already (written directly: 1,200 saves through the app would only slow this).
    await t.db.$client.execute(`insert into scores (round_id, expert_id, alternative_id, indicator_id, value,
        abstained, rationale, version, updated_at)
      select r.id, u.id, a.id, i.id, 5, 0, '', 1, 0 from rounds r, users u, alternatives a, indicators i
      where u.username = 'bench0' and a.position < 30`);
    const html = await (await get(t, '/assessments/bench/score?missing', { cookie })).text();
    expect(Buffer.byteLength(html)).toBeLessThan(300 * 1024);
    expect(html).toContain('2800 cells still need a score');
    expect(html).toContain('… and 2750 more.');
    const links = [...html.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(links).toHaveLength(50);
    // City 30 is in the second batch of 20 rows in every section (10 indicators each).
    expect(links[0]).toBe('/assessments/bench/score?dimension=planning&from=20#cell-city-30-ind-0');
    expect(links[1]).toBe('/assessments/bench/score?dimension=policy&from=20#cell-city-30-ind-1');
    const target = await (await get(t, links[0]!.split('#')[0]!, { cookie })).text();
    expect(target).toContain('id="cell-city-30-ind-0"');
  });
});
