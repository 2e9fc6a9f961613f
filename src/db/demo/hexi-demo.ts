/**
 * The Hexi Corridor demo assessment as plain data, built from hexi-corridor.json (a copy of the study's
 * figures kept in the repository so an installed app never reads outside it). The statistics are the
 * study's; the expert scores are made up, deterministic, and the assessment is flagged illustrative.
 */
import type { Direction, IndicatorSource, ScaleAnchor } from '../schema.ts';
import data from './hexi-corridor.json' with { type: 'json' };
import { INDICATOR_NOTES } from './indicator-notes.ts';

export const DEMO_ASSESSMENT = {
  code: 'hexi-corridor-2017',
  nameEn: 'Urbanization of the Hexi Corridor cities, 2017',
  nameZh: '河西走廊城市城镇化评估（2017年）',
  regionEn: data.region.en,
  regionZh: data.region.zh,
  period: '2017',
} as const;

/**
 * TOPSIS for the composite ranking, and the analyses the study is about: coupling coordination of the four
 * dimensions, each city's obstacle factors, and how far the ranking survives other weights.
 */
export const DEMO_METHOD_SETTINGS = {
  method: { name: 'topsis' },
  coordination: {},
  obstacles: { top: 5 },
  sensitivity: { samples: 2000, seed: 1 },
} as const;
export const DEMO_WEIGHT_SPEC = { method: 'equal' } as const;

const STATISTIC_YEAR = 2017;
/** The statistics' provenance, shortened from the data file's `source`. */
export const STATISTIC_SOURCE =
  "Table 1 of the Hexi urbanization study, citing each city's National Economic and Social Development Bulletin (change 2016 to 2017)";

export interface DemoCity {
  readonly code: string;
  readonly nameEn: string;
  readonly nameZh: string;
}
export interface DemoDimension extends DemoCity {}
export interface DemoIndicator {
  readonly code: string;
  readonly dimensionCode: string;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly direction: Direction;
  readonly source: IndicatorSource;
  readonly scaleMin: number | null;
  readonly scaleMax: number | null;
  readonly unit: string | null;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
  readonly anchors: readonly ScaleAnchor[] | null;
}
export interface DemoStatistic {
  readonly indicatorCode: string;
  readonly cityCode: string;
  readonly value: number;
  readonly year: number;
  readonly source: string;
}
export interface DemoEvaluator {
  readonly username: string;
  readonly displayName: string;
}
export interface DemoScore {
  readonly evaluator: number;
  readonly cityCode: string;
  readonly indicatorCode: string;
  readonly value: number;
  readonly rationale: string;
}

export const demoCities: readonly DemoCity[] = data.cities.map((c) => ({ code: c.id, nameEn: c.en, nameZh: c.zh }));
export const demoDimensions: readonly DemoDimension[] = data.dimensions.map((d) => ({
  code: d.id,
  nameEn: d.en,
  nameZh: d.zh,
}));

function noteOf(code: string) {
  const found = INDICATOR_NOTES[code];
  if (!found) throw new Error(`indicator-notes.ts has no description for the demo indicator "${code}"`);
  return found;
}

export const demoIndicators: readonly DemoIndicator[] = data.suggestedIndicators.map((i) => {
  const scale = 'scale' in i ? (i.scale as [number, number]) : null;
  return {
    code: i.id,
    dimensionCode: i.dimension,
    nameEn: i.en,
    nameZh: i.zh,
    direction: i.type as Direction,
    source: i.source as IndicatorSource,
    scaleMin: scale ? scale[0] : null,
    scaleMax: scale ? scale[1] : null,
    unit: 'unit' in i ? (i.unit as string) : null,
    ...noteOf(i.id),
  };
});

type ShareField = 'primary' | 'secondary' | 'tertiary';

/** `"from": "cities[].secondary"` in the data file names the city field a statistic is read from. */
function shareField(from: string): ShareField {
  const field = from.replace('cities[].', '');
  if (field !== 'primary' && field !== 'secondary' && field !== 'tertiary')
    throw new Error(`hexi-corridor.json: unknown statistic field "${from}"`);
  return field;
}

export const demoStatistics: readonly DemoStatistic[] = data.suggestedIndicators.flatMap((i) =>
  'from' in i && typeof i.from === 'string'
    ? data.cities.map((c) => ({
        indicatorCode: i.id,
        cityCode: c.id,
        value: c[shareField(i.from as string)],
        year: STATISTIC_YEAR,
        source: STATISTIC_SOURCE,
      }))
    : [],
);

export const demoEvaluators: readonly DemoEvaluator[] = [
  { username: 'expert1', displayName: 'Chen Jing' },
  { username: 'expert2', displayName: 'Li Wei' },
  { username: 'expert3', displayName: 'Ma Lin' },
  { username: 'expert4', displayName: 'Zhao Yun' },
  { username: 'expert5', displayName: 'Sun Hao' },
];

/** A reader of the demo's published results (a panel viewer), so a fresh installation shows what readers see. */
export const demoViewer: DemoEvaluator = { username: 'reader1', displayName: 'Zhou Min' };

/**
 * A plausible centre for each city on each expert indicator (1–9), made up for the demo from the study's
 * narrative: Jiayuguan compact and industrial, Jiuquan the Silk Road gateway, Wuwei agricultural with a large
 * rural population, Zhangye and Wuwei under the most water stress. Order: wuwei, jinchang, zhangye, jiayuguan, jiuquan.
 */
const PROFILE: Readonly<Record<string, readonly number[]>> = {
  plan_alignment: [6, 6, 7, 8, 7],
  plan_management: [5, 5, 6, 7, 6],
  town_growth_order: [4, 6, 5, 7, 5],
  new_urbanization_policy: [6, 5, 6, 7, 6],
  belt_and_road: [6, 5, 6, 7, 8],
  hukou_social_security: [4, 6, 5, 7, 5],
  human_capital: [4, 6, 5, 6, 5],
  semi_urbanization: [7, 4, 6, 3, 5],
  public_services: [4, 6, 5, 7, 6],
  urban_rural_integration: [4, 6, 5, 7, 5],
  ecological_pressure: [7, 6, 7, 5, 6],
};

/** Each evaluator's leniency, so the panel disagrees a little the way real panels do. */
const EVALUATOR_BIAS = [0, 0.5, -0.5, 0.25, -0.25];
const SCORE_SEED = 2017;

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rationale(value: number, indicator: DemoIndicator, city: DemoCity): string {
  const high = indicator.direction === 'benefit' ? value >= 7 : value <= 3;
  const low = indicator.direction === 'benefit' ? value <= 3 : value >= 7;
  const judgement = high ? 'A clear strength' : low ? 'A marked weakness' : 'Mixed evidence';
  return `${judgement}: ${indicator.nameEn.toLowerCase()} in ${city.nameEn}. Illustrative demo score.`;
}

/** Round-one scores of every evaluator on every city and expert indicator, rounded to whole points on the scale. */
export function illustrativeScores(): DemoScore[] {
  const random = mulberry32(SCORE_SEED);
  const scores: DemoScore[] = [];
  demoEvaluators.forEach((_, evaluator) => {
    demoCities.forEach((city, c) => {
      for (const indicator of demoIndicators) {
        if (indicator.source !== 'expert') continue;
        const centre = PROFILE[indicator.code]?.[c];
        if (centre === undefined || indicator.scaleMin === null || indicator.scaleMax === null) {
          throw new Error(`demo profile has no score centre for ${indicator.code} in ${city.code}`);
        }
        const raw = centre + EVALUATOR_BIAS[evaluator] + (random() * 2 - 1) * 1.2;
        const value = Math.min(indicator.scaleMax, Math.max(indicator.scaleMin, Math.round(raw)));
        scores.push({
          evaluator,
          cityCode: city.code,
          indicatorCode: indicator.code,
          value,
          rationale: rationale(value, indicator, city),
        });
      }
    });
  });
  return scores;
}
