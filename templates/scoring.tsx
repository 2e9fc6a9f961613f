import type { Translate } from '../src/i18n/messages.ts';

/** What a cell says about itself: kept as a data attribute too, so styles and tests read the same state. */
export type CellState =
  | 'saved'
  | 'empty'
  | 'outOfRange'
  | 'notANumber'
  | 'valueNeeded'
  | 'rationaleTooLong'
  | 'conflict'
  | 'locked'
  | 'closed';

export interface CellProps {
  readonly assessment: string;
  readonly city: string;
  readonly indicator: string;
  /** Already in the page's language, for labels. */
  readonly cityName: string;
  readonly indicatorName: string;
  /** As typed or stored; '' for none. */
  readonly value: string;
  readonly abstain: boolean;
  readonly rationale: string;
  readonly version: number;
  readonly min: number;
  readonly max: number;
  readonly state: CellState;
  /** For a conflict: the stored value, as text. */
  readonly stored?: string;
  readonly locked: boolean;
  /** From round 2 on: what the panel said about this cell in the previous round, already formatted. */
  readonly feedback?: {
    readonly round: number;
    readonly median: string | null;
    readonly iqr: string | null;
    readonly own: string;
    readonly consensus: boolean;
    readonly rationales: readonly string[];
  };
  /** Where the cell sits, so that Enter can move down its column (public/scoring.js). */
  readonly row: number;
  readonly col: number;
}

export interface StateProps {
  readonly t: Translate;
  readonly cell: Pick<CellProps, 'state' | 'version' | 'min' | 'max' | 'stored' | 'assessment' | 'city' | 'indicator'>;
  readonly maxRationale: number;
}

const stateText = ({ t, cell, maxRationale }: StateProps): string => {
  switch (cell.state) {
    case 'saved':
      return t('cell.saved');
    case 'empty':
      return t('cell.empty');
    case 'outOfRange':
      return t('cell.outOfRange', { min: String(cell.min), max: String(cell.max) });
    case 'notANumber':
      return t('cell.notANumber');
    case 'valueNeeded':
      return t('cell.valueNeeded');
    case 'rationaleTooLong':
      return t('cell.rationaleTooLong', { max: String(maxRationale) });
    case 'conflict':
      return t('cell.conflict', { value: cell.stored ?? '' });
    case 'locked':
      return t('cell.locked');
    case 'closed':
      return t('cell.closed');
  }
};

const cellQuery = (cell: Pick<CellProps, 'city' | 'indicator'>) =>
  `city=${encodeURIComponent(cell.city)}&indicator=${encodeURIComponent(cell.indicator)}`;

/**
 * The part of a cell that a save replaces: its state and the version the next save is based on. The inputs
 * stay as they are while a save is in flight, so nothing typed meanwhile is lost and focus stays put.
 */
export const CellStatus = ({ t, cell, maxRationale }: StateProps) => (
  <span class="cell__state" data-state={cell.state} role="status">
    <input type="hidden" name="version" value={String(cell.version)} />
    <span class="cell__text">{stateText({ t, cell, maxRationale })}</span>
    {cell.state === 'conflict' && (
      <button
        type="button"
        class="button button--small"
        hx-get={`/assessments/${cell.assessment}/score/cell?${cellQuery(cell)}`}
        hx-target="closest td"
        hx-swap="outerHTML"
      >
        {t('cell.useStored')}
      </button>
    )}
  </span>
);

const Feedback = ({ t, feedback: f }: { t: Translate; feedback: NonNullable<CellProps['feedback']> }) => (
  <div class="cell__feedback">
    <span>
      {f.median === null
        ? t('delphi.noScores', { round: String(f.round) })
        : t('delphi.panel', { round: String(f.round), median: f.median, iqr: f.iqr ?? '' })}
      {' · '}
      {t('delphi.own', { value: f.own })}
    </span>
    {f.consensus && <span class="badge badge--published">{t('delphi.consensus')}</span>}
    {f.rationales.length > 0 && (
      <details class="cell__reasons">
        <summary>{t('delphi.reasons', { count: String(f.rationales.length) })}</summary>
        <ul>
          {f.rationales.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      </details>
    )}
  </div>
);

export const Cell = ({ t, cell, maxRationale }: { t: Translate; cell: CellProps; maxRationale: number }) => (
  <td class="cell" id={`cell-${cell.city}-${cell.indicator}`} data-state={cell.state}>
    <form
      class="cell__form"
      hx-put={`/assessments/${cell.assessment}/score/cell`}
      hx-trigger="change"
      hx-target="find .cell__state"
      hx-swap="outerHTML"
      hx-sync="this:queue last"
    >
      <input type="hidden" name="city" value={cell.city} />
      <input type="hidden" name="indicator" value={cell.indicator} />
      <input
        class="cell__value"
        type="text"
        inputmode="decimal"
        name="value"
        value={cell.value}
        autocomplete="off"
        aria-label={t('scoring.value', { city: cell.cityName, indicator: cell.indicatorName })}
        data-row={String(cell.row)}
        data-col={String(cell.col)}
        disabled={cell.locked}
      />
      <label class="cell__abstain">
        <input type="checkbox" name="abstain" value="true" checked={cell.abstain} disabled={cell.locked} />
        <span>{t('scoring.abstain')}</span>
      </label>
      <details class="cell__why">
        <summary>{t('scoring.rationale')}</summary>
        <textarea
          name="rationale"
          rows={3}
          maxlength={maxRationale}
          aria-label={t('scoring.rationale.for', { city: cell.cityName, indicator: cell.indicatorName })}
          disabled={cell.locked}
        >
          {cell.rationale}
        </textarea>
      </details>
      {cell.feedback && <Feedback t={t} feedback={cell.feedback} />}
      <span class="cell__saving" aria-hidden="true">
        {t('cell.saving')}
      </span>
      <CellStatus t={t} cell={cell} maxRationale={maxRationale} />
    </form>
  </td>
);

export interface ProgressProps {
  readonly t: Translate;
  readonly done: number;
  readonly total: number;
  readonly dimensions: readonly {
    readonly code: string;
    readonly name: string;
    readonly done: number;
    readonly total: number;
  }[];
}

/** Replaced after every save (an hx-partial in the save's answer). */
export const Progress = ({ t, done, total, dimensions }: ProgressProps) => (
  <div id="progress" class="progress">
    <p class="progress__line">
      <progress max={String(total)} value={String(done)} aria-label={t('scoring.progress.label')} />
      <span>{t('scoring.progress', { done: String(done), total: String(total) })}</span>
    </p>
    <ul class="progress__dims">
      {dimensions.map((d) => (
        <li data-dimension={d.code}>
          <span>{d.name}</span>
          <progress max={String(d.total)} value={String(d.done)} aria-label={d.name} />
          <span class="progress__count">
            {d.done}/{d.total}
          </span>
        </li>
      ))}
    </ul>
  </div>
);

export interface GridRow {
  readonly code: string;
  readonly name: string;
  readonly cells: readonly CellProps[];
}

/** Where the rows after these come from: a page to link to, and the fragment htmx loads in their place. */
export interface MoreRows {
  readonly href: string;
  readonly fragment: string;
  readonly columns: number;
}

/**
 * A batch of the grid's rows, then a row that loads the next batch when it scrolls into view (htmx replaces it
 * with the batch) and, without scripts, links to the page that starts there.
 */
export const GridRows = (p: {
  readonly t: Translate;
  readonly rows: readonly GridRow[];
  readonly more: MoreRows | null;
  readonly maxRationale: number;
}) => (
  <>
    {p.rows.map((row) => (
      <tr>
        <th scope="row">{row.name}</th>
        {row.cells.map((cell) => (
          <Cell t={p.t} cell={cell} maxRationale={p.maxRationale} />
        ))}
      </tr>
    ))}
    {p.more && (
      <tr class="grid__more" hx-get={p.more.fragment} hx-trigger="revealed" hx-swap="outerHTML">
        <td colspan={p.more.columns}>
          <a href={p.more.href}>{p.t('scoring.moreCities')}</a>
        </td>
      </tr>
    )}
  </>
);

export interface ScoringPageProps {
  readonly t: Translate;
  readonly assessment: string;
  readonly name: string;
  readonly round: number;
  /** Already formatted for the page's language, or null. */
  readonly deadline: string | null;
  readonly submitted: boolean;
  readonly progress: Omit<ProgressProps, 't'>;
  readonly tabs: readonly { readonly code: string; readonly name: string; readonly active: boolean }[];
  readonly indicators: readonly {
    readonly code: string;
    readonly name: string;
    readonly cost: boolean;
    readonly min: number;
    readonly max: number;
    readonly unit: string | null;
    /** What evaluators are asked to judge; may be empty. */
    readonly description: string;
    /** Words for points of the scale, in the page's language; empty for the generic ones. */
    readonly anchors: readonly { readonly value: number; readonly label: string }[];
  }[];
  readonly rows: readonly GridRow[];
  /** The address of the batch before this page's first row, when the page does not start at the first city. */
  readonly earlier: string | null;
  readonly more: MoreRows | null;
  /** The first missing cells, linked; `missingCount` says how many there are in all. */
  readonly missing: readonly { readonly label: string; readonly href: string }[];
  readonly missingCount: number;
  readonly maxRationale: number;
}

export const ScoringPage = (p: ScoringPageProps) => {
  const { t } = p;
  return (
    <>
      <div class="page-header">
        <p class="page-header__back">
          <a href={`/assessments/${p.assessment}`}>{t('assessment.back')}</a>
        </p>
        <h1>{p.name}</h1>
        <p class="page-header__meta">
          <span class="badge badge--open">{t('scoring.round', { number: String(p.round) })}</span>
          <span>{p.deadline ? t('scoring.deadline', { date: p.deadline }) : t('scoring.noDeadline')}</span>
        </p>
      </div>
      {p.submitted ? (
        <p class="notice" role="status">
          {t('scoring.submitted', { number: String(p.round) })}
        </p>
      ) : (
        <p class="scoring__intro">{t('scoring.intro')}</p>
      )}
      <Progress t={t} {...p.progress} />
      <nav class="tabs" aria-label={t('scoring.dimensions')}>
        {p.tabs.map((tab) => (
          <a
            href={`/assessments/${p.assessment}/score?dimension=${encodeURIComponent(tab.code)}`}
            aria-current={tab.active ? 'page' : undefined}
          >
            {tab.name}
          </a>
        ))}
      </nav>
      <div class="grid-wrap">
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">{t('scoring.city')}</th>
              {p.indicators.map((ind) => (
                <th scope="col">
                  <span class="grid__indicator">{ind.name}</span>
                  <span class="grid__scale">
                    {t('scoring.scale', { min: String(ind.min), max: String(ind.max) })}
                    {ind.unit ? ` ${ind.unit}` : ''} · {t(ind.cost ? 'scoring.cost' : 'scoring.benefit')}
                  </span>
                  {ind.anchors.length > 0 ? (
                    <span class="grid__anchors">{ind.anchors.map((a) => `${a.value} ${a.label}`).join(' · ')}</span>
                  ) : (
                    ind.unit === null && (
                      <span class="grid__anchors">
                        {t('scoring.anchors', {
                          min: String(ind.min),
                          mid: String((ind.min + ind.max) / 2),
                          max: String(ind.max),
                        })}
                      </span>
                    )
                  )}
                  {ind.description !== '' && (
                    <details class="grid__about">
                      <summary>{t('scoring.about')}</summary>
                      <p>{ind.description}</p>
                    </details>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.earlier && (
              <tr class="grid__more">
                <td colspan={p.indicators.length + 1}>
                  <a href={p.earlier}>{t('scoring.earlierCities')}</a>
                </td>
              </tr>
            )}
            <GridRows t={t} rows={p.rows} more={p.more} maxRationale={p.maxRationale} />
          </tbody>
        </table>
      </div>
      {!p.submitted && (
        <form class="submit" method="post" action={`/assessments/${p.assessment}/score/submit`}>
          {p.missingCount > 0 && (
            <div class="submit__missing" role="alert">
              <p>{t('scoring.missing', { count: String(p.missingCount) })}</p>
              <ul>
                {p.missing.map((m) => (
                  <li>
                    <a href={m.href}>{m.label}</a>
                  </li>
                ))}
              </ul>
              {p.missingCount > p.missing.length && (
                <p>{t('scoring.missing.more', { count: String(p.missingCount - p.missing.length) })}</p>
              )}
            </div>
          )}
          <p class="submit__note">{t('scoring.submit.note')}</p>
          <button type="submit" class="button">
            {t('scoring.submit', { number: String(p.round) })}
          </button>
        </form>
      )}
      <script src="/static/scoring.js" defer></script>
    </>
  );
};
