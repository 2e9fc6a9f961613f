import type { Context } from 'hono';
import { Hono } from 'hono';
import { JudgmentForm, type JudgmentLevelView, JudgmentsPage } from '../../../templates/judgments.tsx';
import { consistencyOf, DIMENSIONS_LEVEL, type JudgmentLevel, ownLevels, saveJudgment } from '../../app/judgments.ts';
import { weightsStructure } from '../../app/weights.ts';
import {
  fullMatrix,
  SAATY_CHOICES,
  saatyText,
  saatyValue,
  type Triangle,
  upperTriangle,
} from '../../app/weights-draft.ts';
import { byLocale } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { renderError } from '../errors.tsx';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

const fieldsOf = (triangle: Triangle, n: number) => {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++)
    for (let k = i + 1; k < n; k++) out[`j.${i}.${k}`] = saatyText(triangle[`${i}.${k}`] ?? 1);
  return out;
};

/** The triangle a form sends; an entry off Saaty's scale is refused, so the field names the problem. */
/** Every judgment of the upper triangle is needed: a missing one is not taken for "equal". */
function triangleOf(body: Record<string, unknown>, n: number): Triangle | string {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++)
    for (let k = i + 1; k < n; k++) {
      const raw = body[`j.${i}.${k}`];
      const v = typeof raw === 'string' ? saatyValue(raw) : undefined;
      if (v === undefined) return `j.${i}.${k}`;
      out[`${i}.${k}`] = v;
    }
  return out;
}

/** `/assessments/:code/judgments`: an evaluator's or chair's own pairwise comparisons, for group AHP. */
export function judgmentsArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });
  const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });

  const levelView = async (c: C, level: JudgmentLevel, triangle?: Triangle): Promise<JudgmentLevelView> => {
    const structure = await weightsStructure(deps.db, c.var.assessment.id);
    const { t, locale } = c.var;
    const names = level.items.map((code) => {
      const n = level.level === DIMENSIONS_LEVEL ? structure.dimensionNames[code] : structure.indicatorNames[code];
      return n ? byLocale(locale, n.en, n.zh) : code;
    });
    const shown = triangle ?? (level.matrix ? upperTriangle(level.matrix) : undefined);
    const c2 = shown ? consistencyOf(fullMatrix(shown, level.items.length)) : undefined;
    const dimName = structure.dimensionNames[level.level];
    return {
      level: level.level,
      title:
        level.level === DIMENSIONS_LEVEL
          ? t('judgments.dimensions')
          : t('judgments.within', { name: dimName ? byLocale(locale, dimName.en, dimName.zh) : level.level }),
      names,
      fields: fieldsOf(shown ?? {}, level.items.length),
      consistency: c2 ? { cr: c2.cr.toFixed(3), acceptable: c2.acceptable } : null,
      updated: level.updatedAt ? when.format(level.updatedAt) : null,
    };
  };

  const levels = async (c: C) => {
    const structure = await weightsStructure(deps.db, c.var.assessment.id);
    return { structure, levels: await ownLevels(deps.db, c.var.user, seatOf(c), structure) };
  };

  app.get('/judgments', async (c) => {
    const { levels: found } = await levels(c);
    if (!Array.isArray(found))
      return renderError(c, found.status === 422 ? 400 : found.status, { details: found.issues.map((i) => i.message) });
    const saved = c.req.query('saved');
    return render(c, {
      title: c.var.t('judgments.title'),
      activeNav: 'assessments',
      body: (
        <JudgmentsPage
          t={c.var.t}
          code={c.var.assessment.code}
          name={byLocale(c.var.locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          levels={await Promise.all(found.map((l) => levelView(c, l)))}
          choices={SAATY_CHOICES}
          {...(saved ? { done: c.var.t('judgments.saved', { cr: saved }) } : {})}
        />
      ),
    });
  });

  const posted = async (c: C) => {
    const { fields: body } = await readFields(c);
    const { structure, levels: found } = await levels(c);
    if (!Array.isArray(found)) return { ok: false, status: found.status === 422 ? 400 : found.status } as const;
    const level = found.find((l) => l.level === body.level);
    if (!level) return { ok: false, status: 404 } as const;
    return { ok: true, structure, level, triangle: triangleOf(body, level.items.length) } as const;
  };

  app.post('/judgments/preview', async (c) => {
    const got = await posted(c);
    if (!got.ok) return renderError(c, got.status);
    if (typeof got.triangle === 'string')
      return renderError(c, 400, { details: [c.var.t('form.invalidValue', { field: got.triangle })] });
    return c.html(
      <JudgmentForm
        t={c.var.t}
        code={c.var.assessment.code}
        level={await levelView(c, got.level, got.triangle)}
        choices={SAATY_CHOICES}
      />,
    );
  });

  app.post('/judgments', async (c) => {
    const got = await posted(c);
    if (!got.ok) return renderError(c, got.status);
    if (typeof got.triangle === 'string')
      return renderError(c, 400, { details: [c.var.t('form.invalidValue', { field: got.triangle })] });
    const outcome = await saveJudgment(
      deps.db,
      deps.clock(),
      c.var.user,
      seatOf(c),
      got.structure,
      got.level.level,
      got.triangle,
    );
    if (outcome.kind === 'refused') return renderError(c, outcome.status === 422 ? 400 : outcome.status);
    return c.redirect(
      `/assessments/${c.var.assessment.code}/judgments?saved=${outcome.consistency.cr.toFixed(3)}`,
      303,
    );
  });
  return app;
}
