/**
 * The few sentences that head the results and the report's executive summary, each citing the Result's numbers:
 * who leads, how coordinated the cities are, how far the panel agrees, how stable the ranking is.
 */
import type { Locale } from '../i18n/messages.ts';
import { t } from '../i18n/messages.ts';
import type { ResultSet } from './input.ts';
import { cite } from './recommendations.ts';
import { methodLabel, namesOf } from './tables.ts';

const label = (l: { en: string; zh: string }, locale: Locale) => (locale === 'zh' ? l.zh : l.en);

export function summaryOf(set: ResultSet, locale: Locale): string[] {
  const { result } = set;
  const names = namesOf(set, locale);
  const lines: string[] = [];
  const first = result.ranks.indexOf(1);
  if (first >= 0)
    lines.push(
      t(locale, 'results.summary.leader', {
        city: names.city(first),
        method: methodLabel(result.method, locale),
        score: cite.index(result.scores[first]!),
      }),
    );
  const co = result.coordination;
  if (co && co.D.length > 1) {
    const best = co.ranks.indexOf(1);
    const worst = co.ranks.indexOf(Math.max(...co.ranks));
    lines.push(
      t(locale, 'results.summary.coordination', {
        best: names.city(best),
        bestD: cite.index(co.D[best]!),
        bestLevel: label(co.level[best]!, locale),
        worst: names.city(worst),
        worstD: cite.index(co.D[worst]!),
        worstLevel: label(co.level[worst]!, locale),
      }),
    );
  }
  const overall = result.panel?.overall;
  if (overall && overall.W !== null)
    lines.push(t(locale, 'results.summary.agreement', { W: cite.index(overall.W), experts: overall.experts }));
  const s = result.sensitivity;
  if (s)
    lines.push(
      t(locale, 'results.summary.stability', {
        samples: s.samples,
        top: cite.percent(s.topStability, locale),
        ranking: cite.percent(s.rankingStability, locale),
      }),
    );
  return lines;
}
