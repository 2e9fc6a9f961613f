/**
 * Statistics import: the preview checks every row before anything is written, the import writes all or nothing
 * with one audit entry; CSV with a BOM, semicolons and decimal commas, Chinese names, CRLF; an .xlsx workbook; a
 * 10 MB file; the same through the API (with a dry run) and the command line.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../src/app/import.ts';
import { STALE_AFTER_MS } from '../../src/app/import-jobs.ts';
import { auditLog, importJobs, indicatorValues } from '../../src/db/schema.ts';
import { xlsxOf } from '../app/xlsx.ts';
import { addUser, get, ORIGIN, post, sessions, startDemoApp, type TestApp } from './harness.ts';

const DEMO = 'hexi-corridor-2017';
const BASE = `/assessments/${DEMO}/import`;
let t: TestApp;
let assessmentId: number;
const as = sessions(() => t);
const count = async () => (await t.db.select().from(indicatorValues)).length;
const stored = async (year: number) => t.db.select().from(indicatorValues).where(eq(indicatorValues.year, year));

beforeAll(async () => {
  t = await startDemoApp();
  assessmentId = (await t.db.query.assessments.findMany())[0]!.id;
});
afterAll(() => t.close());

const preview = async (text: string | Uint8Array) => {
  const outcome = await previewImport(
    t.db,
    assessmentId as never,
    typeof text === 'string' ? new TextEncoder().encode(text) : text,
  );
  if (outcome.kind !== 'preview') throw new Error(outcome.message);
  return outcome.preview;
};

/** Uploads through the page, follows the job until its check is done, and returns the preview page. */
async function upload(name: string, content: string | Uint8Array, username = 'admin') {
  const form = new FormData();
  form.append('file', new File([typeof content === 'string' ? content : new Uint8Array(content)], name));
  const res = await t.app.request(BASE, {
    method: 'POST',
    headers: { origin: ORIGIN, cookie: await as(username) },
    body: form,
  });
  if (res.status !== 303) return { res, html: await res.text(), job: '' };
  const job = res.headers.get('location')!;
  for (let k = 0; k < 200; k++) {
    const page = await get(t, job, { cookie: await as(username) });
    if (page.status !== 202) return { res: page, html: await page.text(), job };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the check did not finish');
}

describe('the preview', () => {
  it('checks every row and names each problem', async () => {
    const p = await preview(
      [
        'city,indicator,year,value,source',
        'wuwei,secondary_share_change,2018,-1.5,Bulletin 2018',
        'atlantis,secondary_share_change,2018,1,Bulletin',
        'wuwei,plan_alignment,2018,3,Bulletin',
        'wuwei,nonsense,2018,3,Bulletin',
        'wuwei,secondary_share_change,,1,Bulletin',
        'wuwei,tertiary_share_change,2018,lots,Bulletin',
        'wuwei,secondary_share_change,2018,2,Bulletin again',
        'jinchang,secondary_share_change,2018,2,',
        'zhangye,secondary_share_change,2018,2,Bulletin,2018',
      ].join('\n'),
    );
    expect(p.valid).toBe(1);
    expect(p.rows.map((r) => [r.line, r.problems.join(' | ')])).toEqual([
      [2, ''],
      [3, 'unknown city "atlantis"'],
      [4, '"plan_alignment" is scored by the panel, not imported'],
      [5, 'unknown indicator "nonsense"'],
      [6, 'missing year'],
      [7, 'value "lots" is not a number'],
      [8, 'duplicate of line 2: the same city, indicator and year'],
      [9, 'missing source'],
      [10, 'has 6 fields where the header has 5 (a separator inside a field that is not quoted?)'],
    ]);
  });

  it('reads a BOM, semicolons with decimal commas, CRLF, Chinese headers and names', async () => {
    const p = await preview(
      '\uFEFF城市;指标;年份;数值;来源\r\n武威;第二产业比重变化;2018;-7,9;公报\r\n金昌;Change in tertiary industry share, 2016–2017;2018;0,6;公报\r\n',
    );
    expect(p.invalid).toBe(0);
    expect(p.writes.map((w) => w.value)).toEqual([-7.9, 0.6]);
  });

  it('passes over the rows of separators alone that spreadsheets leave below a table', async () => {
    const p = await preview(
      'city;indicator;year;value;source\nwuwei;secondary_share_change;2018;-1,5;Bulletin\n;;;;\n;;;;\n',
    );
    expect(p.invalid).toBe(0);
    expect(p.rows).toHaveLength(1);
    expect(p.writes.map((w) => w.value)).toEqual([-1.5]);
  });

  it('says what is wrong with a file it cannot read', async () => {
    const bad = await previewImport(t.db, assessmentId as never, new TextEncoder().encode('town,what\nx,y\n'));
    expect(bad).toMatchObject({
      kind: 'unreadable',
      message: expect.stringContaining('missing: city, indicator, year, value, source'),
    });
    const latin1 = await previewImport(t.db, assessmentId as never, Uint8Array.of(0x63, 0x69, 0x74, 0x79, 0xe9, 0x0a));
    expect(latin1).toMatchObject({ kind: 'unreadable', message: expect.stringContaining('not UTF-8') });
  });
});

describe('the import page', () => {
  it('is for administrators', async () => {
    expect((await get(t, BASE, { cookie: await as('expert1') })).status).toBe(403);
    const before = await count();
    const { res } = await upload(
      'x.csv',
      'city,indicator,year,value,source\nwuwei,secondary_share_change,2019,1,x\n',
      'expert1',
    );
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('writes nothing when one row is bad, and everything when all are good, audited once', async () => {
    const before = await count();
    const bad = await upload(
      'bad.csv',
      'city,indicator,year,value,source\nwuwei,secondary_share_change,2020,1,B\nwuwei,secondary_share_change,2020,2,B\n',
    );
    expect(bad.html).toContain('1 rows with problems');
    expect(bad.html).toContain('duplicate of line 2');
    expect(bad.html).not.toContain('/commit"');
    const jobId = bad.job.split('/').pop();
    const forced = await post(t, `${BASE}/jobs/${jobId}/commit`, {}, { cookie: await as('admin') });
    expect(forced.status).toBe(422);
    expect(await count()).toBe(before);

    const rows = ['wuwei', 'jinchang', 'zhangye', 'jiayuguan', 'jiuquan'].map(
      (c, k) => `${c},secondary_share_change,2020,${k + 0.5},"Bulletin, 2020"`,
    );
    const good = await upload('good.csv', `city,indicator,year,value,source\r\n${rows.join('\r\n')}\r\n`);
    expect(good.html).toContain('5 rows ready');
    const commit = await post(t, `${good.job}/commit`, {}, { cookie: await as('admin') });
    expect(commit.status).toBe(303);
    expect(await count()).toBe(before + 5);
    expect((await stored(2020)).map((r) => r.source)).toEqual(Array(5).fill('Bulletin, 2020'));
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, 'statistics.import'));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ file: 'good.csv', values: 5, replaced: 0 });
    // Committing twice does nothing more.
    expect((await post(t, `${good.job}/commit`, {}, { cookie: await as('admin') })).status).toBe(404);
  });

  it('writes a preview once, however often it is confirmed at the same moment', async () => {
    const before = await count();
    const { job } = await upload(
      'twice.csv',
      'city,indicator,year,value,source\nwuwei,primary_share_change,2030,1,B\n',
    );
    const cookie = await as('admin');
    const [a, b] = await Promise.all([
      post(t, `${job}/commit`, {}, { cookie }),
      post(t, `${job}/commit`, {}, { cookie }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 404]);
    expect(await count()).toBe(before + 1);
    expect(
      (await t.db.select().from(auditLog).where(eq(auditLog.action, 'statistics.import'))).filter(
        (e) => (e.after as { file: string }).file === 'twice.csv',
      ),
    ).toHaveLength(1);
  });

  it('shows a job only to the administrator who uploaded it, and says when its check was interrupted', async () => {
    await addUser(t.db, 'admin2', 'admin2-password-for-tests', { isAdmin: true });
    const { job } = await upload('mine.csv', 'city,indicator,year,value,source\nwuwei,primary_share_change,2031,1,B\n');
    const other = await as('admin2');
    expect((await get(t, job, { cookie: other })).status).toBe(404);
    expect((await get(t, `${job}/progress`, { cookie: other })).headers.get('hx-refresh')).toBe('true');
    const before = await count();
    expect((await post(t, `${job}/commit`, {}, { cookie: other })).status).toBe(404);
    expect(await count()).toBe(before);
    expect((await get(t, job, { cookie: await as('admin') })).status).toBe(200);

    // A check left 'checking' by a process that died: its heartbeat goes stale and the page says so.
    const id = job.split('/').pop()!;
    await t.db.update(importJobs).set({ state: 'checking' }).where(eq(importJobs.id, id));
    t.advance(STALE_AFTER_MS + 1_000);
    const page = await get(t, job, { cookie: await as('admin') });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('was interrupted');
    expect((await post(t, `${job}/commit`, {}, { cookie: await as('admin') })).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('records in the audit entry the values an import replaced', async () => {
    const before = (await stored(2020)).find((r) => r.value === 1.5)!;
    expect(before).toBeDefined();
    const { job } = await upload(
      'again.csv',
      'city,indicator,year,value,source\njinchang,secondary_share_change,2020,9.25,Bulletin revised\n',
    );
    expect((await post(t, `${job}/commit`, {}, { cookie: await as('admin') })).status).toBe(303);
    const entry = (await t.db.select().from(auditLog).where(eq(auditLog.action, 'statistics.import'))).find(
      (e) => (e.after as { file: string }).file === 'again.csv',
    )!;
    expect(entry.before).toEqual({
      replaced: [{ city: 'jinchang', indicator: 'secondary_share_change', year: 2020, value: 1.5 }],
    });
    expect(entry.after).toMatchObject({ values: 1, replaced: 1 });
  });

  it('answers a multipart body it cannot read with 400, not a failure', async () => {
    const res = await t.app.request(BASE, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: await as('admin'), 'content-type': 'multipart/form-data' },
      body: 'no boundary here',
    });
    expect(res.status).toBe(400);
  });

  it('replaces a stored value for the same city, indicator and year, and says so first', async () => {
    const { html, job } = await upload(
      'again.csv',
      'city,indicator,year,value,source\nwuwei,secondary_share_change,2020,9,Revised bulletin\n',
    );
    expect(html).toContain('1 replace a stored value');
    expect(html).toContain('replaces 0.5');
    expect((await post(t, `${job}/commit`, {}, { cookie: await as('admin') })).status).toBe(303);
    const [row] = await t.db
      .select()
      .from(indicatorValues)
      .where(and(eq(indicatorValues.year, 2020), eq(indicatorValues.value, 9)));
    expect(row!.source).toBe('Revised bulletin');
  });

  it('reads an .xlsx workbook', async () => {
    const book = xlsxOf([
      ['City', 'Indicator', 'Year', 'Value', 'Source'],
      ['Zhangye', 'primary_share_change', 2021, -0.25, 'Yearbook 2022'],
      ['嘉峪关', 'primary_share_change', 2021, 1.75, 'Yearbook 2022'],
    ]);
    const { html, job } = await upload('stats.xlsx', book);
    expect(html).toContain('2 rows ready');
    expect((await post(t, `${job}/commit`, {}, { cookie: await as('admin') })).status).toBe(303);
    expect((await stored(2021)).map((r) => r.value).sort()).toEqual([-0.25, 1.75]);
  });

  it('takes a 10 MB file', async () => {
    const cities = ['wuwei', 'jinchang', 'zhangye', 'jiayuguan', 'jiuquan'];
    const indicators = ['secondary_share_change', 'tertiary_share_change', 'primary_share_change'];
    const lines = ['city,indicator,year,value,source'];
    const note = 'x'.repeat(3_400);
    for (let year = 1901; year <= 2100 && lines.join('\n').length < 10 * 1024 * 1024; year++)
      for (const c of cities) for (const i of indicators) lines.push(`${c},${i},${year},${year / 100},${note}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(9.5 * 1024 * 1024);
    const before = await count();
    const { html, job } = await upload('big.csv', text);
    expect(html).toContain(`${lines.length - 1} rows ready`);
    expect((await post(t, `${job}/commit`, {}, { cookie: await as('admin') })).status).toBe(303);
    expect((await count()) - before).toBeGreaterThan(lines.length - 1 - 100);
  });
});

describe('the API', () => {
  const send = async (body: string, query = '', username = 'admin') =>
    t.app.request(`/api/assessments/${DEMO}/indicator-values${query}`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: await as(username), 'content-type': 'text/csv' },
      body,
    });

  it('answers a dry run as JSON and writes nothing, then imports', async () => {
    const csv =
      'city,indicator,year,value,source\nwuwei,tertiary_share_change,2022,3,B\njiuquan,tertiary_share_change,2022,4,B\n';
    const before = await count();
    const dry = await send(csv, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, valid: 2, invalid: 0, problems: [] });
    expect(await count()).toBe(before);
    const real = await send(csv);
    expect(real.status).toBe(201);
    const body = (await real.json()) as { imported: number; replaced: number };
    expect(body.imported).toBe(2);
    expect(await count()).toBe(before + 2 - body.replaced);
    expect(
      (await stored(2022))
        .filter((r) => r.source === 'B')
        .map((r) => r.value)
        .sort(),
    ).toEqual([3, 4]);
  });

  it('refuses a file with a bad row (422, the rows named) and anyone but an administrator', async () => {
    const before = await count();
    const bad = await send('city,indicator,year,value,source\nwuwei,tertiary_share_change,1800,3,B\n');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      problems: [{ line: 2, problems: ['year "1800" is not a year from 1900 to 2100'] }],
    });
    expect((await send('city,indicator,year,value,source\n', '', 'expert1')).status).toBe(403);
    expect(await count()).toBe(before);
  });
});
