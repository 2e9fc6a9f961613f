/**
 * Library-wide recommendation rules drawn from the proposals of the Hexi urbanization study
 * (hexi-corridor.json, `proposals`). The wording is ours: the study's ideas, not its sentences.
 * A condition names what in an engine result makes the advice relevant: a lagging dimension in the
 * coordination analysis, or an indicator among a city's main obstacle factors. These are two of the kinds that
 * `ruleConditionSchema` (src/report/recommendations.ts) accepts; tests/report/recommendations.test.ts keeps them in step.
 */
export type RuleCondition =
  | { readonly type: 'lagging-dimension'; readonly dimension: string }
  | { readonly type: 'obstacle'; readonly indicator: string };

export interface DemoRule {
  readonly code: string;
  readonly dimensionCode: string;
  readonly condition: RuleCondition;
  readonly textEn: string;
  readonly textZh: string;
}

export const HEXI_RULES_SOURCE = 'Hexi Corridor urbanization study, section 5 (proposals), paraphrased';

export const hexiRules: readonly DemoRule[] = [
  {
    code: 'new-industrialization',
    dimensionCode: 'industry',
    condition: { type: 'lagging-dimension', dimension: 'industry' },
    textEn:
      'Grow industry through technology-intensive, resource-saving and low-pollution sectors that earn good returns and make full use of local skills.',
    textZh: '依靠科技含量高、资源消耗低、污染少、经济效益好并能充分发挥本地人才作用的产业推动工业发展。',
  },
  {
    code: 'human-capital',
    dimensionCode: 'industry',
    condition: { type: 'obstacle', indicator: 'human_capital' },
    textEn:
      'Invest in education, training and attracting talent: skilled people spread innovation and help upgrade the industrial structure.',
    textZh: '加大教育、培训和人才引进投入：人才的溢出效应带动技术创新和产业结构升级。',
  },
  {
    code: 'planning-mechanism',
    dimensionCode: 'planning',
    condition: { type: 'lagging-dimension', dimension: 'planning' },
    textEn:
      'Bring the city plan into line with provincial plans (main functional zones, the urban system, new urbanization) and set up planning and management that looks ahead of growth instead of following it.',
    textZh:
      '使城市规划与省级主体功能区规划、城镇体系规划和新型城镇化规划相衔接，建立先于发展而非跟随发展的规划管理机制。',
  },
  {
    code: 'policy-opportunities',
    dimensionCode: 'policy',
    condition: { type: 'obstacle', indicator: 'belt_and_road' },
    textEn:
      'Use national new-urbanization policy and the Belt and Road initiative to establish the city as a node on the Silk Road Economic Belt.',
    textZh: '借助国家新型城镇化政策和"一带一路"倡议，把城市建设成丝绸之路经济带上的节点。',
  },
  {
    code: 'driving-mechanism',
    dimensionCode: 'policy',
    condition: { type: 'lagging-dimension', dimension: 'policy' },
    textEn:
      'Strengthen what drives urbanization: national support, outside investment and relocated industry, locally grown firms, a growing pool of talent and closer links between town and country.',
    textZh:
      '强化城镇化的动力：国家政策支持、外来投资与产业转移、本地自下而上发展的产业、人才积累以及城乡之间更紧密的联系。',
  },
  {
    code: 'semi-urbanization',
    dimensionCode: 'social',
    condition: { type: 'obstacle', indicator: 'semi_urbanization' },
    textEn:
      'Help people who have moved to towns settle there for good by opening household registration, social insurance and public services to them.',
    textZh: '向进城人口开放户籍登记、社会保险和公共服务，帮助他们真正在城镇落户安居。',
  },
  {
    code: 'ecological-transition',
    dimensionCode: 'social',
    condition: { type: 'obstacle', indicator: 'ecological_pressure' },
    textEn:
      "Shift towns towards ecological, low-carbon growth, protect water and land, and set urbanization targets that match each place's economy, location and environment.",
    textZh: '推动城镇向生态、低碳发展转型，保护水土资源，并根据各地的经济、区位和环境条件确定城镇化目标。',
  },
  {
    code: 'new-urbanization-road',
    dimensionCode: 'social',
    condition: { type: 'lagging-dimension', dimension: 'social' },
    textEn:
      'Let gathering industry draw people into towns, improve infrastructure and public services, and remove the institutional barriers that keep urban and rural areas apart.',
    textZh: '以产业集聚带动人口集聚，完善基础设施和公共服务，消除城乡分割的制度障碍，缩小城乡和地区差距。',
  },
];
