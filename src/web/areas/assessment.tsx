import type { Context } from 'hono';
import { Hono } from 'hono';
import { AssessmentPage } from '../../../templates/assessment.tsx';
import {
  type CellProps,
  type CellState,
  CellStatus,
  Cell as CellView,
  GridRows,
  Progress,
  ScoringPage,
  type ScoringPageProps,
} from '../../../templates/scoring.tsx';
import type { AccessibleAssessment } from '../../app/access.ts';
import { type RoundFeedback, roundFeedback } from '../../app/delphi.ts';
import { closeRound, openRound, type RoundOutcome, reopenFor } from '../../app/rounds.ts';
import {
  type Cell,
  cellInputSchema,
  cellKey,
  type Grid,
  type GridDimension,
  MAX_RATIONALE,
  ownCells,
  panelProgress,
  type ScoringProgress,
  saveCell,
  scoringGrid,
  scoringProgress,
  submitRound,
} from '../../app/scoring.ts';
import { scoringFrame } from '../../db/queries/scores.ts';
import { byLocale, type Locale } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { renderError } from '../errors.tsx';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

const seatOf = (c: C): AccessibleAssessment => ({ assessment: c.var.assessment, access: c.var.access });

/** Deadlines in the reader's language, in UTC and saying so: panels span time zones. */
const formatDate = (locale: Locale, date: Date) =>
  new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(date);

const numberText = (value: number | null) => (value === null ? '' : String(value));

/** A form's value field as typed: a decimal comma is read as a point; anything else that is not a number is refused. */
function readValue(raw: string): { ok: true; value: number } | { ok: false; state: CellState } {
  const text = raw.trim().replace(',', '.');
  if (text === '') return { ok: false, state: 'valueNeeded' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return { ok: false, state: 'notANumber' };
  return { ok: true, value: Number(text) };
}

function cellProps(
  c: C,
  grid: Grid,
  city: Grid['cities'][number],
  ind: Grid['dimensions'][number]['indicators'][number],
  row: number,
  col: number,
  feedback?: RoundFeedback,
): CellProps {
  const locale = c.var.locale;
  const cell = grid.cells.get(cellKey(city.code, ind.code));
  const said = feedback?.cells.get(cellKey(city.code, ind.code));
  return {
    assessment: c.var.assessment.code,
    city: city.code,
    indicator: ind.code,
    cityName: byLocale(locale, city.nameEn, city.nameZh),
    indicatorName: byLocale(locale, ind.nameEn, ind.nameZh),
    value: numberText(cell?.value ?? null),
    abstain: cell?.abstain ?? false,
    rationale: cell?.rationale ?? '',
    version: cell?.version ?? 0,
    min: ind.scaleMin,
    max: ind.scaleMax,
    state: grid.submitted ? 'locked' : cell && cell.version > 0 ? 'saved' : 'empty',
    locked: grid.submitted,
    row,
    col,
    ...(feedback && said
      ? {
          feedback: {
            round: feedback.round,
            median: said.median === null ? null : formatNumber(locale, said.median),
            iqr: said.iqr === null ? null : formatNumber(locale, said.iqr),
            own: said.own === null ? '—' : formatNumber(locale, said.own),
            consensus: said.consensus,
            rationales: said.rationales,
          },
        }
      : {}),
  };
}

/** Panel statistics as people read them: at most two decimals, in the page's language. */
const formatNumber = (locale: Locale, x: number) =>
  new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 }).format(x);

/** The previous round's feedback for the grid, from round 2 on; a failure to compute it leaves the grid without. */
async function feedbackFor(deps: AppDeps, c: C, grid: Grid): Promise<RoundFeedback | undefined> {
  if (grid.round < 2) return undefined;
  const feedback = await roundFeedback(deps.db, deps.engine, c.var.user, seatOf(c), grid.round - 1);
  if (!feedback) return undefined;
  if ('failed' in feedback) {
    deps.log(`${c.var.requestId} delphi feedback failed: ${JSON.stringify(feedback.failed)}`);
    return undefined;
  }
  return feedback;
}

const progressOf = (locale: Locale, grid: ScoringProgress) => ({
  done: grid.done,
  total: grid.total,
  dimensions: grid.dimensions.map((d) => ({
    code: d.code,
    name: byLocale(locale, d.nameEn, d.nameZh),
    done: d.done,
    total: d.total,
  })),
});

/**
 * Cells one page (or one batch of rows) holds at most: about 1 KB of HTML each, so a section of 100 cities × 40
 * indicators arrives in batches of a few cities, each page under 300 KB, the next batch loaded as it scrolls in.
 */
export const CELLS_PER_BATCH = 200;

/** Missing cells linked after a refused submit; the rest are counted (the whole grid can be thousands). */
const MISSING_LISTED = 50;

const rowsPerBatch = (indicators: number) => Math.max(1, Math.floor(CELLS_PER_BATCH / Math.max(1, indicators)));

/** The first row of the batch that holds row `row`. */
const batchStart = (row: number, indicators: number) => row - (row % rowsPerBatch(indicators));

/** `from` as given in the address: a row number in range, 0 otherwise. */
const fromQuery = (raw: string | undefined, rows: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 && n < rows ? n : 0;
};

const scoreHref = (code: string, dimension: string, from: number) =>
  `/assessments/${code}/score?dimension=${encodeURIComponent(dimension)}${from > 0 ? `&from=${from}` : ''}`;

/** One batch of rows of the active section, from row `from`, with where the next batch comes from. */
function gridRows(
  c: C,
  grid: Grid,
  feedback: RoundFeedback | undefined,
  active: GridDimension | undefined,
  from: number,
) {
  const locale = c.var.locale;
  const indicators = active?.indicators ?? [];
  const start = batchStart(from, indicators.length);
  const end = Math.min(grid.cities.length, start + rowsPerBatch(indicators.length));
  const code = c.var.assessment.code;
  const dimension = active?.code ?? '';
  return {
    rows: grid.cities.slice(start, end).map((city, k) => ({
      code: city.code,
      name: byLocale(locale, city.nameEn, city.nameZh),
      cells: indicators.map((ind, col) => cellProps(c, grid, city, ind, start + k, col, feedback)),
    })),
    earlier: start > 0 ? scoreHref(code, dimension, batchStart(start - 1, indicators.length)) : null,
    more:
      end < grid.cities.length
        ? {
            href: scoreHref(code, dimension, end),
            fragment: `/assessments/${code}/score/rows?dimension=${encodeURIComponent(dimension)}&from=${end}`,
            columns: indicators.length + 1,
          }
        : null,
  };
}

function scoringPage(
  c: C,
  grid: Grid,
  feedback: RoundFeedback | undefined,
  dimension: string | undefined,
  from: string | undefined,
  missing: readonly Pick<Cell, 'city' | 'indicator'>[] = [],
): ScoringPageProps {
  const locale = c.var.locale;
  const active = grid.dimensions.find((d) => d.code === dimension) ?? grid.dimensions[0];
  const code = c.var.assessment.code;
  const nameOf = new Map<string, string>();
  const dimensionOf = new Map<string, string>();
  for (const d of grid.dimensions) {
    for (const i of d.indicators) {
      nameOf.set(i.code, byLocale(locale, i.nameEn, i.nameZh));
      dimensionOf.set(i.code, d.code);
    }
  }
  const cityName = new Map(grid.cities.map((city) => [city.code, byLocale(locale, city.nameEn, city.nameZh)]));
  return {
    t: c.var.t,
    assessment: code,
    name: byLocale(locale, c.var.assessment.nameEn, c.var.assessment.nameZh),
    round: grid.round,
    deadline: grid.closesAt ? formatDate(locale, grid.closesAt) : null,
    submitted: grid.submitted,
    progress: progressOf(locale, grid),
    tabs: grid.dimensions.map((d) => ({
      code: d.code,
      name: byLocale(locale, d.nameEn, d.nameZh),
      active: d === active,
    })),
    indicators: (active?.indicators ?? []).map((i) => ({
      code: i.code,
      name: byLocale(locale, i.nameEn, i.nameZh),
      cost: i.direction === 'cost',
      min: i.scaleMin,
      max: i.scaleMax,
      unit: i.unit,
      description: byLocale(locale, i.descriptionEn, i.descriptionZh),
      anchors: i.anchors.map((a) => ({ value: a.value, label: byLocale(locale, a.en, a.zh) })),
    })),
    ...gridRows(c, grid, feedback, active, fromQuery(from, grid.cities.length)),
    missingCount: missing.length,
    missing: missing.slice(0, MISSING_LISTED).map((m) => {
      const section = grid.dimensions.find((d) => d.code === dimensionOf.get(m.indicator));
      const row = batchStart(
        grid.cities.findIndex((city) => city.code === m.city),
        section?.indicators.length ?? 1,
      );
      return {
        label: `${cityName.get(m.city)} · ${nameOf.get(m.indicator)}`,
        href: `${scoreHref(code, section?.code ?? '', row)}#cell-${m.city}-${m.indicator}`,
      };
    }),
    maxRationale: MAX_RATIONALE,
  };
}

/** The assessment's own pages: an overview for every role, and the evaluator's scoring grid. */
export function assessmentArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();

  app.get('/', async (c) => {
    const { assessment: a, access } = c.var;
    const locale = c.var.locale;
    const t = c.var.t;
    const own = access.panelRole === 'evaluator' ? await ownCells(deps.db, c.var.user, seatOf(c)) : undefined;
    const grid = own?.kind === 'cells' ? await scoringGrid(deps.db, c.var.user, seatOf(c)) : undefined;
    const panel =
      access.role === 'chair' || access.role === 'administrator' ? await panelProgress(deps.db, seatOf(c)) : undefined;
    // The last round that closed: the one before the open round, or the latest when none is open.
    const closed = !panel ? 0 : panel.kind === 'open' ? panel.round - 1 : panel.next - 1;
    const feedback = closed >= 1 ? await roundFeedback(deps.db, deps.engine, c.var.user, seatOf(c), closed) : null;
    const frame = feedback && !('failed' in feedback) ? await scoringFrame(deps.db, a.id) : undefined;
    const indicatorName = new Map((frame?.indicators ?? []).map((x) => [x.code, byLocale(locale, x.nameEn, x.nameZh)]));
    const agreement =
      feedback && !('failed' in feedback)
        ? {
            round: feedback.round,
            share: new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { style: 'percent' }).format(
              feedback.consensusShare,
            ),
            threshold: formatNumber(locale, feedback.threshold),
            overall: {
              W: feedback.overall.W === null ? null : formatNumber(locale, feedback.overall.W),
              cells: String(feedback.overall.cells),
              experts: String(feedback.overall.experts),
            },
            indicators: feedback.agreement.map((x) => ({
              name: indicatorName.get(x.indicator) ?? x.indicator,
              W: x.W === null ? null : formatNumber(locale, x.W),
            })),
          }
        : undefined;
    return render(c, {
      title: byLocale(locale, a.nameEn, a.nameZh),
      activeNav: 'assessments',
      body: (
        <AssessmentPage
          t={t}
          code={a.code}
          name={byLocale(locale, a.nameEn, a.nameZh)}
          region={byLocale(locale, a.regionEn, a.regionZh)}
          period={a.period}
          illustrative={a.illustrative}
          evaluator={
            grid && 'cells' in grid
              ? {
                  kind: 'round',
                  round: grid.round,
                  deadline: grid.closesAt ? formatDate(locale, grid.closesAt) : null,
                  done: grid.done,
                  total: grid.total,
                  submitted: grid.submitted,
                }
              : own
                ? { kind: 'none', message: t('scoring.noRound') }
                : undefined
          }
          panel={panel}
          agreement={agreement}
          administrator={access.role === 'administrator'}
          judges={access.panelRole === 'evaluator' || access.panelRole === 'chair'}
        />
      ),
    });
  });

  app.get('/score', async (c) => {
    if (c.var.access.panelRole !== 'evaluator')
      return renderError(c, 403, { details: [c.var.t('scoring.notEvaluator')] });
    const grid = await scoringGrid(deps.db, c.var.user, seatOf(c));
    if (grid.kind === 'refused') {
      return render(c, { title: c.var.t('scoring.title'), body: <p class="notice">{c.var.t('scoring.noRound')}</p> });
    }
    // After a submit that was refused for missing cells (a redirect here, so that the address stays a page).
    const missing =
      c.req.query('missing') === undefined ? [] : [...grid.cells.values()].filter((cell) => cell.version === 0);
    return render(c, {
      title: c.var.t('scoring.title'),
      activeNav: 'assessments',
      body: (
        <ScoringPage
          {...scoringPage(
            c,
            grid,
            await feedbackFor(deps, c, grid),
            c.req.query('dimension'),
            c.req.query('from'),
            missing,
          )}
        />
      ),
    });
  });

  /** The next batch of a section's rows, which the grid loads as its end scrolls into view (htmx). */
  app.get('/score/rows', async (c) => {
    if (c.var.access.panelRole !== 'evaluator') return renderError(c, 403);
    const grid = await scoringGrid(deps.db, c.var.user, seatOf(c));
    if (grid.kind === 'refused') return renderError(c, grid.status === 422 ? 400 : grid.status);
    const active = grid.dimensions.find((d) => d.code === c.req.query('dimension'));
    if (!active) return renderError(c, 404);
    const batch = gridRows(
      c,
      grid,
      await feedbackFor(deps, c, grid),
      active,
      fromQuery(c.req.query('from'), grid.cities.length),
    );
    return c.html(<GridRows t={c.var.t} rows={batch.rows} more={batch.more} maxRationale={MAX_RATIONALE} />);
  });

  /** One cell as it is stored: what "use stored" swaps in after a conflict. */
  app.get('/score/cell', async (c) => {
    const grid = await scoringGrid(deps.db, c.var.user, seatOf(c));
    if (grid.kind === 'refused') return renderError(c, grid.status === 422 ? 400 : grid.status);
    const city = grid.cities.findIndex((x) => x.code === c.req.query('city'));
    let found: { dim: Grid['dimensions'][number]; col: number } | undefined;
    for (const dim of grid.dimensions) {
      const col = dim.indicators.findIndex((i) => i.code === c.req.query('indicator'));
      if (col >= 0) found = { dim, col };
    }
    if (city < 0 || !found) return renderError(c, 404);
    const props = cellProps(
      c,
      grid,
      grid.cities[city]!,
      found.dim.indicators[found.col]!,
      city,
      found.col,
      await feedbackFor(deps, c, grid),
    );
    return c.html(<CellView t={c.var.t} cell={props} maxRationale={MAX_RATIONALE} />);
  });

  app.put('/score/cell', async (c) => {
    const t = c.var.t;
    const { fields: form } = await readFields(c);
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const version = Number(text('version'));
    const base = {
      assessment: c.var.assessment.code,
      city: text('city'),
      indicator: text('indicator'),
      min: 0,
      max: 0,
    };
    const status = (state: CellState, code: 200 | 409 | 422, extra: Partial<CellProps> = {}) =>
      c.html(<CellStatus t={t} cell={{ ...base, version, state, ...extra }} maxRationale={MAX_RATIONALE} />, code);

    const abstain = text('abstain') === 'true';
    const value = abstain ? undefined : readValue(text('value'));
    if (value && !value.ok) return status(value.state, 422);
    const parsed = cellInputSchema.safeParse({
      city: base.city,
      indicator: base.indicator,
      ...(abstain ? { abstain: true } : { value: value!.ok ? value!.value : undefined }),
      rationale: text('rationale'),
      version: Number.isInteger(version) ? version : -1,
    });
    if (!parsed.success) {
      return status(
        parsed.error.issues.some((i) => i.path[0] === 'rationale') ? 'rationaleTooLong' : 'notANumber',
        422,
      );
    }
    const outcome = await saveCell(deps.db, deps.clock(), c.var.user, seatOf(c), parsed.data);
    if (outcome.kind === 'conflict') {
      // The next change overwrites deliberately; "use stored" takes the stored cell instead.
      return status('conflict', 409, {
        version: outcome.stored.version,
        stored: outcome.stored.abstain ? t('scoring.abstain') : numberText(outcome.stored.value),
      });
    }
    if (outcome.kind === 'refused') {
      if (outcome.status === 422) {
        const range = /from (\S+) to (\S+)/.exec(outcome.issues[0]?.message ?? '');
        return status('outOfRange', 422, { min: Number(range?.[1]), max: Number(range?.[2]) });
      }
      if (outcome.status === 409)
        return status(outcome.issues[0]?.message.includes('submitted') ? 'locked' : 'closed', 409);
      return renderError(c, outcome.status);
    }
    const progress = await scoringProgress(deps.db, c.var.user, seatOf(c), outcome.round);
    return c.html(
      <>
        <CellStatus
          t={t}
          cell={{ ...base, version: outcome.cell.version, state: 'saved' }}
          maxRationale={MAX_RATIONALE}
        />
        <hx-partial hx-target="#progress" hx-swap="outerHTML">
          <Progress t={t} {...progressOf(c.var.locale, progress)} />
        </hx-partial>
      </>,
    );
  });

  /** A round action's answer: back to the overview, or the reason on an error page. */
  const afterRound = (c: C, outcome: RoundOutcome) =>
    outcome.kind === 'done'
      ? c.redirect(`/assessments/${c.var.assessment.code}`, 303)
      : renderError(c, outcome.status === 422 ? 400 : outcome.status, {
          details: outcome.issues.map((i) => i.message),
        });

  app.post('/rounds/open', async (c) => {
    const { fields: form } = await readFields(c);
    const raw = typeof form.deadline === 'string' ? form.deadline.trim() : '';
    // The form's datetime-local carries no zone: it is read as UTC, as the page says.
    const deadline = raw === '' ? null : new Date(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(raw) ? `${raw}:00Z` : 'invalid');
    // A date that does not exist (30 February) would otherwise roll over into the next month.
    if (deadline && (Number.isNaN(deadline.getTime()) || deadline.toISOString().slice(0, 16) !== raw)) {
      return renderError(c, 400, { details: [c.var.t('form.invalidValue', { field: c.var.t('rounds.deadline') })] });
    }
    return afterRound(c, await openRound(deps.db, deps.clock(), c.var.user, seatOf(c), deadline));
  });

  app.post('/rounds/close', async (c) => afterRound(c, await closeRound(deps.db, deps.clock(), c.var.user, seatOf(c))));

  app.post('/rounds/reopen', async (c) => {
    const { fields: form } = await readFields(c);
    const user = typeof form.user === 'string' ? form.user : '';
    return afterRound(c, await reopenFor(deps.db, deps.clock(), c.var.user, seatOf(c), user));
  });

  app.post('/score/submit', async (c) => {
    const outcome = await submitRound(deps.db, deps.clock(), c.var.user, seatOf(c));
    if (outcome.kind === 'submitted') return c.redirect(`/assessments/${c.var.assessment.code}/score`, 303);
    if (outcome.kind === 'refused') return renderError(c, outcome.status === 422 ? 400 : outcome.status);
    return c.redirect(`/assessments/${c.var.assessment.code}/score?missing`, 303);
  });

  return app;
}
