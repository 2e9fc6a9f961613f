import type { Context } from 'hono';
import { Hono } from 'hono';
import { type IndicatorView, SetupBody, SetupPage, type SetupProps } from '../../../templates/setup.tsx';
import { DIMENSIONS_LEVEL } from '../../app/judgments.ts';
import type { Refused } from '../../app/refused.ts';
import {
  type Consequences,
  type IndicatorInput,
  removeCity,
  removeDimension,
  removeIndicator,
  type Setup,
  type SetupOutcome,
  saveCity,
  saveDimension,
  saveIndicator,
  setArchived,
  setupOf,
  updateDetails,
} from '../../app/setup.ts';
import { byLocale, type PlainMessageKey } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;
type Kind = 'city' | 'dimension' | 'indicator';

const INDICATOR_FIELDS = [
  'code',
  'dimension',
  'nameEn',
  'nameZh',
  'descriptionEn',
  'descriptionZh',
  'direction',
  'source',
  'scaleMin',
  'scaleMax',
  'anchors',
  'unit',
  'boundMin',
  'boundMax',
] as const satisfies readonly (keyof IndicatorInput)[];
const NAMED_FIELDS = ['code', 'nameEn', 'nameZh'] as const;
const DETAIL_FIELDS = ['nameEn', 'nameZh', 'regionEn', 'regionZh', 'period', 'descriptionEn', 'descriptionZh'] as const;

const pick = <K extends string>(fields: Record<string, string>, names: readonly K[]) =>
  Object.fromEntries(names.map((n) => [n, fields[n] ?? ''])) as Record<K, string>;

const numberText = (x: number | null) => (x === null ? '' : String(x));

/** `/assessments/:code/setup`: the assessment's description and structure, for administrators (the guard at the mount). */
export function setupArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });
  const base = (c: C) => `/assessments/${c.var.assessment.code}/setup`;

  /** "Wuwei 武威": how an item is named in messages, both languages as city names carry them. */
  const labelOf = (setup: Setup, kind: Kind, code: string) => {
    const list = kind === 'city' ? setup.cities : kind === 'dimension' ? setup.dimensions : setup.indicators;
    const found = list.find((x) => x.code === code);
    return found ? `${found.nameEn} ${found.nameZh}` : `"${code}"`;
  };

  const props = async (c: C, extra: Partial<SetupProps>): Promise<SetupProps> => {
    const { t, locale } = c.var;
    const a = c.var.assessment;
    const setup = await setupOf(deps.db, seatOf(c));
    const dimCode = new Map(setup.dimensions.map((d) => [d.id, d.code]));
    return {
      t,
      locale,
      code: a.code,
      name: byLocale(locale, a.nameEn, a.nameZh),
      details: {
        nameEn: a.nameEn,
        nameZh: a.nameZh,
        regionEn: a.regionEn,
        regionZh: a.regionZh,
        period: a.period,
        descriptionEn: a.descriptionEn,
        descriptionZh: a.descriptionZh,
      },
      cities: setup.cities.map((x) => ({ code: x.code, nameEn: x.nameEn, nameZh: x.nameZh })),
      dimensions: setup.dimensions.map((x) => ({ code: x.code, nameEn: x.nameEn, nameZh: x.nameZh })),
      indicators: setup.indicators.map(
        (i): IndicatorView => ({
          code: i.code,
          dimension: dimCode.get(i.dimensionId) ?? '',
          nameEn: i.nameEn,
          nameZh: i.nameZh,
          descriptionEn: i.descriptionEn,
          descriptionZh: i.descriptionZh,
          direction: i.direction,
          source: i.source,
          scaleMin: numberText(i.scaleMin),
          scaleMax: numberText(i.scaleMax),
          anchors: (i.anchors ?? []).map((x) => `${x.value} | ${x.en} | ${x.zh}`).join('\n'),
          unit: i.unit ?? '',
          boundMin: numberText(i.boundMin),
          boundMax: numberText(i.boundMax),
        }),
      ),
      openRound: setup.openRound,
      archived: setup.archived,
      ...extra,
    };
  };

  /** The fragment for htmx, the whole page otherwise. */
  const answer = async (c: C, extra: Partial<SetupProps>, status: 200 | 403 | 404 | 409 | 422 = 200) => {
    const p = await props(c, extra);
    if (c.req.header('HX-Request') === 'true') return c.html(<SetupBody {...p} />, status);
    return render(c, { title: c.var.t('setup.title'), activeNav: 'assessments', status, body: <SetupPage {...p} /> });
  };

  const refusal = (c: C, outcome: Refused, item: string, values: Record<string, string>) => {
    const issue = outcome.issues[0]!;
    const message = outcome.issues.map((i) => i.message).join(' ');
    if (issue.path !== '' && issue.path in values) {
      const label = c.var.t(`setup.${issue.path}` as PlainMessageKey);
      return answer(
        c,
        { refusedForm: { item, values, field: issue.path, message: `${label}: ${message}` } },
        outcome.status,
      );
    }
    return answer(c, { problem: message, refusedForm: { item, values, message } }, outcome.status);
  };

  const confirmLines = (c: C, setup: Setup, lead: string, goes: Consequences): string[] => {
    const { t, locale } = c.var;
    const level = (code: string) =>
      code === DIMENSIONS_LEVEL
        ? t('setup.level.dimensions')
        : (() => {
            const d = setup.dimensions.find((x) => x.code === code);
            return d ? byLocale(locale, d.nameEn, d.nameZh) : code;
          })();
    return [
      lead,
      ...(goes.indicators > 0 ? [t('setup.confirm.indicators', { count: String(goes.indicators) })] : []),
      ...(goes.scores > 0 ? [t('setup.confirm.scores', { count: String(goes.scores) })] : []),
      ...(goes.statistics > 0 ? [t('setup.confirm.statistics', { count: String(goes.statistics) })] : []),
      ...goes.judgments.map((j) => t('setup.confirm.judgments', { level: level(j.level), members: String(j.members) })),
    ];
  };

  /**
   * The answer to a change of one item: where it went to when done (a redirect for a plain form, the fragment for
   * htmx), the confirmation when data would go with it, or the form again with what was wrong.
   */
  const settle = async (
    c: C,
    kind: Kind,
    item: string,
    action: string,
    values: Record<string, string>,
    before: Setup,
    outcome: SetupOutcome,
    done: 'saved' | 'added' | 'removed',
  ) => {
    if (outcome.kind === 'refused') return refusal(c, outcome, item, values);
    const { t } = c.var;
    if (outcome.kind === 'confirm') {
      const label = labelOf(before, kind, done === 'added' ? values.code! : item.slice(kind.length + 1));
      const lead = done === 'removed' ? 'setup.confirm.lead.remove' : 'setup.confirm.lead.save';
      const lines = confirmLines(c, before, t(lead, { item: label }), outcome.consequences);
      const yes = t(done === 'removed' ? 'setup.confirm.removeYes' : 'setup.confirm.saveYes');
      return answer(c, { confirm: { item, action, lines, fields: values, yes } }, 409);
    }
    const after = done === 'removed' ? before : await setupOf(deps.db, seatOf(c));
    const label = labelOf(after, kind, outcome.code);
    const message = t(`setup.done.${done}`, { item: label });
    if (c.req.header('HX-Request') === 'true') return answer(c, { done: message });
    return c.redirect(`${base(c)}?done=${encodeURIComponent(message)}`, 303);
  };

  /** The assessment as it is after a change of its own row, for the answer that shows it. */
  const findFresh = async (c: C) =>
    (await deps.db.query.assessments.findFirst({ where: (a, { eq }) => eq(a.id, c.var.assessment.id) })) ??
    c.var.assessment;

  app.get('/setup', (c) => {
    // The message of a plain form's redirect; text only, escaped like any other.
    const done = c.req.query('done')?.slice(0, 300);
    return answer(c, done ? { done } : {});
  });

  app.post('/setup/details', async (c) => {
    const { fields } = await readFields(c);
    const values = pick(fields, DETAIL_FIELDS);
    const outcome = await updateDetails(deps.db, deps.clock(), c.var.user, seatOf(c), values);
    if (outcome.kind === 'refused') return refusal(c, outcome, 'details', values);
    c.set('assessment', await findFresh(c));
    const done = c.var.t('setup.done.details');
    if (c.req.header('HX-Request') === 'true') return answer(c, { done });
    return c.redirect(`${base(c)}?done=${encodeURIComponent(done)}`, 303);
  });

  for (const archive of [true, false]) {
    app.post(archive ? '/setup/archive' : '/setup/restore', async (c) => {
      await readFields(c);
      const outcome = await setArchived(deps.db, deps.clock(), c.var.user, seatOf(c), archive);
      if (outcome.kind === 'refused') return answer(c, { problem: outcome.issues[0]!.message }, outcome.status);
      c.set('assessment', await findFresh(c));
      const done = c.var.t(archive ? 'setup.done.archived' : 'setup.done.restored');
      if (c.req.header('HX-Request') === 'true') return answer(c, { done });
      return c.redirect(`${base(c)}?done=${encodeURIComponent(done)}`, 303);
    });
  }

  const routes = [
    { kind: 'city', path: 'cities', fields: NAMED_FIELDS },
    { kind: 'dimension', path: 'dimensions', fields: NAMED_FIELDS },
    { kind: 'indicator', path: 'indicators', fields: INDICATOR_FIELDS },
  ] as const;

  for (const { kind, path, fields: names } of routes) {
    const save = (c: C, target: string | null, values: Record<string, string>, confirmed: boolean) => {
      const now = deps.clock();
      const seat = seatOf(c);
      if (kind === 'city') return saveCity(deps.db, now, c.var.user, seat, target, pick(values, NAMED_FIELDS));
      if (kind === 'dimension')
        return saveDimension(deps.db, now, c.var.user, seat, target, pick(values, NAMED_FIELDS), confirmed);
      return saveIndicator(deps.db, now, c.var.user, seat, target, pick(values, INDICATOR_FIELDS), confirmed);
    };
    const remove = kind === 'city' ? removeCity : kind === 'dimension' ? removeDimension : removeIndicator;

    app.post(`/setup/${path}`, async (c) => {
      const { fields } = await readFields(c);
      const values = pick(fields, names);
      const before = await setupOf(deps.db, seatOf(c));
      const outcome = await save(c, null, values, fields.confirm === 'yes');
      return settle(c, kind, `${kind}:+`, `${base(c)}/${path}`, values, before, outcome, 'added');
    });

    app.post(`/setup/${path}/:item`, async (c) => {
      const { fields } = await readFields(c);
      const target = c.req.param('item');
      const values = pick(fields, names);
      const before = await setupOf(deps.db, seatOf(c));
      const outcome = await save(c, target, values, fields.confirm === 'yes');
      const action = `${base(c)}/${path}/${encodeURIComponent(target)}`;
      return settle(c, kind, `${kind}:${target}`, action, values, before, outcome, 'saved');
    });

    app.post(`/setup/${path}/:item/remove`, async (c) => {
      const { fields } = await readFields(c);
      const target = c.req.param('item');
      const before = await setupOf(deps.db, seatOf(c));
      const outcome = await remove(deps.db, deps.clock(), c.var.user, seatOf(c), target, fields.confirm === 'yes');
      const action = `${base(c)}/${path}/${encodeURIComponent(target)}/remove`;
      return settle(c, kind, `${kind}:${target}`, action, {}, before, outcome, 'removed');
    });
  }
  return app;
}
