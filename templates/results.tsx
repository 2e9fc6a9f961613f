import { raw } from 'hono/html';
import type { Locale, Translate } from '../src/i18n/messages.ts';
import { Notices } from './components/notices.tsx';
import { AssessmentPageHeader } from './components/page-header.tsx';

/** A table of the result, its cells already printed (the CSV download carries the full numbers). */
export interface TableView {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly { readonly label: string; readonly numeric: boolean }[];
  readonly rows: readonly (readonly string[])[];
}

export type ResultSource =
  | { readonly kind: 'draft' }
  | {
      readonly kind: 'snapshot';
      readonly id: number;
      readonly publishedAt: string;
      readonly author: string;
      readonly engineVersion: string;
      readonly hash: string;
      readonly weightSet: string;
    };

export interface SnapshotLink {
  readonly id: number;
  readonly publishedAt: string;
  readonly author: string;
  readonly current: boolean;
}

export interface WhatIfView {
  readonly action: string;
  readonly dimensions: readonly { readonly code: string; readonly name: string; readonly percent: number }[];
}

export interface ResultsPageProps {
  readonly t: Translate;
  /** The page's language: a brief is offered in it first. */
  readonly locale: Locale;
  readonly code: string;
  readonly name: string;
  readonly source: ResultSource;
  readonly illustrative: boolean;
  readonly canPublish: boolean;
  /** Where this set's downloads live: `/assessments/:code/results` or `/assessments/:code/snapshots/:id`. */
  readonly base: string;
  readonly snapshots: readonly SnapshotLink[];
  readonly summary: readonly string[];
  readonly tables: readonly TableView[];
  /** Server-rendered SVG (ECharts), by name; absent charts are left out. */
  readonly charts: Readonly<Partial<Record<'ranking' | 'coordination' | 'acceptability', string>>>;
  readonly radars: readonly { readonly name: string; readonly svg: string; readonly caption?: string }[];
  readonly whatIf: WhatIfView | null;
  readonly cities: readonly { readonly code: string; readonly name: string }[];
  readonly done?: string;
  readonly problem?: string;
}

const Svg = ({ svg, label, caption }: { readonly svg: string; readonly label: string; readonly caption?: string }) => (
  <figure class="chart" aria-label={label}>
    {raw(svg)}
    {caption && <figcaption class="chart__caption">{caption}</figcaption>}
  </figure>
);

const Downloads = ({ p, table }: { readonly p: ResultsPageProps; readonly table: string }) => (
  <p class="results__download">
    <a href={`${p.base}/${table}.csv`} download>
      {p.t('results.csv')}
    </a>
  </p>
);

export const ResultTable = ({ table }: { readonly table: TableView }) => (
  <div class="table-scroll">
    <table class="table results__table" id={`table-${table.id}`}>
      <caption class="visually-hidden">{table.title}</caption>
      <thead>
        <tr>
          {table.columns.map((c) => (
            <th scope="col" class={c.numeric ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr>
            {row.map((cell, k) => (
              <td class={table.columns[k]?.numeric ? 'num' : undefined}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const Section = ({
  p,
  id,
  intro,
  children,
}: {
  readonly p: ResultsPageProps;
  readonly id: string;
  readonly intro?: string;
  readonly children?: unknown;
}) => {
  const table = p.tables.find((x) => x.id === id);
  if (!table) return null;
  return (
    <section class="panel-card results__section" id={`section-${id}`} aria-labelledby={`heading-${id}`}>
      <h2 id={`heading-${id}`}>{table.title}</h2>
      {intro && <p class="weights__hint">{intro}</p>}
      {children}
      <ResultTable table={table} />
      <Downloads p={p} table={id} />
    </section>
  );
};

const SourceLine = ({ p }: { readonly p: ResultsPageProps }) => {
  const { t, source } = p;
  if (source.kind === 'draft') return <p class="notice notice--warn">{t('results.draftNotice')}</p>;
  return (
    <dl class="results__meta">
      <div>
        <dt>{t('results.snapshot')}</dt>
        <dd>#{source.id}</dd>
      </div>
      <div>
        <dt>{t('results.publishedAt')}</dt>
        <dd>
          <time datetime={source.publishedAt}>{source.publishedAt.replace('T', ' ').slice(0, 16)} UTC</time>
        </dd>
      </div>
      <div>
        <dt>{t('results.author')}</dt>
        <dd>{source.author}</dd>
      </div>
      <div>
        <dt>{t('results.weightSet')}</dt>
        <dd>{source.weightSet}</dd>
      </div>
      <div>
        <dt>{t('results.engine')}</dt>
        <dd>{source.engineVersion}</dd>
      </div>
      <div>
        <dt>{t('results.hash')}</dt>
        <dd>
          <code class="results__hash">{source.hash}</code>
        </dd>
      </div>
    </dl>
  );
};

const Reports = ({ p }: { readonly p: ResultsPageProps }) => {
  const { t } = p;
  if (p.source.kind !== 'snapshot') return null;
  return (
    <section class="panel-card" aria-labelledby="heading-reports">
      <h2 id="heading-reports">{t('results.reports')}</h2>
      <p class="weights__hint">{t('results.reportsIntro')}</p>
      <ul class="results__links">
        <li>
          <a href={`${p.base}/report.pdf?lang=en`}>{t('results.report.en')}</a>
        </li>
        <li>
          <a href={`${p.base}/report.pdf?lang=zh`}>{t('results.report.zh')}</a>
        </li>
        <li>
          <a href={`${p.base}/snapshot.json`} download>
            {t('results.json')}
          </a>
        </li>
      </ul>
      <form method="get" action={`${p.base}/brief`} class="inline-form results__brief">
        <label for="brief-city">{t('results.brief')}</label>
        <select id="brief-city" name="city">
          {p.cities.map((c) => (
            <option value={c.code}>{c.name}</option>
          ))}
        </select>
        <select name="lang" aria-label={t('results.language')}>
          <option value="en" selected={p.locale === 'en'}>
            English
          </option>
          <option value="zh" selected={p.locale === 'zh'}>
            中文
          </option>
        </select>
        <button type="submit" class="button">
          {t('results.brief.get')}
        </button>
      </form>
    </section>
  );
};

const Snapshots = ({ p }: { readonly p: Pick<ResultsPageProps, 't' | 'code' | 'snapshots' | 'canPublish'> }) => {
  const { t } = p;
  return (
    <section class="panel-card" aria-labelledby="heading-snapshots">
      <h2 id="heading-snapshots">{t('results.snapshots')}</h2>
      {p.canPublish && (
        <form method="post" action={`/assessments/${p.code}/snapshots`} class="inline-form">
          <p class="weights__hint">{t('results.publishIntro')}</p>
          <button type="submit" class="button button--primary">
            {t('results.publish')}
          </button>
        </form>
      )}
      {p.snapshots.length === 0 ? (
        <p>{t('results.noSnapshots')}</p>
      ) : (
        <>
          <ul class="results__links">
            {p.snapshots.map((s) => (
              <li>
                <a href={`/assessments/${p.code}/snapshots/${s.id}`} aria-current={s.current ? 'page' : undefined}>
                  #{s.id} · {s.publishedAt.replace('T', ' ').slice(0, 16)} UTC · {s.author}
                </a>
              </li>
            ))}
          </ul>
          {p.snapshots.length > 1 && (
            <form method="get" action={`/assessments/${p.code}/snapshots/compare`} class="inline-form">
              <label for="compare-from">{t('results.compare.from')}</label>
              <select id="compare-from" name="from">
                {p.snapshots.map((s, k) => (
                  <option value={String(s.id)} selected={k === 1}>
                    #{s.id}
                  </option>
                ))}
              </select>
              <label for="compare-to">{t('results.compare.to')}</label>
              <select id="compare-to" name="to">
                {p.snapshots.map((s, k) => (
                  <option value={String(s.id)} selected={k === 0}>
                    #{s.id}
                  </option>
                ))}
              </select>
              <button type="submit" class="button">
                {t('results.compare')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
};

export const WhatIfResult = (p: {
  readonly t: Translate;
  readonly rows: readonly (readonly string[])[];
  /** The dimension weights the rows were computed with, as shares. */
  readonly used?: string;
  readonly problem?: string;
  /** Before the first move: say what the panel does instead of an empty table. */
  readonly hint?: boolean;
}) => (
  <div id="what-if-result" aria-live="polite">
    {p.used && <p class="weights__hint">{p.t('results.whatIf.used', { weights: p.used })}</p>}
    {p.hint ? (
      <p class="weights__hint">{p.t('results.whatIf.hint')}</p>
    ) : p.problem ? (
      <p class="notice notice--error" role="alert">
        {p.problem}
      </p>
    ) : (
      <div class="table-scroll">
        <table class="table results__table">
          <thead>
            <tr>
              <th scope="col">{p.t('results.col.city')}</th>
              <th scope="col" class="num">
                {p.t('results.whatIf.now')}
              </th>
              <th scope="col" class="num">
                {p.t('results.whatIf.then')}
              </th>
              <th scope="col" class="num">
                {p.t('results.whatIf.change')}
              </th>
              <th scope="col" class="num">
                {p.t('results.col.scoreShort')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((row) => (
              <tr>
                <td>{row[0]}</td>
                <td class="num">{row[1]}</td>
                <td class="num">{row[2]}</td>
                <td class="num" data-change={row[3]}>
                  {row[3]}
                </td>
                <td class="num">{row[4]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </div>
);

const WhatIf = ({ p, w }: { readonly p: ResultsPageProps; readonly w: WhatIfView }) => (
  <section class="panel-card" aria-labelledby="heading-what-if">
    <h2 id="heading-what-if">{p.t('results.whatIf')}</h2>
    <p class="weights__hint">{p.t('results.whatIf.intro')}</p>
    <form
      method="post"
      action={w.action}
      class="results__what-if"
      hx-post={w.action}
      hx-trigger="input delay:250ms, submit"
      hx-target="#what-if-result"
      hx-swap="outerHTML"
      hx-sync="this:replace"
    >
      {w.dimensions.map((d) => (
        <div class="field results__slider">
          <label for={`w.${d.code}`}>{d.name}</label>
          <input
            type="range"
            id={`w.${d.code}`}
            name={`w.${d.code}`}
            min="0"
            max="100"
            step="1"
            value={String(d.percent)}
          />
        </div>
      ))}
      <noscript>
        <button type="submit" class="button">
          {p.t('results.whatIf.run')}
        </button>
      </noscript>
    </form>
    <WhatIfResult t={p.t} rows={[]} hint />
  </section>
);

/**
 * A first look that the whole set replaces when it is ready: htmx asks `url` on load (and again every few seconds
 * while the engine is busy); `reload` is the same page, for a browser without htmx.
 */
export interface PendingView {
  readonly url: string;
  readonly reload: string;
}

/** The part of the page that depends on the result set alone, so that it is rendered once per data version. */
export type ResultsBodyProps = Omit<ResultsPageProps, 'snapshots' | 'canPublish' | 'done' | 'problem'> & {
  readonly pending?: PendingView;
};

/** The id of the body's root, which the whole set's body replaces (`hx-swap="outerHTML"`). */
const BODY_ID = 'results-body';

const pendingAttributes = (pending: PendingView | undefined) =>
  pending
    ? {
        'hx-get': pending.url,
        'hx-trigger': 'load, every 5s',
        'hx-swap': 'outerHTML',
        // A tick while the request is out is dropped, not queued behind it.
        'hx-sync': 'this:drop',
        // A busy engine (503) or a failure keeps the first look in place, and the next tick asks again.
        'hx-status:5xx': 'swap:none',
        'aria-busy': 'true',
      }
    : {};

/** In place of the body when the whole set cannot be given (the engine busy, the data no longer evaluable). */
export const ResultsBodyProblem = (p: { readonly reason: string }) => (
  <div id={BODY_ID} class="results__body">
    <p class="notice notice--warn">{p.reason}</p>
  </div>
);

export const ResultsBody = (p: ResultsBodyProps) => {
  const { t } = p;
  const shell = { ...p, snapshots: [], canPublish: false };
  return (
    <div id={BODY_ID} class="results__body" {...pendingAttributes(p.pending)}>
      {p.pending && (
        <p class="notice notice--info" role="status">
          {t('results.firstLook')} <a href={p.pending.reload}>{t('results.firstLookReload')}</a>
        </p>
      )}
      {p.illustrative && <p class="notice notice--warn">{t('results.illustrative')}</p>}
      <SourceLine p={shell} />
      <nav class="assessment__links" aria-label={t('results.sections')}>
        {p.tables.map((table) => (
          <a href={`#section-${table.id}`}>{table.title}</a>
        ))}
      </nav>
      {p.summary.length > 0 && (
        <section class="panel-card" aria-labelledby="heading-summary">
          <h2 id="heading-summary">{t('results.summary')}</h2>
          {p.summary.map((line) => (
            <p>{line}</p>
          ))}
        </section>
      )}
      <Reports p={shell} />
      <Section p={shell} id="ranking">
        {p.charts.ranking && <Svg svg={p.charts.ranking} label={t('results.chart.ranking')} />}
      </Section>
      {p.whatIf && <WhatIf p={shell} w={p.whatIf} />}
      <Section p={shell} id="methods" intro={t('results.methodsIntro')} />
      <Section p={shell} id="coordination" intro={t('results.coordinationIntro')}>
        {p.charts.coordination && <Svg svg={p.charts.coordination} label={t('results.chart.coordination')} />}
      </Section>
      {p.radars.length > 0 && (
        <section class="panel-card" aria-labelledby="heading-radars">
          <h2 id="heading-radars">{t('results.radars')}</h2>
          <div class="results__radars">
            {p.radars.map((r) => (
              <Svg svg={r.svg} label={r.name} {...(r.caption ? { caption: r.caption } : {})} />
            ))}
          </div>
        </section>
      )}
      <Section p={shell} id="obstacles" intro={t('results.obstaclesIntro')} />
      <Section p={shell} id="recommendations" intro={t('results.recommendationsIntro')} />
      <Section p={shell} id="agreement" intro={t('results.agreementIntro')} />
      <Section p={shell} id="acceptability" intro={t('results.acceptabilityIntro')}>
        {p.charts.acceptability && <Svg svg={p.charts.acceptability} label={t('results.chart.acceptability')} />}
      </Section>
      <Section p={shell} id="stability" intro={t('results.stabilityIntro')} />
    </div>
  );
};

/** The results of an assessment: the live draft (chair, administrators) or a published snapshot (everyone seated). */
export const ResultsPage = (
  p: Pick<ResultsPageProps, 't' | 'code' | 'name' | 'source' | 'snapshots' | 'canPublish' | 'done' | 'problem'> & {
    /** ResultsBody, rendered (and cached) by the caller. */
    readonly body: string;
  },
) => {
  const { t } = p;
  const title = p.source.kind === 'draft' ? t('results.titleDraft') : t('results.titleSnapshot', { id: p.source.id });
  return (
    <>
      <AssessmentPageHeader t={t} code={p.code} title={title} name={p.name} intro={t('results.intro')} />
      <Notices done={p.done} problem={p.problem} />
      {raw(p.body)}
      <Snapshots p={p} />
    </>
  );
};

/** Why there is no draft to show (no scores yet, a statistic missing), with the snapshots that exist. */
export const ResultsUnavailable = (
  p: Pick<ResultsPageProps, 't' | 'code' | 'name' | 'snapshots' | 'canPublish' | 'done' | 'problem'> & {
    readonly reason: string;
  },
) => (
  <>
    <AssessmentPageHeader
      t={p.t}
      code={p.code}
      title={p.t('results.titleDraft')}
      name={p.name}
      intro={p.t('results.intro')}
    />
    <Notices done={p.done} problem={p.problem} />
    <p class="notice notice--warn">{p.reason}</p>
    <Snapshots p={p} />
  </>
);

export interface CompareRow {
  readonly city: string;
  readonly fromRank: string;
  readonly toRank: string;
  readonly rankChange: string;
  readonly fromLevel: string;
  readonly toLevel: string;
  readonly levelChanged: boolean;
}

export const SnapshotComparePage = (p: {
  readonly t: Translate;
  readonly code: string;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly rows: readonly CompareRow[];
  readonly slope: string;
  readonly csv: string;
}) => (
  <>
    <AssessmentPageHeader
      t={p.t}
      code={p.code}
      title={p.t('results.compare.title', { from: p.from, to: p.to })}
      name={p.name}
      intro={p.t('results.compare.intro')}
    />
    <section class="panel-card">
      {p.slope && <Svg svg={p.slope} label={p.t('results.chart.slope')} />}
      <div class="table-scroll">
        <table class="table results__table" id="table-compare">
          <thead>
            <tr>
              <th scope="col">{p.t('results.col.city')}</th>
              <th scope="col" class="num">
                {p.t('results.compare.rankIn', { id: p.from })}
              </th>
              <th scope="col" class="num">
                {p.t('results.compare.rankIn', { id: p.to })}
              </th>
              <th scope="col" class="num">
                {p.t('results.whatIf.change')}
              </th>
              <th scope="col">{p.t('results.compare.levelIn', { id: p.from })}</th>
              <th scope="col">{p.t('results.compare.levelIn', { id: p.to })}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr class={r.levelChanged ? 'results__changed' : undefined}>
                <td>{r.city}</td>
                <td class="num">{r.fromRank}</td>
                <td class="num">{r.toRank}</td>
                <td class="num">{r.rankChange}</td>
                <td>{r.fromLevel}</td>
                <td>{r.toLevel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="results__download">
        <a href={p.csv} download>
          {p.t('results.csv')}
        </a>
      </p>
    </section>
  </>
);

export interface ReportProgressProps {
  readonly t: Translate;
  /** Where to poll for the state, and where the PDF is once it is made. */
  readonly statusUrl: string;
  readonly pdfUrl: string;
  readonly done: number;
  readonly total: number;
  readonly ready: boolean;
  readonly failed?: string;
}

/** A report still being made: its progress, polled every second through htmx, and the link once it is ready. */
export const ReportProgress = (p: ReportProgressProps) => (
  <div
    id="report-progress"
    class="panel-card"
    aria-live="polite"
    {...(p.ready || p.failed
      ? {}
      : { 'hx-get': p.statusUrl, 'hx-trigger': 'every 1s', 'hx-target': 'this', 'hx-swap': 'outerHTML' })}
  >
    {p.failed ? (
      <p class="notice notice--error" role="alert">
        {p.t('results.report.failed', { reason: p.failed })}
      </p>
    ) : p.ready ? (
      <p>
        <a href={p.pdfUrl} class="button button--primary">
          {p.t('results.report.ready')}
        </a>
      </p>
    ) : (
      <>
        <p>{p.t('results.report.making')}</p>
        <progress max={String(Math.max(1, p.total))} value={String(p.done)}>
          {p.total > 0 ? `${p.done} / ${p.total}` : ''}
        </progress>
        <noscript>
          <p>
            <a href={p.pdfUrl}>{p.t('results.report.tryAgain')}</a>
          </p>
        </noscript>
      </>
    )}
  </div>
);
