import type { ScaleAnchor } from '../schema.ts';

/**
 * What the demo's evaluators are asked to judge for each indicator, in both languages, drawn from the source
 * study’s sections 3–5 (the study named in hexi-corridor.json), with words for points of the 1–9 scale.
 */
export interface IndicatorNote {
  readonly descriptionEn: string;
  readonly descriptionZh: string;
  readonly anchors: readonly ScaleAnchor[] | null;
}

/** For qualities where more is better. */
const STRENGTH: readonly ScaleAnchor[] = [
  { value: 1, en: 'very weak', zh: '很弱' },
  { value: 3, en: 'weak', zh: '较弱' },
  { value: 5, en: 'moderate', zh: '中等' },
  { value: 7, en: 'strong', zh: '较强' },
  { value: 9, en: 'very strong', zh: '很强' },
];

/** For problems, where the score says how severe (a cost indicator: higher is worse). */
const SEVERITY: readonly ScaleAnchor[] = [
  { value: 1, en: 'negligible', zh: '轻微' },
  { value: 3, en: 'mild', zh: '较轻' },
  { value: 5, en: 'marked', zh: '明显' },
  { value: 7, en: 'severe', zh: '较重' },
  { value: 9, en: 'very severe', zh: '很严重' },
];

const note = (descriptionEn: string, descriptionZh: string, anchors: readonly ScaleAnchor[] | null = STRENGTH) => ({
  descriptionEn,
  descriptionZh,
  anchors,
});

export const INDICATOR_NOTES: Readonly<Record<string, IndicatorNote>> = {
  plan_alignment: note(
    'How well the city master plan follows the upper-level plans, such as Gansu’s plan of main functional areas and the new-urbanization plan, and whether its scale and layout fit them.',
    '城市总体规划与上位规划（如《甘肃省主体功能区规划》、新型城镇化规划）的衔接程度，规模与布局是否与之相符。',
  ),
  plan_management: note(
    'Whether planning and management act ahead of growth: plans prepared and updated in time, land and infrastructure provided before demand, rules enforced.',
    '规划与管理是否超前于发展：规划编制与修订是否及时，土地与基础设施是否先于需求供给，管控是否落实。',
  ),
  town_growth_order: note(
    'How orderly towns expand and villages contract: compact growth instead of sprawl, and village consolidation that is planned rather than left to decline.',
    '城镇扩张与乡村收缩的有序程度：是否紧凑增长而非无序蔓延，村庄整合是否有规划而非任其衰落。',
  ),
  new_urbanization_policy: note(
    'How far the national new-urbanization policy is put into practice: people-centred urbanization, quality of growth, the settlement of migrants.',
    '国家新型城镇化政策的落实程度：以人为本的城镇化、发展质量、农业转移人口的市民化。',
  ),
  belt_and_road: note(
    'How well the city uses its position as a node of the Silk Road Economic Belt: logistics, trade, cultural tourism and opening-up projects.',
    '城市利用丝绸之路经济带节点地位的程度：物流、贸易、文化旅游与对外开放项目。',
  ),
  hukou_social_security: note(
    'Progress of household-registration (hukou) and social-security reform: whether migrants can settle and share urban social security.',
    '户籍与社会保障制度改革的进展：农业转移人口能否落户并享有城镇社会保障。',
  ),
  secondary_share_change: note(
    'Change of the secondary industry’s share of GDP from 2016 to 2017, in percentage points (the city’s statistical bulletin).',
    '2016—2017年第二产业占GDP比重的变化（百分点，来自各市统计公报）。',
    null,
  ),
  tertiary_share_change: note(
    'Change of the tertiary industry’s share of GDP from 2016 to 2017, in percentage points (the city’s statistical bulletin).',
    '2016—2017年第三产业占GDP比重的变化（百分点，来自各市统计公报）。',
    null,
  ),
  primary_share_change: note(
    'Change of the primary industry’s share of GDP from 2016 to 2017, in percentage points; a falling share counts as progress.',
    '2016—2017年第一产业占GDP比重的变化（百分点）；比重下降视为进步。',
    null,
  ),
  human_capital: note(
    'The skills, education and capacity for innovation of the workforce, which the study names as the driver of industrial upgrading.',
    '劳动力的技能、受教育程度与创新能力，研究认为这是产业结构升级的动力。',
  ),
  semi_urbanization: note(
    'How many urban residents live in the city without urban household registration and without equal public services: higher is worse.',
    '在城镇居住但无城镇户籍、未享有同等公共服务的人口比重：分数越高越严重。',
    SEVERITY,
  ),
  public_services: note(
    'Equal access to basic public services (education, health care, housing) for urban and rural residents and for migrants.',
    '城乡居民与外来人口获得基本公共服务（教育、医疗、住房）的均等程度。',
  ),
  urban_rural_integration: note(
    'How far urban and rural development are integrated: industry, infrastructure and services that reach the villages.',
    '城乡融合发展的程度：产业、基础设施与公共服务是否延伸到乡村。',
  ),
  ecological_pressure: note(
    'Pressure of urbanization on the dry corridor’s ecology and scarce water: higher is worse.',
    '城镇化对干旱走廊生态与稀缺水资源的压力：分数越高越严重。',
    SEVERITY,
  ),
};
