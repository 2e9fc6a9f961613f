/**
 * A two-page brief on one city of a published snapshot: on the first page its rank, score and coupling coordination,
 * its development by dimension (radar and table) and what lags; on the second its main obstacles and the
 * recommendations that apply, with the numbers behind each.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { type Locale, t } from '../../i18n/messages.ts';
import type { ResultSet, SnapshotMeta } from '../input.ts';
import { recommend } from '../recommendations.ts';
import { namesOf } from '../tables.ts';
import type { Progress } from './assessment-report.ts';
import { cityDimensions, cityFacts, cityObstacles, cityRadar, cityRecommendations } from './city.ts';
import { banner, dateText, frame, name, paragraph, withLocaleQuotes } from './layout.ts';

/** Recommendations a brief lists at most, so that it keeps to two pages; the report has them all. */
export const BRIEF_RECOMMENDATIONS = 5;

export const BRIEF_STEPS = 2;

export class UnknownCity extends Error {}

/** The index of the city with this code, or an UnknownCity error naming it. */
export function cityIndex(set: ResultSet, city: string): number {
  const i = set.result.alternatives.indexOf(city);
  if (i < 0) throw new UnknownCity(`no city "${city}" in this snapshot`);
  return i;
}

export function cityBrief(
  set: ResultSet,
  meta: SnapshotMeta,
  locale: Locale,
  city: string,
  onProgress?: Progress,
): TDocumentDefinitions {
  const i = cityIndex(set, city);
  const names = namesOf(set, locale);
  const { assessment } = set.labels;
  const kind = t(locale, 'report.kind.brief');
  const first: Content[] = [
    { text: names.city(i), style: 'coverTitle', margin: [0, 0, 0, 4] },
    { text: `${name(assessment.name, locale)} · ${name(assessment.region, locale)}`, style: 'coverLine' },
    {
      text: t(locale, 'report.brief.source', { id: meta.id, date: dateText(meta.publishedAt) }),
      style: 'small',
      margin: [0, 0, 0, 8],
    },
    ...(assessment.illustrative ? [banner(t(locale, 'results.illustrative'))] : []),
    {
      columns: [
        { width: '*', stack: [cityFacts(set, i, locale)] },
        { width: 230, stack: cityRadar(set, i, locale, 230) },
      ],
      columnGap: 12,
    },
    ...cityDimensions(set, i, locale),
  ];
  onProgress?.(1, BRIEF_STEPS);
  const found = recommend(set.result, set.labels, set.rules).alternatives[i]!;
  const second: Content[] = [
    { text: '', pageBreak: 'before' },
    ...cityObstacles(set, i, locale),
    ...cityRecommendations(found, locale, BRIEF_RECOMMENDATIONS),
    paragraph(t(locale, 'report.brief.more.report')),
  ];
  onProgress?.(2, BRIEF_STEPS);
  return withLocaleQuotes(
    { ...frame(set, meta, locale, kind, { headerFromPage: 1 }), content: [...first, ...second] },
    locale,
  );
}
