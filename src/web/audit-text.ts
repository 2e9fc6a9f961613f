/**
 * How audit entries read on the audit pages: each action's label in the reader's language, and the few entries whose
 * `after` is better said in words than shown as JSON (downloads, token use, ended sessions, blocked sign-ins).
 */
import type { PlainMessageKey, Translate } from '../i18n/messages.ts';

const ACTION_KEYS: Record<string, PlainMessageKey> = {
  'score.create': 'audit.score.create',
  'score.update': 'audit.score.update',
  'round.submit': 'audit.round.submit',
  'round.reopen': 'audit.round.reopen',
  'round.open': 'audit.round.open',
  'round.close': 'audit.round.close',
  'assessment.create': 'audit.assessment.create',
  'assessment.update': 'audit.assessment.update',
  'assessment.archive': 'audit.assessment.archive',
  'assessment.restore': 'audit.assessment.restore',
  'city.add': 'audit.city.add',
  'city.update': 'audit.city.update',
  'city.remove': 'audit.city.remove',
  'dimension.add': 'audit.dimension.add',
  'dimension.update': 'audit.dimension.update',
  'dimension.remove': 'audit.dimension.remove',
  'indicator.add': 'audit.indicator.add',
  'indicator.update': 'audit.indicator.update',
  'indicator.remove': 'audit.indicator.remove',
  'weights.save': 'audit.weights.save',
  'weights.restore': 'audit.weights.restore',
  'panel.add': 'audit.panel.add',
  'panel.update': 'audit.panel.update',
  'panel.remove': 'audit.panel.remove',
  'settings.update': 'audit.settings.update',
  'rule.create': 'audit.rule.create',
  'rule.update': 'audit.rule.update',
  'rule.override': 'audit.rule.override',
  'rule.delete': 'audit.rule.delete',
  'rule.revert': 'audit.rule.revert',
  'statistics.import': 'audit.statistics.import',
  'judgments.save': 'audit.judgments.save',
  'snapshot.publish': 'audit.snapshot.publish',
  'export.download': 'audit.export.download',
  'auth.login': 'audit.auth.login',
  'auth.login_failed': 'audit.auth.login_failed',
  'auth.locked': 'audit.auth.locked',
  'auth.logout': 'audit.auth.logout',
  'session.revoke_all': 'audit.session.revoke_all',
  'token.create': 'audit.token.create',
  'token.revoke': 'audit.token.revoke',
  'token.use': 'audit.token.use',
  'user.create': 'audit.user.create',
  'user.disable': 'audit.user.disable',
  'user.enable': 'audit.user.enable',
  'user.password': 'audit.user.password',
  'user.admin': 'audit.user.admin',
};

/** The action in the reader's language; an action without a label (a newer release's) shows as stored. */
export const actionLabel = (t: Translate, action: string): string =>
  Object.hasOwn(ACTION_KEYS, action) ? t(ACTION_KEYS[action]!) : action;

const EXPORT_KEYS: Record<string, PlainMessageKey> = {
  report: 'audit.export.report',
  brief: 'audit.export.brief',
  snapshot: 'audit.export.snapshot',
  table: 'audit.export.table',
  draft: 'audit.export.draft',
  compare: 'audit.export.compare',
  audit: 'audit.export.audit',
  accounts: 'audit.export.accounts',
  problem: 'audit.export.problem',
  results: 'audit.export.results',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** What a download, token, ended-sessions or sign-in entry says (its `after`, or `before` for a revoked token). */
export function entryDetails(t: Translate, action: string, after: unknown): string | undefined {
  if (after === null || typeof after !== 'object') return undefined;
  const a = after as Record<string, unknown>;
  const parts = (list: (string | undefined)[]) => list.filter((p) => p !== undefined && p !== '').join(' · ');
  switch (action) {
    case 'export.download': {
      const kind = text(a.kind) ?? '';
      return parts([
        Object.hasOwn(EXPORT_KEYS, kind) ? t(EXPORT_KEYS[kind]!) : kind,
        text(a.table),
        text(a.format)?.toUpperCase(),
        text(a.snapshot) === undefined ? undefined : `#${text(a.snapshot)}`,
        text(a.city),
        text(a.lang),
        text(a.via),
      ]);
    }
    case 'token.create':
    case 'token.revoke':
      return text(a.name);
    case 'token.use':
      return parts([text(a.name), [text(a.method), text(a.path)].filter(Boolean).join(' ')]);
    case 'session.revoke_all':
      return t('audit.count', { count: text(a.count) ?? '0' });
    case 'auth.locked':
    case 'auth.login_failed':
      return parts([
        a.retryAfterS === undefined ? undefined : t('audit.retryAfter', { seconds: text(a.retryAfterS) ?? '' }),
        text(a.userAgent),
      ]);
    case 'auth.login':
    case 'auth.logout':
      return text(a.userAgent);
    default:
      return undefined;
  }
}
