/**
 * Round 2 of the Delphi panel: every cell shows the previous round's median and IQR and the evaluator's own score,
 * the panel's reasons without names, and a consensus mark; the chair sees the consensus share and Kendall's W per
 * indicator. The numbers are the engine's panel statistics, checked here against a computation by hand.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alternatives, indicators, rounds, scores, users } from '../../src/db/schema.ts';
import { evaluate } from '../../src/engine/index.ts';
import { get, ORIGIN, sessionCookie, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
let t: TestApp;
const as = sessions(() => t);
const page = async (username: string, path: string) => (await get(t, path, { cookie: await as(username) })).text();
const post = async (username: string, path: string, fields: Record<string, string> = {}) =>
  t.app.request(`/assessments/${DEMO}${path}`, {
    method: 'POST',
    headers: { origin: ORIGIN, cookie: await as(username), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

/** Type 7 quantile (R's default) of sorted values, by hand. */
const quantile = (sorted: number[], p: number) => {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
};

/** Round 1's scores of one cell, from the database. */
async function roundOneValues(city: string, indicator: string) {
  const [round] = await t.db.select().from(rounds).where(eq(rounds.number, 1));
  const [alt] = await t.db.select().from(alternatives).where(eq(alternatives.code, city));
  const [ind] = await t.db.select().from(indicators).where(eq(indicators.code, indicator));
  const rows = await t.db
    .select({ value: scores.value, expert: users.username })
    .from(scores)
    .innerJoin(users, eq(users.id, scores.expertId))
    .where(and(eq(scores.roundId, round!.id), eq(scores.alternativeId, alt!.id), eq(scores.indicatorId, ind!.id)));
  return rows;
}

beforeAll(async () => {
  t = await startDemoApp();
  expect((await post('admin', '/rounds/close')).status).toBe(303);
  expect((await post('admin', '/rounds/open')).status).toBe(303);
});
afterAll(() => t.close());

describe('Delphi feedback from round 2 on', () => {
  it('shows each cell the previous round’s median and IQR and the evaluator’s own score, as computed by hand', async () => {
    const html = await page('expert1', `/assessments/${DEMO}/score`);
    expect(html).toContain('Round 2');
    for (const [city, indicator] of [
      ['wuwei', 'plan_alignment'],
      ['jiuquan', 'town_growth_order'],
    ] as const) {
      const rows = await roundOneValues(city, indicator);
      const values = rows.map((r) => r.value!).sort((a, b) => a - b);
      const own = rows.find((r) => r.expert === 'expert1')!.value!;
      const median = quantile(values, 0.5);
      const iqr = quantile(values, 0.75) - quantile(values, 0.25);
      const cell = html.match(new RegExp(`id="cell-${city}-${indicator}"[\\s\\S]*?</td>`))![0];
      const fmt = (x: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(x);
      expect(cell).toContain(`Panel, round 1: median ${fmt(median)}, IQR ${fmt(iqr)} · you: ${fmt(own)}`);
      expect(cell.includes('Consensus')).toBe(iqr <= 1);
      // The demo's round-one rationales, one per expert, listed without names.
      expect(cell).toContain(`Reasons given (${rows.length})`);
      expect(cell).not.toMatch(/expert\d|Chen Jing/);
    }
  });

  it('shows the chair the consensus share and Kendall’s W of the expert indicators, the engine’s numbers', async () => {
    const html = await page('admin', `/assessments/${DEMO}`);
    expect(html).toContain('Round 1: the panel’s agreement');
    // The same panel through the engine directly: expert indicators only, statistics left out.
    const [round] = await t.db.select().from(rounds).where(eq(rounds.number, 1));
    const cities = await t.db.select().from(alternatives).orderBy(alternatives.position);
    const inds = (await t.db.select().from(indicators).orderBy(indicators.position)).filter(
      (i) => i.source === 'expert',
    );
    const rows = await t.db.select().from(scores).where(eq(scores.roundId, round!.id));
    const experts = [...new Set(rows.map((r) => r.expertId))].sort((a, b) => a - b);
    const result = evaluate({
      alternatives: cities.map((c) => c.code),
      criteria: inds.map((i) => ({ id: i.code, type: i.direction, bounds: [i.scaleMin!, i.scaleMax!] })),
      panel: {
        experts: experts.map(String),
        aggregate: 'median',
        scores: experts.map((e) =>
          cities.map((c) =>
            inds.map(
              (i) =>
                rows.find((r) => r.expertId === e && r.alternativeId === c.id && r.indicatorId === i.id)?.value ?? null,
            ),
          ),
        ),
      },
    });
    const W = result.panel!.agreement;
    expect(W).toHaveLength(11);
    const fmt = (x: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(x);
    expect(html).toContain(
      `<th scope="row">Alignment of the city plan with upper-level plans</th><td>${fmt(W[0]!.W!)}</td>`,
    );
    const cells = result.panel!.cells.flat();
    const share = cells.filter((c) => c.iqr <= 1).length / cells.length;
    expect(html).toContain(
      `Consensus (IQR at most 1) on ${new Intl.NumberFormat('en-GB', { style: 'percent' }).format(share)} of the cells.`,
    );
    // Statistic columns are not in the agreement (they would read as perfect agreement), only the 11 expert ones.
    const agreementTable = html.slice(
      html.indexOf('id="agreement"'),
      html.indexOf('</section>', html.indexOf('id="agreement"')),
    );
    expect(agreementTable.match(/<th scope="row">/g)).toHaveLength(11);
    expect(agreementTable).not.toContain('Change in secondary industry share');
    // And the whole panel's W, over the cells every expert scored.
    const overall = result.panel!.overall;
    expect(overall.W).not.toBeNull();
    expect(overall.cells).toBeGreaterThan(1);
    expect(html).toContain(
      `Kendall’s W of the whole panel: ${fmt(overall.W!)}, over the ${overall.cells} cells all ${overall.experts} experts scored.`,
    );
  });

  it('computes a closed round’s statistics once: later pages are served them without reading the round again', async () => {
    const cellOf = (html: string) =>
      html.match(/id="cell-wuwei-plan_alignment"[\s\S]*?<\/td>/)![0].match(/median [\d.]+, IQR [\d.]+/)![0];
    const first = cellOf(await page('expert2', `/assessments/${DEMO}/score`));
    // Round 1 is closed, so nothing in the app can change its scores; one changed behind the app's back shows
    // that the second page was not recomputed (and the caller's own score, read per request, does change).
    const [round] = await t.db.select().from(rounds).where(eq(rounds.number, 1));
    const [wuwei] = await t.db.select().from(alternatives).where(eq(alternatives.code, 'wuwei'));
    const [ind] = await t.db.select().from(indicators).where(eq(indicators.code, 'plan_alignment'));
    const where = and(
      eq(scores.roundId, round!.id),
      eq(scores.alternativeId, wuwei!.id),
      eq(scores.indicatorId, ind!.id),
    );
    const before = await t.db.select().from(scores).where(where);
    await t.db.update(scores).set({ value: 9 }).where(where);
    try {
      const again = await page('expert2', `/assessments/${DEMO}/score`);
      expect(cellOf(again)).toBe(first);
      expect(again.match(/id="cell-wuwei-plan_alignment"[\s\S]*?<\/td>/)![0]).toContain('you: 9');
    } finally {
      for (const row of before) await t.db.update(scores).set({ value: row.value }).where(eq(scores.id, row.id));
    }
  });

  it('round 1 shows no feedback', async () => {
    const other = await startDemoApp();
    try {
      const html = await (
        await get(other, `/assessments/${DEMO}/score`, { cookie: await sessionCookie(other, 'expert1') })
      ).text();
      expect(html).toContain('Round 1');
      expect(html).not.toContain('cell__feedback');
    } finally {
      await other.close();
    }
  });

  it('a cell every expert abstained on shows no scores, and the rest of its indicator keeps its feedback', async () => {
    const other = await startDemoApp();
    try {
      const [round] = await other.db.select().from(rounds);
      const [wuwei] = await other.db.select().from(alternatives).where(eq(alternatives.code, 'wuwei'));
      const [ind] = await other.db.select().from(indicators).where(eq(indicators.code, 'plan_alignment'));
      await other.db
        .update(scores)
        .set({ value: null, abstained: true })
        .where(
          and(eq(scores.roundId, round!.id), eq(scores.alternativeId, wuwei!.id), eq(scores.indicatorId, ind!.id)),
        );
      const chair = await sessionCookie(other, 'admin');
      const close = {
        method: 'POST',
        headers: { origin: ORIGIN, cookie: chair, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      };
      expect((await other.app.request(`/assessments/${DEMO}/rounds/close`, close)).status).toBe(303);
      expect((await other.app.request(`/assessments/${DEMO}/rounds/open`, close)).status).toBe(303);
      const html = await (
        await get(other, `/assessments/${DEMO}/score`, { cookie: await sessionCookie(other, 'expert1') })
      ).text();
      const cellOf = (city: string) => html.match(new RegExp(`id="cell-${city}-plan_alignment"[\\s\\S]*?</td>`))![0];
      expect(cellOf('wuwei')).toContain('Panel, round 1: no scores');
      expect(cellOf('jinchang')).toMatch(/Panel, round 1: median [\d.]+, IQR [\d.]+/);
      const overview = await (await get(other, `/assessments/${DEMO}`, { cookie: chair })).text();
      expect(overview).toMatch(
        /<th scope="row">Alignment of the city plan with upper-level plans<\/th><td>[\d.]+<\/td>/,
      );
      // The whole panel's W goes on over the cities scored everywhere (Wuwei drops out), rather than lapse.
      expect(overview).toMatch(/Kendall’s W of the whole panel: [\d.]+, over the \d+ cells all 5 experts scored/);
    } finally {
      await other.close();
    }
  });
});
