/**
 * The one message catalogue. English is the reference: its keys define `MessageKey`, and the
 * Chinese table is typed against them, so a key missing from `zh` fails the type check.
 * Placeholders are written `{name}`; `t()` requires exactly the parameters the English text names.
 */
import { type Locale, locales } from './locales.ts';

export { type Locale, locales };

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

/** BCP 47 tags for `<html lang>`: the Chinese UI is written in Simplified script. */
export const htmlLang: Record<Locale, string> = { en: 'en', zh: 'zh-Hans' };

const en = {
  'app.name': 'Corridor',
  'app.tagline': 'Regional urbanization assessment',
  'nav.label': 'Main navigation',
  'nav.skip': 'Skip to content',
  'nav.assessments': 'Assessments',
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.zh': '简体中文',
  'user.menu': 'Account',
  'user.signedInAs': 'Signed in as',
  'user.administrator': 'Administrator',

  'auth.login.title': 'Sign in',
  'auth.login.intro': 'Sign in with the account your administrator gave you.',
  'auth.login.submit': 'Sign in',
  'auth.logout': 'Sign out',
  'auth.failed': 'Incorrect username or password.',
  'auth.rateLimited': 'Incorrect username or password, or too many attempts. Try again in {minutes} minutes.',
  'auth.expired': 'Your session has ended. Please sign in again.',
  'auth.signedOut': 'You have signed out.',

  'field.username': 'Username',
  'field.password': 'Password',
  'field.locale': 'Language',
  'field.next': 'Return address',

  'form.invalid': 'Some fields need attention.',
  'form.required': '{field}: this field is required.',
  'form.tooShort': '{field}: at least {min} characters.',
  'form.tooLong': '{field}: at most {max} characters.',
  'form.notAllowed': '{field}: this value is not one of the allowed choices.',
  'form.invalidValue': '{field}: this value is not valid.',
  'form.repeated': '{field}: sent more than once; send one value.',
  'form.fileNotAllowed': '{field}: a file was sent where text is expected.',
  'form.unsupportedType':
    'This request must be sent as a form (application/x-www-form-urlencoded or multipart/form-data).',
  'form.unreadable': 'The form data could not be read.',

  'home.title': 'Your assessments',
  'home.empty':
    'No assessments to show yet. An assessment appears here once an administrator puts you on its panel, or, for a reader, once its results are published.',
  'home.emptyAdmin': 'There are no assessments yet.',
  'home.group.all': 'All assessments',
  'home.group.all.note': 'As an administrator you can see every assessment.',
  'home.group.evaluator': 'Assessments you evaluate',
  'home.group.viewer': 'Published results you can read',

  'assessment.region': 'Region',
  'assessment.period': 'Period',
  'assessment.status': 'Status',
  'assessment.role': 'Your role',
  'assessment.illustrative': 'Illustrative demo data',
  'assessment.illustrative.note':
    'Scores in this assessment are invented to demonstrate the tool; they are not expert judgments.',

  'assessment.open': 'Open',
  'assessment.back': 'Back to the assessment',
  'assessment.results.later': 'Published results will appear here once the panel’s results are published.',
  'assessment.panel.title': 'Panel progress, round {round}',
  'assessment.panel.member': 'Member',
  'assessment.panel.done': 'Cells done',
  'assessment.panel.state': 'Round',
  'assessment.panel.submitted': 'Submitted',
  'assessment.panel.open': 'Not submitted',
  'assessment.panel.none': 'No evaluators on the panel yet.',

  'scoring.title': 'Scoring',
  'scoring.round': 'Round {number}',
  'scoring.deadline': 'Closes {date}',
  'scoring.noDeadline': 'No deadline set',
  'scoring.noRound': 'No round is open for scoring at the moment.',
  'scoring.notEvaluator': 'Only the panel’s evaluators score this assessment.',
  'scoring.progress': '{done} of {total} cells scored or marked unable to judge',
  'scoring.progress.label': 'Progress',
  'scoring.start': 'Score this assessment',
  'scoring.dimensions': 'Dimensions',
  'scoring.intro':
    'Each change is saved as you go. Tab moves along a row, Enter moves down a column. Tick "Unable to judge" where you cannot give a score.',
  'scoring.city': 'City',
  'scoring.value': 'Score for {city}, {indicator}',
  'scoring.abstain': 'Unable to judge',
  'scoring.rationale': 'Rationale',
  'scoring.rationale.for': 'Rationale for {city}, {indicator}',
  'scoring.scale': 'Scale {min}–{max}',
  'scoring.anchors': '{min} very weak · {mid} moderate · {max} very strong',
  'scoring.about': 'What to judge',
  'scoring.moreCities': 'More cities…',
  'scoring.earlierCities': 'Earlier cities',
  'scoring.benefit': 'higher is better',
  'scoring.cost': 'lower is better',
  'scoring.submit': 'Submit round {number}',
  'scoring.submit.note':
    'Submit once every cell is scored or marked unable to judge. Your scores are then locked; the chair can reopen them for you.',
  'scoring.submitted': 'You submitted round {number}. Your scores are locked; the chair can reopen them for you.',
  'scoring.missing': '{count} cells still need a score or "Unable to judge":',
  'scoring.missing.more': '… and {count} more.',

  'rounds.close': 'Close round {number}',
  'rounds.open': 'Open round {number}',
  'rounds.next': 'Next: round {number}',
  'rounds.deadline': 'Deadline (UTC, optional)',
  'rounds.reopen': 'Reopen',

  'audit.title': 'Audit trail',
  'audit.link': 'Audit trail',
  'audit.person': 'Person',
  'audit.indicator': 'Indicator',
  'audit.any': 'All',
  'audit.from': 'From',
  'audit.to': 'To',
  'audit.apply': 'Filter',
  'audit.csv': 'Download CSV',
  'audit.none': 'No changes match these filters.',
  'audit.more': '{count} older entries are not shown here; the CSV download has them all.',
  'audit.at': 'When (UTC)',
  'audit.action': 'Change',
  'audit.where': 'Round · cell',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.system': 'system',
  'audit.round': 'round {number}',
  'audit.score.create': 'Score entered',
  'audit.score.update': 'Score changed',
  'audit.round.submit': 'Round submitted',
  'audit.round.reopen': 'Round reopened for an evaluator',
  'audit.round.open': 'Round opened',
  'audit.round.close': 'Round closed',
  'audit.assessment.create': 'Assessment created',

  'delphi.panel': 'Panel, round {round}: median {median}, IQR {iqr}',
  'delphi.noScores': 'Panel, round {round}: no scores',
  'delphi.own': 'you: {value}',
  'delphi.consensus': 'Consensus',
  'delphi.reasons': 'Reasons given ({count})',
  'delphi.summary.title': 'Round {round}: the panel’s agreement',
  'delphi.summary.share': 'Consensus (IQR at most {threshold}) on {share} of the cells.',
  'delphi.summary.w': 'Kendall’s W by indicator',
  'delphi.summary.none': 'not computed',
  'delphi.summary.overall': 'Kendall’s W of the whole panel: {W}, over the {cells} cells all {experts} experts scored.',
  'delphi.summary.overallNone':
    'Kendall’s W of the whole panel cannot be computed: it needs two experts and two cells they all scored.',

  'cell.saving': 'Saving…',
  'cell.saved': 'Saved',
  'cell.empty': 'Not scored',
  'cell.outOfRange': 'Out of range: {min}–{max}',
  'cell.notANumber': 'Not a number',
  'cell.valueNeeded': 'Enter a score or tick "Unable to judge"',
  'cell.rationaleTooLong': 'Rationale too long: at most {max} characters',
  'cell.conflict': 'Changed in another window; stored: {value}',
  'cell.useStored': 'Use stored',
  'cell.locked': 'Locked: round submitted',
  'cell.closed': 'The round is closed',

  'status.draft': 'Draft',
  'status.open': 'Open for scoring',
  'status.closed': 'Scoring closed',
  'status.published': 'Published',

  'role.administrator': 'Administrator',
  'role.evaluator': 'Evaluator',
  'role.viewer': 'Viewer',
  'role.chair': 'Panel chair',

  'error.back': 'Back to the start page',
  'error.400.title': 'The request could not be understood',
  'error.400.body': 'Please check what you entered and try again.',
  'error.401.title': 'Please sign in',
  'error.401.body': 'Your session has ended or you are not signed in.',
  'error.403.title': 'Not allowed',
  'error.403.body': 'You do not have access to this page, or the request came from another site.',
  'error.404.title': 'Page not found',
  'error.404.body': 'There is nothing at this address. It may have moved, or the link may be mistyped.',
  'error.405.title': 'Method not allowed',
  'error.405.body': 'This address exists, but does not accept this kind of request.',
  'error.405.allowed': 'It accepts: {methods}.',
  'error.409.title': 'Not possible now',
  'error.409.body': 'This cannot be done in the current state: the round may be closed or already submitted.',
  'error.413.title': 'Request too large',
  'error.413.body': 'What you sent is larger than the server accepts.',
  'error.415.title': 'Unsupported format',
  'error.415.body': 'The server accepts forms only in the formats a browser sends.',
  'error.429.title': 'Too many attempts',
  'error.429.body': 'Please wait {minutes} minutes and try again.',
  'error.500.title': 'Something went wrong',
  'error.500.body': 'The server could not complete the request. The problem has been logged.',
  'error.reference': 'Reference: {id}',

  'footer.text': 'Corridor: multi-criteria assessment of regional urbanization',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'app.name': 'Corridor',
  'app.tagline': '区域城镇化评估',
  'nav.label': '主导航',
  'nav.skip': '跳到正文',
  'nav.assessments': '评估项目',
  'lang.label': '语言',
  'lang.en': 'English',
  'lang.zh': '简体中文',
  'user.menu': '账户',
  'user.signedInAs': '当前用户：',
  'user.administrator': '管理员',

  'auth.login.title': '登录',
  'auth.login.intro': '请使用管理员为您分配的账户登录。',
  'auth.login.submit': '登录',
  'auth.logout': '退出登录',
  'auth.failed': '用户名或密码不正确。',
  'auth.rateLimited': '用户名或密码不正确，或尝试次数过多。请在 {minutes} 分钟后重试。',
  'auth.expired': '您的会话已结束，请重新登录。',
  'auth.signedOut': '您已退出登录。',

  'field.username': '用户名',
  'field.password': '密码',
  'field.locale': '语言',
  'field.next': '返回地址',

  'form.invalid': '部分字段需要修改。',
  'form.required': '{field}：此项为必填项。',
  'form.tooShort': '{field}：至少 {min} 个字符。',
  'form.tooLong': '{field}：最多 {max} 个字符。',
  'form.notAllowed': '{field}：该值不在允许的选项中。',
  'form.invalidValue': '{field}：该值无效。',
  'form.repeated': '{field}：提交了多个值，请只提交一个。',
  'form.fileNotAllowed': '{field}：此处应为文本，却提交了文件。',
  'form.unsupportedType': '此请求必须以表单格式提交（application/x-www-form-urlencoded 或 multipart/form-data）。',
  'form.unreadable': '无法读取提交的表单数据。',

  'home.title': '我的评估项目',
  'home.empty':
    '暂无可显示的评估项目。管理员将您加入某个评估项目的专家组后，该项目会显示在这里；如果您是查阅者，则在结果发布后显示。',
  'home.emptyAdmin': '目前还没有评估项目。',
  'home.group.all': '全部评估项目',
  'home.group.all.note': '作为管理员，您可以查看所有评估项目。',
  'home.group.evaluator': '您参与评分的评估项目',
  'home.group.viewer': '您可查阅的已发布结果',

  'assessment.region': '区域',
  'assessment.period': '时期',
  'assessment.status': '状态',
  'assessment.role': '您的角色',
  'assessment.illustrative': '示意性演示数据',
  'assessment.illustrative.note': '本评估项目中的评分为演示工具而虚构，并非专家判断。',

  'assessment.open': '打开',
  'assessment.back': '返回评估项目',
  'assessment.results.later': '专家组结果发布后，将在此处显示。',
  'assessment.panel.title': '专家组进度（第 {round} 轮）',
  'assessment.panel.member': '成员',
  'assessment.panel.done': '已完成',
  'assessment.panel.state': '本轮',
  'assessment.panel.submitted': '已提交',
  'assessment.panel.open': '未提交',
  'assessment.panel.none': '专家组中还没有评估专家。',

  'scoring.title': '评分',
  'scoring.round': '第 {number} 轮',
  'scoring.deadline': '截止：{date}',
  'scoring.noDeadline': '未设截止时间',
  'scoring.noRound': '当前没有开放评分的轮次。',
  'scoring.notEvaluator': '只有专家组的评估专家可以为本评估项目评分。',
  'scoring.progress': '已完成 {done} / {total} 项（含“无法判断”）',
  'scoring.progress.label': '进度',
  'scoring.start': '开始评分',
  'scoring.dimensions': '维度',
  'scoring.intro': '每次修改都会自动保存。Tab 键沿行移动，回车键向下移动。无法给出评分时，请勾选“无法判断”。',
  'scoring.city': '城市',
  'scoring.value': '{city}：{indicator} 的评分',
  'scoring.abstain': '无法判断',
  'scoring.rationale': '理由',
  'scoring.rationale.for': '{city}：{indicator} 的评分理由',
  'scoring.scale': '量表 {min}–{max}',
  'scoring.anchors': '{min} 很弱 · {mid} 中等 · {max} 很强',
  'scoring.about': '评判内容',
  'scoring.moreCities': '更多城市…',
  'scoring.earlierCities': '前面的城市',
  'scoring.benefit': '越高越好',
  'scoring.cost': '越低越好',
  'scoring.submit': '提交第 {number} 轮',
  'scoring.submit.note':
    '所有单元格均已评分或标记“无法判断”后即可提交。提交后评分将被锁定，如需修改请联系召集人重新开放。',
  'scoring.submitted': '您已提交第 {number} 轮。评分已锁定，如需修改请联系召集人重新开放。',
  'scoring.missing': '还有 {count} 项需要评分或标记“无法判断”：',
  'scoring.missing.more': '……另有 {count} 项。',

  'rounds.close': '关闭第 {number} 轮',
  'rounds.open': '开启第 {number} 轮',
  'rounds.next': '下一轮：第 {number} 轮',
  'rounds.deadline': '截止时间（UTC，可选）',
  'rounds.reopen': '重新开放',

  'audit.title': '审计记录',
  'audit.link': '审计记录',
  'audit.person': '人员',
  'audit.indicator': '指标',
  'audit.any': '全部',
  'audit.from': '起始日期',
  'audit.to': '截止日期',
  'audit.apply': '筛选',
  'audit.csv': '下载 CSV',
  'audit.none': '没有符合筛选条件的修改记录。',
  'audit.more': '另有 {count} 条较早的记录未在此显示，CSV 下载包含全部记录。',
  'audit.at': '时间（UTC）',
  'audit.action': '修改',
  'audit.where': '轮次 · 单元格',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.system': '系统',
  'audit.round': '第 {number} 轮',
  'audit.score.create': '录入评分',
  'audit.score.update': '修改评分',
  'audit.round.submit': '提交本轮',
  'audit.round.reopen': '为评估专家重新开放本轮',
  'audit.round.open': '开启新一轮',
  'audit.round.close': '关闭本轮',
  'audit.assessment.create': '创建评估项目',

  'delphi.panel': '第 {round} 轮专家组：中位数 {median}，四分位距 {iqr}',
  'delphi.noScores': '第 {round} 轮专家组：无评分',
  'delphi.own': '您：{value}',
  'delphi.consensus': '已达成共识',
  'delphi.reasons': '专家理由（{count}）',
  'delphi.summary.title': '第 {round} 轮：专家组的一致程度',
  'delphi.summary.share': '{share} 的单元格达成共识（四分位距不超过 {threshold}）。',
  'delphi.summary.w': '各指标的肯德尔协调系数 W',
  'delphi.summary.none': '无法计算',
  'delphi.summary.overall':
    '专家组整体的肯德尔协调系数 W：{W}（基于全部 {experts} 位专家均已评分的 {cells} 个单元格）。',
  'delphi.summary.overallNone': '无法计算专家组整体的肯德尔协调系数 W：需要至少两位专家及两个他们均已评分的单元格。',

  'cell.saving': '保存中…',
  'cell.saved': '已保存',
  'cell.empty': '未评分',
  'cell.outOfRange': '超出范围：{min}–{max}',
  'cell.notANumber': '不是数字',
  'cell.valueNeeded': '请输入评分或勾选“无法判断”',
  'cell.rationaleTooLong': '理由过长：最多 {max} 个字符',
  'cell.conflict': '已在其他窗口修改；已保存的值：{value}',
  'cell.useStored': '使用已保存的值',
  'cell.locked': '已锁定：本轮已提交',
  'cell.closed': '本轮已关闭',

  'status.draft': '草稿',
  'status.open': '评分进行中',
  'status.closed': '评分已结束',
  'status.published': '已发布',

  'role.administrator': '管理员',
  'role.evaluator': '评估专家',
  'role.viewer': '查阅者',
  'role.chair': '专家组召集人',

  'error.back': '返回首页',
  'error.400.title': '无法处理该请求',
  'error.400.body': '请检查您输入的内容后重试。',
  'error.401.title': '请登录',
  'error.401.body': '您的会话已结束，或您尚未登录。',
  'error.403.title': '无权访问',
  'error.403.body': '您无权访问此页面，或该请求来自其他网站。',
  'error.404.title': '页面不存在',
  'error.404.body': '此地址没有内容，页面可能已移动，或链接有误。',
  'error.405.title': '不允许的请求方法',
  'error.405.body': '此地址存在，但不接受这种请求方式。',
  'error.405.allowed': '可用的请求方法：{methods}。',
  'error.409.title': '当前无法执行',
  'error.409.body': '当前状态下无法执行此操作：本轮可能已关闭或已提交。',
  'error.413.title': '请求过大',
  'error.413.body': '您提交的内容超出了服务器允许的大小。',
  'error.415.title': '不支持的格式',
  'error.415.body': '服务器只接受浏览器提交的表单格式。',
  'error.429.title': '尝试次数过多',
  'error.429.body': '请等待 {minutes} 分钟后重试。',
  'error.500.title': '出现错误',
  'error.500.body': '服务器未能完成该请求，问题已记录。',
  'error.reference': '错误编号：{id}',

  'footer.text': 'Corridor：区域城镇化多准则评估',
};

export const catalogue: Record<Locale, Record<MessageKey, string>> = { en, zh };

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
/** Keys whose text takes no parameters: what lookup tables (status → label) may hold. */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof en)[K]>] extends [never] ? K : never;
}[MessageKey];
type ParamArgs<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof en)[K]>, string | number>];

export function t<K extends MessageKey>(locale: Locale, key: K, ...args: ParamArgs<K>): string {
  const text = catalogue[locale][key];
  const params: Record<string, string | number> | undefined = args[0];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `t` with the locale bound, which is what templates receive. */
export type Translate = <K extends MessageKey>(key: K, ...args: ParamArgs<K>) => string;
export const translator =
  (locale: Locale): Translate =>
  (key, ...args) =>
    t(locale, key, ...args);

/** Names stored in both languages (cities, assessments, dimensions) shown in the page's language. */
export const byLocale = (locale: Locale, en: string, zh: string): string => (locale === 'zh' ? zh : en);
