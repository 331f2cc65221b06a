/**
 * The catalogue of indicator sources: what each measures, which records it reads, whom it can be
 * computed for and whose evaluation it usually is. Pure data; the loaders sit beside this file.
 */

/** Subject kinds backed by org units that handle demands, whistles and grid events. */
const HANDLING_UNITS = ['department', 'stationed_unit', 'public_service_company'] as const;
const DIVISION_UNITS = ['street', 'community'] as const;
const ALL_KINDS = [
  'street',
  'community',
  'department',
  'stationed_unit',
  'public_service_company',
  'resident_unit',
  'property_company',
  'street_staff',
  'service_station_staff',
  'stationed_unit_head',
] as const;

export type SourceFamily = 'demands' | 'whistles' | 'grid_events' | 'patrol' | 'tasks' | 'party' | 'entered';

export interface SourceInfo {
  nameZh: string;
  family: SourceFamily;
  /** What the value is, for people reading a breakdown. */
  definitionZh: string;
  appliesTo: readonly (typeof ALL_KINDS)[number][];
  /** Whose evaluation it is unless the scheme says otherwise (decides the evaluator weights). */
  evaluator: 'district' | 'street' | 'residents' | 'third_party';
  /** A rate where lower is better (返工率 …): schemes normally score it with `inverse_rate`. */
  lowerIsBetter?: boolean;
}

const grid = (nameZh: string, definitionZh: string, lowerIsBetter = false): SourceInfo => ({
  nameZh,
  family: 'grid_events',
  definitionZh,
  appliesTo: [...DIVISION_UNITS, ...HANDLING_UNITS],
  evaluator: 'district',
  ...(lowerIsBetter ? { lowerIsBetter } : {}),
});

const handlers = [...DIVISION_UNITS, ...HANDLING_UNITS] as const;

export const SOURCES = {
  'demands.response_rate': {
    nameZh: '响应率',
    family: 'demands',
    definitionZh: '按时签收并联系的诉求 / 响应已判定的诉求（docs/measures.md）',
    appliesTo: handlers,
    evaluator: 'district',
  },
  'demands.resolution_rate': {
    nameZh: '解决率',
    family: 'demands',
    definitionZh: '回访已解决 / 回访接通并表态的诉求',
    appliesTo: handlers,
    evaluator: 'residents',
  },
  'demands.satisfaction_rate': {
    nameZh: '满意率',
    family: 'demands',
    definitionZh: '满意与基本满意 / 有评价的回访',
    appliesTo: handlers,
    evaluator: 'residents',
  },
  'demands.composite': {
    nameZh: '三率综合得分',
    family: 'demands',
    definitionZh: '按政策配置权重加权的三率（0–100，折算为比率）',
    appliesTo: handlers,
    evaluator: 'residents',
  },
  'whistles.on_time_rate': {
    nameZh: '吹哨报到按时报到率',
    family: 'whistles',
    definitionZh: '按时报到 / 已判定的召集（迟到、未报到计为未按时）',
    appliesTo: HANDLING_UNITS,
    evaluator: 'street',
  },
  'whistles.rating': {
    nameZh: '吹哨方评价得分',
    family: 'whistles',
    definitionZh: '吹哨的街道、社区结束时对被召集单位的评分平均值（0–100）',
    appliesTo: HANDLING_UNITS,
    evaluator: 'street',
  },
  'grid_events.close_rate': grid('网格事件结案率', '结案数 / 应结案数（docs/grid-indicators.md）'),
  'grid_events.on_time_close_rate': grid('网格事件按期结案率', '按期结案数 / 应结案数'),
  'grid_events.dispose_rate': grid('网格事件处置率', '处置数 / 应处置数'),
  'grid_events.on_time_dispose_rate': grid('网格事件按期处置率', '按期处置数 / 应处置数'),
  'grid_events.rework_rate': grid('网格事件返工率', '返工数 / 应结案数', true),
  'grid_events.overdue_pending_rate': grid('网格事件超期待处置率', '超期待处置数 / 应处置数', true),
  'grid_events.extension_rate': grid('网格事件延期率', '延期数 / 应处置数', true),
  'patrol.coverage': {
    nameZh: '网格巡查覆盖率',
    family: 'patrol',
    definitionZh: '期内每月有巡查纪实的网格数之和 / （网格数 × 月数）',
    appliesTo: DIVISION_UNITS,
    evaluator: 'district',
  },
  'patrol.signed_rate': {
    nameZh: '网格工作纪实签署率',
    family: 'patrol',
    definitionZh: '社区党委书记已签署的月份 / （社区数 × 月数）',
    appliesTo: DIVISION_UNITS,
    evaluator: 'district',
  },
  'tasks.completion_rate': {
    nameZh: '督办任务完成率',
    family: 'tasks',
    definitionZh: '期内到期的牵头任务中已报完成的 / 已到期或已完成的牵头任务',
    appliesTo: [...DIVISION_UNITS, 'department', 'stationed_unit'],
    evaluator: 'district',
  },
  'tasks.on_time_rate': {
    nameZh: '督办任务按期完成率',
    family: 'tasks',
    definitionZh: '在完成时限当日或之前报完成的 / 已到期或已完成的牵头任务',
    appliesTo: [...DIVISION_UNITS, 'department', 'stationed_unit'],
    evaluator: 'district',
  },
  'party.report_in_rate': {
    nameZh: '在职党员报到率',
    family: 'party',
    definitionZh: '到社区报到的在职党员 / 单位申报的在职党员数（超过 1 按 1 计）',
    appliesTo: [...HANDLING_UNITS, 'resident_unit'],
    evaluator: 'street',
  },
  'party.service_rate': {
    nameZh: '在职党员服务率',
    family: 'party',
    definitionZh: '期内有经确认服务记录的报到党员 / 报到党员',
    appliesTo: [...HANDLING_UNITS, 'resident_unit'],
    evaluator: 'street',
  },
  'entered.survey': {
    nameZh: '居民满意度调查',
    family: 'entered',
    definitionZh: '录入的问卷调查得分（含样本量、问卷）',
    appliesTo: ALL_KINDS,
    evaluator: 'residents',
  },
  'entered.third_party': {
    nameZh: '第三方评估',
    family: 'entered',
    definitionZh: '录入的第三方机构评分',
    appliesTo: ALL_KINDS,
    evaluator: 'third_party',
  },
  'entered.manual': {
    nameZh: '人工评分',
    family: 'entered',
    definitionZh: '录入的评分，须附佐证材料',
    appliesTo: ALL_KINDS,
    evaluator: 'district',
  },
  'entered.party_building': {
    nameZh: '驻区单位党建工作赋分',
    family: 'entered',
    definitionZh: '街道与社区分别赋分，按政策配置的比例合成（XQ 二(四)2）',
    appliesTo: ['resident_unit'],
    evaluator: 'street',
  },
} as const satisfies Record<string, SourceInfo>;

export type SourceKey = keyof typeof SOURCES;
export const SOURCE_KEYS = Object.keys(SOURCES) as [SourceKey, ...SourceKey[]];

/** The catalogue entry of a source. */
export const sourceInfo = (key: SourceKey): SourceInfo => SOURCES[key];
