import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  type CompareRow,
  ReportProgress,
  ResultsBody,
  ResultsBodyProblem,
  type ResultsBodyProps,
  ResultsPage,
  type ResultsPageProps,
  ResultsUnavailable,
  SnapshotComparePage,
  type TableView,
  WhatIfResult,
} from '../../../templates/results.tsx';
import { type ExportDetails, recordExport } from '../../app/exports.ts';
import { type ReportKind, reportFileName, reportStatus, requestReport } from '../../app/reports.ts';
import { type LiveOutcome, type LiveSet, liveResults, snapshotSet } from '../../app/results.ts';
import {
  citiesOf,
  lazySnapshotOf,
  publishSnapshot,
  snapshotOf,
  snapshotsOf,
  snapshotText,
} from '../../app/snapshots.ts';
import { dimensionShares, readWhatIf, whatIf } from '../../app/what-if.ts';
import type { SnapshotSummary } from '../../db/queries/snapshots.ts';
import { byLocale, type Locale, t } from '../../i18n/messages.ts';
import { chartsOf, slopeChart } from '../../report/charts.ts';
import { tableCsv } from '../../report/csv.ts';
import type { ResultSet } from '../../report/input.ts';
import { cite } from '../../report/recommendations.ts';
import { summaryOf } from '../../report/summary.ts';
import { formatCell, isTableId, namesOf, type Table, tableOf, tablesOf } from '../../report/tables.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { renderError } from '../errors.tsx';
import { readFields } from '../forms.ts';
import { CACHED_PART, render } from '../render.tsx';

type C = Context<AssessmentEnv>;

/** How long a PDF request waits for its render before answering with a progress page (the demo's takes far less). */
const REPORT_WAIT_MS = 5_000;
const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });

/** Audits a download that is about to be answered (src/app/exports.ts): the snapshot's when one is named. */
const recordDownload = (deps: AppDeps, c: C, snapshot: number | null, details: ExportDetails) =>
  recordExport(
    deps.db,
    deps.clock(),
    c.var.user.id,
    snapshot === null
      ? { entity: 'assessment', id: c.var.assessment.id, assessment: c.var.assessment.code }
      : { entity: 'snapshot', id: snapshot, assessment: c.var.assessment.code },
    details,
  );

const tableView = (table: Table, locale: Locale): TableView => ({
  id: table.id,
  title: table.title,
  columns: table.columns.map((col) => ({ label: col.label, numeric: col.format !== 'text' })),
  rows: table.rows.map((row) => row.map((cell, k) => formatCell(cell, table.columns[k]!.format, locale))),
});

const links = (list: readonly SnapshotSummary[], current?: number) =>
  list.map((s) => ({ id: s.id, publishedAt: s.createdAt.toISOString(), author: s.author, current: s.id === current }));

const csvResponse = (c: C, body: string, file: string) =>
  c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file}"`,
  });

/** Names in downloads stay within [a-z0-9-]: an assessment's code is a slug (a CHECK constraint), table ids are ours. */
const fileName = (c: C, what: string, table: string) => `corridor-${c.var.assessment.code}-${what}-${table}.csv`;

/**
 * The page's body for one set (the draft's or a snapshot's), rendered once per set and language and then taken
 * from the cache: the tables and charts of a large assessment cost far more than the rest of the page.
 */
async function bodyOf(
  deps: AppDeps,
  c: C,
  key: string,
  /** Read only when the body is not cached yet: a large snapshot's documents take tens of milliseconds to parse. */
  setOf: () => ResultSet | Promise<ResultSet>,
  extra: Pick<ResultsBodyProps, 'source' | 'base' | 'pending'> & { whatIfAction: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const { t, locale } = c.var;
  const make = async () => {
    const set = await setOf();
    const names = namesOf(set, locale);
    // A first look (src/app/results.ts) comes before the charts and the what-if panel, which the whole set brings.
    const firstLook = extra.pending !== undefined;
    const shares = firstLook ? [] : dimensionShares(set.problem, set.result);
    const props: ResultsBodyProps = {
      t,
      locale,
      code: c.var.assessment.code,
      name: byLocale(locale, set.labels.assessment.name.en, set.labels.assessment.name.zh),
      illustrative: set.labels.assessment.illustrative,
      summary: summaryOf(set, locale),
      tables: tablesOf(set, locale).map((table) => tableView(table, locale)),
      ...(firstLook ? { charts: {}, radars: [] } : chartsOf(set, locale)),
      whatIf:
        shares.length >= 2
          ? { action: extra.whatIfAction, dimensions: shares.map((d) => ({ ...d, name: names.dimension(d.code) })) }
          : null,
      cities: set.labels.alternatives.map((a, i) => ({ code: a.code, name: names.city(i) })),
      source: extra.source,
      base: extra.base,
      ...(extra.pending ? { pending: extra.pending } : {}),
    };
    return (<ResultsBody {...props} />).toString();
  };
  // A first look is shown once per data version, until its whole set is cached: keeping it would only push whole
  // bodies out of the cache.
  if (extra.pending) return new TextEncoder().encode(await make());
  return deps.results.view(`${key}:${locale}`, make);
}

const snapshotSource = (c: C, s: SnapshotSummary): ResultsPageProps['source'] => ({
  kind: 'snapshot',
  id: s.id,
  publishedAt: s.createdAt.toISOString(),
  author: s.author,
  engineVersion: s.engineVersion,
  hash: s.hash,
  weightSet:
    s.weightSetVersion === null
      ? c.var.t('results.weightSet.none')
      : c.var.t('results.weightSet.version', { version: s.weightSetVersion, note: s.weightSetNote ?? '' }),
});

/** The what-if reply: the set's ranking next to the one under the posted dimension weights. */
async function whatIfReply(deps: AppDeps, c: C, set: ResultSet) {
  const { t, locale } = c.var;
  const fields = (await readFields(c)).fields;
  const read = readWhatIf(set.problem, fields);
  if (!read.ok)
    return c.html(
      <WhatIfResult t={t} rows={[]} problem={read.issues.map((i) => `${i.path}: ${i.message}`).join('; ')} />,
      422,
    );
  const outcome = await whatIf(deps.engine, set.problem, set.result, read.values);
  if (outcome.kind === 'busy') {
    if (outcome.retryAfterSeconds) c.header('Retry-After', String(outcome.retryAfterSeconds));
    return c.html(<WhatIfResult t={t} rows={[]} problem={t('results.busy')} />, 503);
  }
  if (outcome.kind === 'refused')
    return c.html(<WhatIfResult t={t} rows={[]} problem={outcome.issues.map((i) => i.message).join('; ')} />, 422);
  const names = namesOf(set, locale);
  const then = outcome.result;
  const order = then.alternatives.map((_, i) => i).sort((a, b) => then.ranks[a]! - then.ranks[b]! || a - b);
  const rows = order.map((i) => {
    const change = set.result.ranks[i]! - then.ranks[i]!;
    return [
      names.city(i),
      String(set.result.ranks[i]),
      String(then.ranks[i]),
      change > 0 ? `+${change}` : String(change),
      cite.index(then.scores[i]!),
    ];
  });
  const info = then.weighting;
  const used =
    info.method === 'hierarchical'
      ? set.labels.dimensions
          .map((d, k) => `${names.dimension(d.code)} ${cite.percent(info.dimensions.weights[k] ?? 0, locale)}`)
          .join(locale === 'zh' ? '，' : ', ')
      : undefined;
  return c.html(<WhatIfResult t={t} rows={rows} used={used} />);
}

/**
 * `/assessments/:code/results` (the live draft) and publishing, for the chair and administrators (the guard at the
 * mount). The draft comes from the current data through the result cache; every number is the engine's.
 */
export function resultsArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const base = (c: C) => `/assessments/${c.var.assessment.code}/results`;

  const live = async (c: C) => {
    const outcome = await liveResults(deps.db, deps.engine, deps.results, c.var.assessment);
    return outcome;
  };

  /** The draft's body, its first look for a large assessment whose whole set is still being made. */
  const draftBody = (c: C, live: LiveSet) =>
    bodyOf(deps, c, `draft:${c.var.assessment.id}:${live.dataVersion}`, () => live.set, {
      source: { kind: 'draft' },
      base: base(c),
      whatIfAction: `${base(c)}/what-if`,
      ...(live.complete ? {} : { pending: { url: `${base(c)}/complete`, reload: base(c) } }),
    });

  const reasonOf = (c: C, outcome: Exclude<LiveOutcome, { kind: 'ok' }>) =>
    outcome.kind === 'unavailable'
      ? c.var.t('results.unavailable', { reason: outcome.message })
      : outcome.kind === 'busy'
        ? c.var.t('results.busy')
        : c.var.t('results.unavailable', { reason: outcome.issues.map((i) => i.message).join('; ') });

  app.get('/results', async (c) => {
    const { t } = c.var;
    const [outcome, list] = await Promise.all([
      liveResults(deps.db, deps.engine, deps.results, c.var.assessment, 'first'),
      snapshotsOf(deps.db, seatOf(c)),
    ]);
    const shell = {
      t,
      code: c.var.assessment.code,
      name: byLocale(c.var.locale, c.var.assessment.nameEn, c.var.assessment.nameZh),
      snapshots: links(list),
      canPublish: true,
    };
    if (outcome.kind === 'ok') {
      return render(c, {
        title: t('results.titleDraft'),
        activeNav: 'assessments',
        body: <ResultsPage {...shell} source={{ kind: 'draft' }} body={CACHED_PART} />,
        cachedPart: await draftBody(c, outcome.live),
      });
    }
    return render(c, {
      title: t('results.titleDraft'),
      activeNav: 'assessments',
      status: outcome.kind === 'busy' ? 503 : 200,
      body: <ResultsUnavailable {...shell} reason={reasonOf(c, outcome)} />,
    });
  });

  /** The whole draft's body, which htmx puts in place of a first look. */
  app.get('/results/complete', async (c) => {
    const outcome = await live(c);
    c.header('Cache-Control', 'no-store');
    if (outcome.kind === 'ok')
      return c.body(await draftBody(c, outcome.live), 200, { 'Content-Type': 'text/html; charset=UTF-8' });
    if (outcome.kind === 'busy' && outcome.retryAfterSeconds)
      c.header('Retry-After', String(outcome.retryAfterSeconds));
    return c.html(<ResultsBodyProblem reason={reasonOf(c, outcome)} />, outcome.kind === 'busy' ? 503 : 200);
  });

  app.get('/results/:file{[a-z]+\\.csv}', async (c) => {
    const id = c.req.param('file').replace(/\.csv$/, '');
    if (!isTableId(id)) return renderError(c, 404);
    const outcome = await live(c);
    if (outcome.kind !== 'ok') return renderError(c, 409, { details: [c.var.t('results.noDraft')] });
    const table = tableOf(outcome.live.set, id, c.var.locale);
    if (!table) return renderError(c, 404);
    const body = tableCsv(table);
    await recordDownload(deps, c, null, { kind: 'draft', table: id, format: 'csv', lang: c.var.locale });
    return csvResponse(c, body, fileName(c, 'draft', id));
  });

  app.post('/results/what-if', async (c) => {
    const outcome = await live(c);
    if (outcome.kind !== 'ok')
      return c.html(<WhatIfResult t={c.var.t} rows={[]} problem={c.var.t('results.noDraft')} />, 409);
    return whatIfReply(deps, c, outcome.live.set);
  });

  app.post('/snapshots', async (c) => {
    const outcome = await publishSnapshot(deps.db, deps.engine, deps.results, deps.clock(), c.var.user, seatOf(c));
    if (outcome.kind === 'published')
      return c.redirect(`/assessments/${c.var.assessment.code}/snapshots/${outcome.id}`, 303);
    if (outcome.kind === 'busy') {
      if (outcome.retryAfterSeconds) c.header('Retry-After', String(outcome.retryAfterSeconds));
      return renderError(c, 503, { details: outcome.issues.map((i) => i.message) });
    }
    return renderError(c, outcome.status === 422 ? 409 : outcome.status, {
      details: outcome.issues.map((i) => i.message),
    });
  });
  return app;
}

/** Published snapshots, for everyone seated (viewers included): the list, one snapshot, its downloads, comparisons. */
export function snapshotsArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const canPublish = (c: C) => c.var.access.role === 'administrator' || c.var.access.role === 'chair';

  /** The newest snapshot's page, or the list with nothing in it. */
  app.get('/snapshots', async (c) => {
    const list = await snapshotsOf(deps.db, seatOf(c));
    if (list[0]) return c.redirect(`/assessments/${c.var.assessment.code}/snapshots/${list[0].id}`, 302);
    if (canPublish(c)) return c.redirect(`/assessments/${c.var.assessment.code}/results`, 302);
    return renderError(c, 404, { details: [c.var.t('results.noSnapshots')] });
  });

  app.get('/snapshots/compare', async (c) => {
    const { t, locale } = c.var;
    const [from, to] = await Promise.all([
      snapshotOf(deps.db, seatOf(c), c.req.query('from') ?? ''),
      snapshotOf(deps.db, seatOf(c), c.req.query('to') ?? ''),
    ]);
    if ('kind' in from || 'kind' in to) return renderError(c, 404);
    const comparison = compareSnapshots(snapshotSet(from), snapshotSet(to), { from: from.id, to: to.id }, locale);
    if (c.req.query('format') === 'csv') {
      const body = tableCsv(comparison.table);
      await recordDownload(deps, c, to.id, { kind: 'compare', table: `${from.id}-${to.id}`, format: 'csv' });
      return csvResponse(c, body, fileName(c, `compare-${from.id}-${to.id}`, 'ranks'));
    }
    return render(c, {
      title: t('results.compare.title', { from: from.id, to: to.id }),
      activeNav: 'assessments',
      body: (
        <SnapshotComparePage
          t={t}
          code={c.var.assessment.code}
          name={byLocale(locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          from={from.id}
          to={to.id}
          rows={comparison.rows}
          slope={comparison.slope}
          csv={`/assessments/${c.var.assessment.code}/snapshots/compare?from=${from.id}&to=${to.id}&format=csv`}
        />
      ),
    });
  });

  const found = async (c: C) => snapshotOf(deps.db, seatOf(c), c.req.param('id') ?? '');
  /** For the PDF routes and the page: the snapshot's documents are read only when they are needed. */
  const lazy = async (c: C) => lazySnapshotOf(deps.db, seatOf(c), c.req.param('id') ?? '');

  app.get('/snapshots/:id', async (c) => {
    const from = await lazy(c);
    if ('kind' in from) return renderError(c, 404);
    const stored = from.snapshot;
    const list = await snapshotsOf(deps.db, seatOf(c));
    const base = `/assessments/${c.var.assessment.code}/snapshots/${stored.id}`;
    const source = snapshotSource(c, stored);
    const body = await bodyOf(deps, c, `snapshot:${stored.id}`, async () => snapshotSet(await from.documents()), {
      source,
      base,
      whatIfAction: `${base}/what-if`,
    });
    return render(c, {
      title: c.var.t('results.titleSnapshot', { id: stored.id }),
      activeNav: 'assessments',
      body: (
        <ResultsPage
          t={c.var.t}
          code={c.var.assessment.code}
          name={byLocale(c.var.locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          source={source}
          snapshots={links(list, stored.id)}
          canPublish={canPublish(c)}
          body={CACHED_PART}
        />
      ),
      cachedPart: body,
    });
  });

  app.get('/snapshots/:id/snapshot.json', async (c) => {
    const stored = await found(c);
    if ('kind' in stored) return renderError(c, 404);
    c.header('Content-Disposition', `attachment; filename="corridor-${c.var.assessment.code}-${stored.id}.json"`);
    await recordDownload(deps, c, stored.id, { kind: 'snapshot', format: 'json' });
    return c.body(snapshotText(c.var.access.role, stored), 200, { 'Content-Type': 'application/json' });
  });

  app.get('/snapshots/:id/:file{[a-z]+\\.csv}', async (c) => {
    const table = c.req.param('file').replace(/\.csv$/, '');
    if (!isTableId(table)) return renderError(c, 404);
    const stored = await found(c);
    if ('kind' in stored) return renderError(c, 404);
    const built = tableOf(snapshotSet(stored), table, c.var.locale);
    if (!built) return renderError(c, 404);
    const body = tableCsv(built);
    await recordDownload(deps, c, stored.id, { kind: 'table', table, format: 'csv', lang: c.var.locale });
    return csvResponse(c, body, fileName(c, String(stored.id), table));
  });

  /** `?lang=en|zh`, or the page's language when none is asked for; anything else is refused. */
  const langOf = (c: C): Locale | null => {
    const lang = c.req.query('lang');
    if (lang === undefined) return c.var.locale;
    return lang === 'en' || lang === 'zh' ? lang : null;
  };

  const pdf = async (c: C, kind: ReportKind, city: string | undefined) => {
    const locale = langOf(c);
    if (!locale) return renderError(c, 400, { details: [c.var.t('results.report.lang')] });
    const from = await lazy(c);
    if ('kind' in from) return renderError(c, 404);
    const stored = from.snapshot;
    if (city !== undefined && !citiesOf(stored).some((a) => a.code === city)) return renderError(c, 404);
    const outcome = await requestReport(deps.db, deps.reports, deps.clock, from, kind, locale, city, REPORT_WAIT_MS);
    const base = `/assessments/${c.var.assessment.code}/snapshots/${stored.id}`;
    const pdfUrl = city ? `${base}/cities/${city}/brief.pdf?lang=${locale}` : `${base}/report.pdf?lang=${locale}`;
    if (outcome.kind === 'ready') {
      await recordDownload(deps, c, stored.id, { kind, format: 'pdf', lang: locale, city });
      return c.body(new Uint8Array(outcome.pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${reportFileName(c.var.assessment.code, stored.id, locale, city)}"`,
      });
    }
    const status = `${base}/report-status?kind=${kind}&lang=${locale}${city ? `&city=${city}` : ''}`;
    return render(c, {
      title: c.var.t('results.report.title'),
      activeNav: 'assessments',
      status: outcome.kind === 'failed' ? 503 : 202,
      body: (
        <ReportProgress
          t={c.var.t}
          statusUrl={status}
          pdfUrl={pdfUrl}
          done={outcome.kind === 'pending' ? outcome.done : 0}
          total={outcome.kind === 'pending' ? outcome.total : 0}
          ready={false}
          {...(outcome.kind === 'failed' ? { failed: outcome.message } : {})}
        />
      ),
    });
  };

  app.get('/snapshots/:id/report.pdf', (c) => pdf(c, 'report', undefined));
  app.get('/snapshots/:id/cities/:city/brief.pdf', (c) => pdf(c, 'brief', c.req.param('city')));
  // The results page's form names the city and language as fields.
  app.get('/snapshots/:id/brief', async (c) => {
    const lang = langOf(c);
    const from = await lazy(c);
    if ('kind' in from || !lang) return renderError(c, 404);
    const stored = from.snapshot;
    // Only a city of this snapshot goes into the address.
    const city = citiesOf(stored).find((a) => a.code === c.req.query('city'));
    if (!city) return renderError(c, 404);
    return c.redirect(
      `/assessments/${c.var.assessment.code}/snapshots/${stored.id}/cities/${city.code}/brief.pdf?lang=${lang}`,
      303,
    );
  });

  app.get('/snapshots/:id/report-status', async (c) => {
    const locale = langOf(c);
    const kind = c.req.query('kind');
    const city = c.req.query('city');
    if (!locale || (kind !== 'report' && kind !== 'brief')) return renderError(c, 404);
    const from = await lazy(c);
    if ('kind' in from) return renderError(c, 404);
    const stored = from.snapshot;
    if (kind === 'brief' && !citiesOf(stored).some((a) => a.code === city)) return renderError(c, 404);
    const which = kind === 'brief' ? city : undefined;
    let state = await reportStatus(deps.db, stored.id, kind, locale, which);
    // Nothing asked for yet, or a render left behind by a process that stopped: start it (again) rather than wait.
    if (state === null || (state.kind === 'running' && state.stale)) {
      const started = await requestReport(deps.db, deps.reports, deps.clock, from, kind, locale, which, 0);
      state =
        started.kind === 'ready'
          ? { kind: 'done' }
          : started.kind === 'failed'
            ? started
            : { kind: 'running', done: started.done, total: started.total, stale: false };
    }
    const base = `/assessments/${c.var.assessment.code}/snapshots/${stored.id}`;
    const pdfUrl =
      kind === 'brief' ? `${base}/cities/${city}/brief.pdf?lang=${locale}` : `${base}/report.pdf?lang=${locale}`;
    return c.html(
      <ReportProgress
        t={c.var.t}
        statusUrl={c.req.url.replace(/^https?:\/\/[^/]+/, '')}
        pdfUrl={pdfUrl}
        done={state?.kind === 'running' ? state.done : 0}
        total={state?.kind === 'running' ? state.total : 0}
        ready={state?.kind === 'done'}
        {...(state?.kind === 'failed' ? { failed: state.message } : {})}
      />,
    );
  });

  app.post('/snapshots/:id/what-if', async (c) => {
    const stored = await found(c);
    if ('kind' in stored)
      return c.html(<WhatIfResult t={c.var.t} rows={[]} problem={c.var.t('results.noSnapshots')} />, 404);
    return whatIfReply(deps, c, snapshotSet(stored));
  });
  return app;
}

/** Rank and coordination-level changes between two snapshots, as a table, its CSV and a slope chart. */
function compareSnapshots(from: ResultSet, to: ResultSet, ids: { from: number; to: number }, locale: Locale) {
  const fromNames = namesOf(from, locale);
  const toNames = namesOf(to, locale);
  const level = (set: ResultSet, i: number) => {
    const l = set.result.coordination?.level[i];
    return l ? (locale === 'zh' ? l.zh : l.en) : '—';
  };
  const toIndex = new Map(to.result.alternatives.map((a, i) => [a, i]));
  const pairs = from.result.alternatives.flatMap((a, i) => {
    const j = toIndex.get(a);
    return j === undefined ? [] : [{ i, j }];
  });
  const rows: CompareRow[] = pairs.map(({ i, j }) => {
    const change = from.result.ranks[i]! - to.result.ranks[j]!;
    return {
      city: toNames.city(j),
      fromRank: String(from.result.ranks[i]),
      toRank: String(to.result.ranks[j]),
      rankChange: change > 0 ? `+${change}` : String(change),
      fromLevel: level(from, i),
      toLevel: level(to, j),
      levelChanged: level(from, i) !== level(to, j),
    };
  });
  const table: Table = {
    id: 'ranking',
    title: t(locale, 'results.compare.title', ids),
    columns: [
      { key: 'city', label: t(locale, 'results.col.city'), format: 'text' },
      { key: 'fromRank', label: t(locale, 'results.compare.rankIn', { id: ids.from }), format: 'rank' },
      { key: 'toRank', label: t(locale, 'results.compare.rankIn', { id: ids.to }), format: 'rank' },
      { key: 'fromLevel', label: t(locale, 'results.compare.levelIn', { id: ids.from }), format: 'text' },
      { key: 'toLevel', label: t(locale, 'results.compare.levelIn', { id: ids.to }), format: 'text' },
    ],
    rows: pairs.map(({ i, j }) => [
      toNames.city(j),
      from.result.ranks[i]!,
      to.result.ranks[j]!,
      level(from, i),
      level(to, j),
    ]),
  };
  const slope = slopeChart({
    cities: pairs.map(({ i }) => fromNames.city(i)),
    before: pairs.map(({ i }) => from.result.ranks[i]!),
    after: pairs.map(({ j }) => to.result.ranks[j]!),
    labels: [`#${ids.from}`, `#${ids.to}`],
  });
  return { rows, table, slope };
}
