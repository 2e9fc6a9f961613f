import type { Context } from 'hono';
import { Hono } from 'hono';
import {
  type ComparisonView,
  type ConsistencyView,
  type EditorProps,
  type GroupView,
  type ObjectiveView,
  type PreviewView,
  WeightsEditor,
  WeightsPage,
  type WeightsPageProps,
} from '../../../templates/weights.tsx';
import {
  consistencyOf,
  DIMENSIONS_LEVEL,
  judgmentLevelsOf,
  type MemberJudgments,
  panelJudgments,
} from '../../app/judgments.ts';
import {
  compareVersions,
  restoreWeights,
  type SaveWeightsOutcome,
  saveWeights,
  type Weighed,
  type Weighing,
  type WeightsStructure,
  weigh,
  weightHistory,
  weightsStructure,
} from '../../app/weights.ts';
import {
  draftFields,
  draftOf,
  emptyDraft,
  membersOf,
  type RawForm,
  readDraft,
  SAATY_CHOICES,
  saatyText,
  specOf,
} from '../../app/weights-draft.ts';
import type { LeftOut } from '../../db/schema.ts';
import { type Consistency, type Issue, readJson, type WeightingInfo } from '../../engine/index.ts';
import { byLocale, type Locale } from '../../i18n/messages.ts';
import type { AppDeps, AssessmentEnv } from '../context.ts';
import { type ErrorStatus, renderError } from '../errors.tsx';
import { readFields } from '../forms.ts';
import { render } from '../render.tsx';

type C = Context<AssessmentEnv>;

const percent = (locale: Locale, v: number) =>
  new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);
const fixed = (v: number, digits = 3) => v.toFixed(digits);
const issueText = (i: Issue) => (i.path ? `${i.path}: ${i.message}` : i.message);

type Named = WeightsStructure['dimensionNames'];
const nameOf = (names: Named, locale: Locale, code: string) => {
  const n = names[code];
  return n ? byLocale(locale, n.en, n.zh) : code;
};

/** One AHP matrix's consistency for the page; `names` are the items compared, `prefix` their judgment fields. */
function consistencyView(c: Consistency, names: readonly string[], prefix: string): ConsistencyView {
  const base = { lambdaMax: fixed(c.lambdaMax), ci: fixed(c.ci), cr: fixed(c.cr), acceptable: c.acceptable };
  if (!c.worst) return base;
  const [i, j] = c.worst.i < c.worst.j ? [c.worst.i, c.worst.j] : [c.worst.j, c.worst.i];
  // The engine reports the pair as (i, j); the form holds the upper triangle, so a pair below it is read as 1 / a_ij.
  const flip = c.worst.i > c.worst.j;
  return {
    ...base,
    worst: {
      field: `${prefix}.${i}.${j}`,
      row: names[i]!,
      col: names[j]!,
      current: saatyText(flip ? 1 / c.worst.current : c.worst.current),
      suggested: saatyText(flip ? 1 / c.worst.suggested : c.worst.suggested),
    },
  };
}

type Info = WeightingInfo & { readonly weights?: number[] };

/**
 * The engine's answer as the editor shows it: global weights, the dimensions' and each dimension's local weights, the
 * consistency of every AHP matrix, and the objective schemes' intermediate values. Nothing here computes a weight.
 */
function previewView(structure: WeightsStructure, locale: Locale, weighed: Weighed): PreviewView {
  // A group's matrix is the members' combined (AIJ): there is no one judgment to revise, so no suggestion.
  const groupOf = (info: Info) => info.method === 'ahp' && info.experts !== undefined;
  const indName = (code: string) => nameOf(structure.indicatorNames, locale, code);
  const global = Object.fromEntries(weighed.criteria.map((code, k) => [code, percent(locale, weighed.weights[k]!)]));
  const dimensions: Record<string, string> = {};
  const local: Record<string, string> = {};
  const consistency: Record<string, ConsistencyView> = {};
  const objective: ObjectiveView[] = [];
  const objectiveRows = (info: Info, codes: readonly string[]) => {
    const columns =
      info.method === 'entropy'
        ? [info.entropy, info.divergence]
        : info.method === 'critic'
          ? [info.sd, info.information]
          : undefined;
    if (!columns) return;
    const [first, second] = columns as [number[], number[]];
    objective.push({
      scheme: info.method as ObjectiveView['scheme'],
      rows: codes.map((code, k) => ({ name: indName(code), first: fixed(first[k]!, 4), second: fixed(second[k]!, 4) })),
      ...(info.method === 'critic'
        ? { correlations: info.correlations.map((row) => row.map((v) => fixed(v, 3))) }
        : {}),
    });
  };
  const top = weighed.weighting as Info;
  const subjective = (top.method === 'combined' ? top.parts[0] : top) as Info | undefined;
  if (subjective?.method === 'hierarchical') {
    const dimInfo = subjective.dimensions as Info;
    structure.dimensions.forEach((code, k) => {
      dimensions[code] = percent(locale, dimInfo.weights![k]!);
    });
    if (dimInfo.method === 'ahp')
      consistency.dimensions = consistencyView(
        groupOf(dimInfo) ? { ...dimInfo.consistency, worst: undefined } : dimInfo.consistency,
        structure.dimensions.map((code) => nameOf(structure.dimensionNames, locale, code)),
        'dimensions.ahp',
      );
    for (const code of structure.dimensions) {
      const within = subjective.within[code] as Info | undefined;
      if (!within) continue;
      const members = membersOf(structure, code);
      members.forEach((ind, k) => {
        local[ind] = percent(locale, within.weights![k]!);
      });
      if (within.method === 'ahp' && members.length > 1)
        consistency[code] = consistencyView(
          groupOf(within) ? { ...within.consistency, worst: undefined } : within.consistency,
          members.map(indName),
          `within.ahp.${code}`,
        );
      objectiveRows(within, members);
    }
  }
  if (top.method === 'combined') objectiveRows(top.parts[1] as Info, weighed.criteria);
  return { kind: 'weighed', global, dimensions, local, consistency, objective, warnings: weighed.warnings };
}

const weighingView = (structure: WeightsStructure, locale: Locale, weighing: Weighing): PreviewView =>
  weighing.kind === 'weighed'
    ? previewView(structure, locale, weighing.weighed)
    : { kind: 'problem', messages: weighing.issues.map(issueText) };

/** The form's text fields; a field sent twice or a file counts as a problem with that field. */
async function readForm(c: C): Promise<{ form: RawForm; errors: Record<string, string> }> {
  const { fields, repeated, files } = await readFields(c);
  const errors: Record<string, string> = {};
  for (const key of repeated) errors[key] = 'sent more than once';
  for (const key of Object.keys(files)) errors[key] = 'a file where text is expected';
  return { form: fields, errors };
}

/** "Use suggestion" sends `apply=<judgment field>=<value>`: the judgment is replaced before the form is read. */
function applySuggestion(form: RawForm): RawForm {
  const apply = form.apply;
  if (apply === undefined) return form;
  const at = apply.lastIndexOf('=');
  const field = apply.slice(0, at);
  if (at < 0 || !/^(dimensions\.ahp|within\.ahp\.[^.]+)\.\d+\.\d+$/.test(field) || !(field in form)) return form;
  const { apply: _apply, ...rest } = form;
  return { ...rest, [field]: apply.slice(at + 1) };
}

interface EditorState {
  readonly structure: WeightsStructure;
  readonly editor: EditorProps;
  /** The spec the form stands for, when it could be read. */
  readonly spec?: Record<string, unknown>;
  /** Group AHP's members the form leaves out, stored with the version. */
  readonly leftOut: LeftOut;
}

/** Each member's CR at each level of a group AHP (the engine's, on their own matrix), and who is left out. */
function groupViews(
  structure: WeightsStructure,
  locale: Locale,
  panel: readonly MemberJudgments[],
  excluded: { dimensions: readonly string[]; within: readonly string[] },
): EditorProps['group'] {
  const view = (levels: readonly { level: string; name: string }[], left: readonly string[]): GroupView => ({
    levels,
    members: panel
      .filter((m) => levels.some((l) => m.levels[l.level] !== undefined))
      .map((m) => ({
        username: m.username,
        name: m.name,
        excluded: left.includes(m.username),
        cr: Object.fromEntries(
          levels.map((l) => {
            const matrix = m.levels[l.level];
            if (!matrix) return [l.level, null];
            const c = consistencyOf(matrix);
            return [l.level, { cr: c.cr.toFixed(3), acceptable: c.acceptable }];
          }),
        ),
      })),
  });
  const withinLevels = judgmentLevelsOf(structure)
    .filter((l) => l.level !== DIMENSIONS_LEVEL)
    .map((l) => ({ level: l.level, name: nameOf(structure.dimensionNames, locale, l.level) }));
  return {
    dimensions: view([{ level: DIMENSIONS_LEVEL, name: '' }], excluded.dimensions),
    within: view(withinLevels, excluded.within),
  };
}

const dimensionsView = (structure: WeightsStructure, locale: Locale) =>
  structure.dimensions.map((code) => ({
    code,
    name: nameOf(structure.dimensionNames, locale, code),
    indicators: membersOf(structure, code).map((i) => ({ code: i, name: nameOf(structure.indicatorNames, locale, i) })),
  }));

/** Weights: the editor, the JSON editor, the versions with restore and compare. Administrators only. */
export function weightsArea(deps: AppDeps): Hono<AssessmentEnv> {
  const app = new Hono<AssessmentEnv>();
  const seatOf = (c: C) => ({ assessment: c.var.assessment, access: c.var.access });

  const editorFrom = async (c: C, posted: { form: RawForm; errors: Record<string, string> }): Promise<EditorState> => {
    const { locale, t } = c.var;
    const [structure, panel] = await Promise.all([
      weightsStructure(deps.db, c.var.assessment.id),
      panelJudgments(deps.db, c.var.assessment.id),
    ]);
    const form = applySuggestion(posted.form);
    const reading = readDraft(form, structure);
    const fieldErrors: Record<string, string> = { ...posted.errors };
    if (!reading.ok) for (const i of reading.issues) fieldErrors[i.path] ??= i.message;
    const fields = reading.ok ? { ...draftFields(reading.draft, structure) } : { ...form };
    const spec =
      reading.ok && Object.keys(posted.errors).length === 0 ? specOf(reading.draft, structure, panel) : undefined;
    const draft = reading.ok ? reading.draft : emptyDraft();
    const preview: PreviewView = spec
      ? weighingView(structure, locale, await weigh(deps.db, deps.engine, c.var.assessment.id, spec))
      : { kind: 'problem', messages: [] };
    return {
      structure,
      spec,
      leftOut: { dimensions: draft.dimensions.excluded, within: draft.within.excluded },
      editor: {
        t,
        code: c.var.assessment.code,
        dimensions: dimensionsView(structure, locale),
        fields,
        fieldErrors,
        preview,
        note: form.note ?? '',
        choices: SAATY_CHOICES,
        group: groupViews(structure, locale, panel, {
          dimensions: draft.dimensions.excluded,
          within: draft.within.excluded,
        }),
      },
    };
  };

  const page = async (
    c: C,
    editor: EditorProps | undefined,
    extra: Partial<WeightsPageProps> = {},
    status: 200 | 409 | 422 | 503 = 200,
  ) => {
    const { locale, t } = c.var;
    const [structure, history, panel] = await Promise.all([
      weightsStructure(deps.db, c.var.assessment.id),
      weightHistory(deps.db, c.var.assessment.id),
      panelJudgments(deps.db, c.var.assessment.id),
    ]);
    const current = history[0];
    // The spec keeps no names: who group AHP left out comes with the version.
    const stored = current ? draftOf(current.spec, structure) : emptyDraft();
    const draft = stored && {
      ...stored,
      dimensions: { ...stored.dimensions, excluded: current?.leftOut?.dimensions ?? [] },
      within: { ...stored.within, excluded: current?.leftOut?.within ?? [] },
    };
    let shown = editor;
    if (!shown) {
      const weighing = current ? await weigh(deps.db, deps.engine, c.var.assessment.id, current.spec) : undefined;
      shown = {
        t,
        code: c.var.assessment.code,
        dimensions: dimensionsView(structure, locale),
        fields: draftFields(draft ?? emptyDraft(), structure),
        fieldErrors: {},
        preview: weighing ? weighingView(structure, locale, weighing) : { kind: 'problem', messages: [] },
        note: '',
        choices: SAATY_CHOICES,
        group: groupViews(structure, locale, panel, {
          dimensions: draft?.dimensions.excluded ?? [],
          within: draft?.within.excluded ?? [],
        }),
      };
    }
    const when = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });
    return render(c, {
      title: t('weights.title'),
      activeNav: 'assessments',
      status,
      body: (
        <WeightsPage
          editor={shown}
          name={byLocale(locale, c.var.assessment.nameEn, c.var.assessment.nameZh)}
          json={JSON.stringify(current?.spec ?? { method: 'equal' }, null, 2)}
          custom={current !== undefined && draft === undefined}
          versions={history.map((v, k) => ({
            version: v.version,
            note: v.note,
            at: when.format(v.at),
            author: v.author,
            current: k === 0,
          }))}
          {...extra}
        />
      ),
    });
  };

  const refusal = (c: C, outcome: Exclude<SaveWeightsOutcome, { kind: 'saved' }>) => {
    if (outcome.kind === 'busy') {
      if (outcome.retryAfterSeconds) c.header('Retry-After', String(outcome.retryAfterSeconds));
      return { status: 503 as const, messages: outcome.issues.map(issueText) };
    }
    return { status: outcome.status, messages: outcome.issues.map(issueText) };
  };

  app.get('/weights', async (c) => {
    const saved = Number(c.req.query('saved'));
    const a = Number(c.req.query('a'));
    const b = Number(c.req.query('b'));
    let comparison: WeightsPageProps['comparison'];
    if (Number.isInteger(a) && Number.isInteger(b) && c.req.query('a') && c.req.query('b')) {
      const outcome = await compareVersions(deps.db, deps.engine, c.var.assessment.id, a, b);
      if (outcome.kind === 'compared') {
        const structure = await weightsStructure(deps.db, c.var.assessment.id);
        const { locale } = c.var;
        comparison = {
          before: a,
          after: b,
          rows: outcome.changes.map((r) => ({
            name: nameOf(structure.indicatorNames, locale, r.criterion),
            before: percent(locale, r.before),
            after: percent(locale, r.after),
            change: `${r.change > 0 ? '+' : ''}${percent(locale, r.change)}`,
          })),
        } satisfies ComparisonView;
      } else comparison = { messages: outcome.issues.map(issueText) };
    }
    return page(c, undefined, {
      ...(Number.isInteger(saved) && saved > 0 ? { saved } : {}),
      ...(comparison ? { comparison } : {}),
    });
  });

  // The live preview: the editor alone for htmx, the whole page without scripts.
  app.post('/weights/preview', async (c) => {
    const state = await editorFrom(c, await readForm(c));
    if (c.req.header('HX-Request') === 'true') return c.html(<WeightsEditor {...state.editor} />);
    return page(c, state.editor);
  });

  app.post('/weights', async (c) => {
    const state = await editorFrom(c, await readForm(c));
    if (!state.spec) return page(c, state.editor, {}, 422);
    const outcome = await saveWeights(
      deps.db,
      deps.engine,
      deps.clock(),
      c.var.user,
      seatOf(c),
      state.spec,
      state.editor.note.trim(),
      { leftOut: state.leftOut },
    );
    if (outcome.kind === 'saved')
      return c.redirect(`/assessments/${c.var.assessment.code}/weights?saved=${outcome.version}`, 303);
    const { status, messages } = refusal(c, outcome);
    return page(
      c,
      { ...state.editor, preview: { kind: 'problem', messages } },
      {},
      status === 404 || status === 403 ? 422 : status,
    );
  });

  app.post('/weights/json', async (c) => {
    const { form, errors } = await readForm(c);
    const text = form.spec ?? '';
    let spec: unknown;
    try {
      spec = readJson(text);
    } catch {
      return page(c, undefined, { jsonError: [c.var.t('weights.json.notJson')], json: text }, 422);
    }
    if (Object.keys(errors).length > 0)
      return page(c, undefined, { jsonError: Object.entries(errors).map(([k, m]) => `${k}: ${m}`), json: text }, 422);
    const outcome = await saveWeights(
      deps.db,
      deps.engine,
      deps.clock(),
      c.var.user,
      seatOf(c),
      spec,
      (form.note ?? '').trim(),
    );
    if (outcome.kind === 'saved')
      return c.redirect(`/assessments/${c.var.assessment.code}/weights?saved=${outcome.version}`, 303);
    const { status, messages } = refusal(c, outcome);
    return page(c, undefined, { jsonError: messages, json: text }, status === 404 || status === 403 ? 422 : status);
  });

  app.post('/weights/restore', async (c) => {
    const { form } = await readForm(c);
    const version = Number(form.version);
    if (!Number.isInteger(version) || version < 1)
      return renderError(c, 400, { details: [c.var.t('form.invalidValue', { field: c.var.t('weights.version') })] });
    const outcome = await restoreWeights(deps.db, deps.engine, deps.clock(), c.var.user, seatOf(c), version);
    if (outcome.kind === 'saved')
      return c.redirect(`/assessments/${c.var.assessment.code}/weights?saved=${outcome.version}`, 303);
    const { status, messages } = refusal(c, outcome);
    return renderError(c, (status === 422 ? 400 : status) as ErrorStatus, { details: messages });
  });
  return app;
}
