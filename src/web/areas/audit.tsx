import type { Context } from 'hono';
import { Hono } from 'hono';
import { AuditPage } from '../../../templates/audit.tsx';
import { type AuditQuery, type AuditRow, auditCsv, auditTrail } from '../../app/audit.ts';
import { recordExport } from '../../app/exports.ts';
import { scoringFrame } from '../../db/queries/scores.ts';
import { panelPeople } from '../../db/queries/users.ts';
import { byLocale, type Translate } from '../../i18n/messages.ts';
import { actionLabel, entryDetails } from '../audit-text.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

/** The most rows the page shows; the CSV download has every one. */
const PAGE_ROWS = 500;

const DATE = /^\d{4}-\d\d-\d\d$/;
const day = (raw: string | undefined) => (raw && DATE.test(raw) ? new Date(`${raw}T00:00:00Z`) : undefined);

function queryOf(c: C): AuditQuery & { readonly raw: Record<string, string> } {
  const q = (name: string) => c.req.query(name)?.trim().slice(0, 64) ?? '';
  const raw = { person: q('person'), city: q('city'), indicator: q('indicator'), from: q('from'), to: q('to') };
  return {
    raw,
    person: raw.person || undefined,
    city: raw.city || undefined,
    indicator: raw.indicator || undefined,
    from: day(raw.from),
    to: day(raw.to),
  };
}

/** A score's before or after as a reader sees it: the value (or "unable to judge") and the start of the rationale. */
function describe(t: Translate, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object' && 'abstain' in value) {
    const v = value as { value: number | null; abstain: boolean; rationale?: string };
    const score = v.abstain ? t('scoring.abstain') : String(v.value);
    const why = v.rationale ? ` · ${v.rationale.length > 80 ? `${v.rationale.slice(0, 80)}…` : v.rationale}` : '';
    return `${score}${why}`;
  }
  return JSON.stringify(value);
}

/** The assessment's audit trail for the chair and administrators, as a page and as CSV. */
export function auditArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });

  app.get('/audit', async (c) => {
    const { t, locale } = c.var;
    const query = queryOf(c);
    const [rows, frame, people] = await Promise.all([
      auditTrail(deps.db, seatOf(c), query),
      scoringFrame(deps.db, c.var.assessment.id),
      panelPeople(deps.db, c.var.assessment.id),
    ]);
    const cityName = new Map(frame.cities.map((x) => [x.code, byLocale(locale, x.nameEn, x.nameZh)]));
    const indicatorName = new Map(frame.indicators.map((x) => [x.code, byLocale(locale, x.nameEn, x.nameZh)]));
    const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'UTC' });
    const where = (r: AuditRow) =>
      [
        r.round === null ? undefined : t('audit.round', { number: String(r.round) }),
        r.city ? cityName.get(r.city) : undefined,
        r.indicator ? indicatorName.get(r.indicator) : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
    const csvHref = `/assessments/${c.var.assessment.code}/audit.csv?${new URLSearchParams(query.raw)}`;
    return render(c, {
      title: t('audit.title'),
      activeNav: 'assessments',
      body: (
        <AuditPage
          t={t}
          code={c.var.assessment.code}
          name={byLocale(locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          filter={{
            person: query.raw.person ?? '',
            city: query.raw.city ?? '',
            indicator: query.raw.indicator ?? '',
            from: query.raw.from ?? '',
            to: query.raw.to ?? '',
          }}
          people={people.map((p) => ({ value: p.username, label: p.displayName }))}
          cities={frame.cities.map((x) => ({ value: x.code, label: cityName.get(x.code)! }))}
          indicators={frame.indicators
            .filter((x) => x.source === 'expert')
            .map((x) => ({ value: x.code, label: indicatorName.get(x.code)! }))}
          rows={rows.slice(0, PAGE_ROWS).map((r) => ({
            at: when.format(r.at),
            who: r.name ?? t('audit.system'),
            action: actionLabel(t, r.action),
            where: where(r),
            before: describe(t, r.before),
            after: entryDetails(t, r.action, r.after) ?? describe(t, r.after),
          }))}
          more={Math.max(0, rows.length - PAGE_ROWS)}
          csvHref={csvHref}
        />
      ),
    });
  });

  app.get('/audit.csv', async (c) => {
    const rows = await auditTrail(deps.db, seatOf(c), queryOf(c));
    const body = auditCsv(rows);
    const { assessment } = c.var;
    await recordExport(
      deps.db,
      deps.clock(),
      c.var.user.id,
      { entity: 'assessment', id: assessment.id, assessment: assessment.code },
      { kind: 'audit', format: 'csv' },
    );
    c.header('Cache-Control', 'no-store');
    c.header('Content-Disposition', `attachment; filename="corridor-${c.var.assessment.code}-audit.csv"`);
    return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
  return app;
}
