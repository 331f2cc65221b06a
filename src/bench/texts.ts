import type { LeafCategory } from '../demands/classify/taxonomy.ts';

/**
 * Synthetic Chinese demand texts in the styles a hotline records (operator summaries, web letters, app
 * reports, grid-worker reports): a place, the category's own words, how long, what the caller wants.
 * Deterministic given the random stream.
 */
const OPENINGS = [
  '市民来电反映：',
  '市民反映：',
  '网格员巡查发现：',
  '居民通过app反映：',
  '来信反映：',
  '',
  '有居民反映，',
];
const PLACES = ['小区', '家园', '花园', '北里', '南里', '西区', '东区'];
const SPOTS = ['楼下', '门口', '附近', '楼道里', '院内', '路口', '单元门前', '停车场'];
const DURATIONS = [
  '已经一个多月了',
  '这几天一直这样',
  '从上周开始',
  '反映多次没人管',
  '已经持续两年',
  '最近越来越严重',
];
const ASKS = [
  '希望有关部门尽快处理。',
  '请相关部门管一管。',
  '市民要求尽快解决。',
  '希望给个答复。',
  '请尽快派人查看。',
  '影响居民正常生活，希望尽快解决。',
];
const PROBLEMS = ['问题严重', '没人处理', '情况反复出现', '影响出行', '存在安全隐患', '居民意见很大'];

const pick = <T>(xs: readonly T[], random: () => number): T => xs[Math.floor(random() * xs.length)] as T;

export function demandText(category: LeafCategory, communityName: string, random: () => number): string {
  const k1 = pick(category.keywords, random);
  const k2 = pick(category.keywords, random);
  const place = `${communityName.replace(/(社区|村)(（合成）)?$/, '')}${pick(PLACES, random)}${1 + Math.floor(random() * 30)}号楼`;
  const words = k1 === k2 ? k1 : `${k1}、${k2}`;
  return `${pick(OPENINGS, random)}${place}${pick(SPOTS, random)}${words}${pick(PROBLEMS, random)}，${pick(DURATIONS, random)}，${pick(ASKS, random)}`;
}

export const CALLER_SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
];
