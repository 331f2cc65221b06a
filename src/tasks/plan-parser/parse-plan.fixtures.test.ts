import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PlanTask } from './model.ts';
import { parsePlan } from './parse-plan.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/plans/${name}`, import.meta.url), 'utf8');

const task = (t: PlanTask): PlanTask => t;

describe('parsePlan on messier fixtures', () => {
  it('skips a web page and its issuing notice, reads full-width inline fields, stops at the footer', () => {
    const plan = parsePlan(fixture('web-page-boilerplate.txt'));
    expect(plan.title).toBe('示例区落实街道管理体制改革任务分解方案（2020—2021年）');
    expect(plan.warnings).toEqual([]);
    expect(plan.tasks).toEqual([
      task({
        no: 1,
        section: '一、加强党建引领',
        content: '健全街道党工委统筹协调机制，每季度召开一次辖区单位党建联席会。',
        lead: ['区委组织部'],
        co: ['各街道党工委'],
        deadline: '2020-12-31',
      }),
      task({
        no: 2,
        section: '一、加强党建引领',
        content: '推进“吹哨报到”改革，明确部门到街道报到的事项清单。',
        lead: ['区委组织部', '区委编办'],
        co: ['区政务服务局', '各街道'],
        deadline: '2020-06-30',
      }),
      task({
        no: 3,
        section: '二、强化服务功能',
        content: '建设街道综合便民服务中心，实现“一站式”服务。',
        lead: ['区政务服务局(区政府便民服务中心)'],
        co: [],
        deadline: '2021-06-30',
      }),
      task({
        no: 4,
        section: '二、强化服务功能',
        content: '完善社区养老服务设施，每个街道至少建成1个养老照料中心。',
        lead: ['区民政局'],
        co: ['区卫生健康委', '区财政局'],
        deadline: '2021-09-30',
      }),
      task({
        no: 5,
        section: '二、强化服务功能',
        content: '常态化开展“接诉即办”回访，群众满意率逐年提升。',
        lead: ['区政务服务局'],
        co: ['各街道'],
        deadline: null,
      }),
    ]);
  });

  it('re-joins PDF lines wrapped mid-sentence, mid-unit and across page numbers', () => {
    const plan = parsePlan(fixture('pdf-wrapped.txt'));
    expect(plan.title).toBe('示例区街道管理体制改革重点任务分工方案');
    expect(plan.warnings).toEqual(['第 4 项任务没有牵头单位 (task 4: no lead unit)']);
    expect(plan.tasks).toEqual([
      task({
        no: 1,
        section: '(一)加强街道统筹',
        content: '赋予街道对辖区重大事项的建议权，区直部门涉及街道的重大决策应当听取街道意见。',
        lead: ['区委编办'],
        co: ['区司法局', '区政府办公室'],
        deadline: '2020-09',
      }),
      task({
        no: 2,
        section: '(一)加强街道统筹',
        content: '建立街道吹哨、部门报到工作机制，明确报到时限和考核办法。',
        lead: ['区城管监督指挥中心', '区委组织部'],
        co: ['区人力资源社会保障局', '区财政局', '区应急局', '各街道'],
        deadline: '2020-12-31',
      }),
      task({
        no: 3,
        section: '(二)夯实社区基础',
        content: '推进社区减负，全面清理社区挂牌和证明事项，未经准入的事项社区有权拒绝。',
        lead: ['区民政局(区委社会工委)', '各街道'],
        co: [],
        deadline: '2021-12-31',
      }),
      task({
        no: 4,
        section: '(二)夯实社区基础',
        content: '完善社区工作者职业体系，落实薪酬待遇动态调整机制。',
        lead: [],
        co: ['区人力资源社会保障局', '区财政局'],
        deadline: '2021-06-30',
      }),
      task({
        no: 5,
        section: '(二)夯实社区基础',
        content: '加强网格员队伍建设，每个网格配备1名专职网格员。',
        lead: ['区委政法委'],
        co: [],
        deadline: null,
      }),
      task({
        no: 6,
        section: '(二)夯实社区基础',
        content: '推广“社区议事厅”做法，每年开展协商议事活动不少于4次。',
        lead: ['各街道'],
        co: ['区民政局(区委社会工委)', '区文化和旅游局'],
        deadline: '2015-03',
      }),
    ]);
  });

  it('keeps every numbered task and reports gaps, duplicates and unreadable fields', () => {
    const plan = parsePlan(fixture('numbering-problems.txt'));
    expect(plan.title).toBe('示例街道2021年重点工作任务清单');
    expect(plan.tasks.map((t) => t.no)).toEqual([1, 2, 4, 5, 5, 6]);
    expect(plan.tasks).toEqual([
      task({
        no: 1,
        section: null,
        content: '完成老旧小区综合整治，年内完成3、4号楼外立面改造。',
        lead: ['街道城建科'],
        co: ['街道财政所', '各社区'],
        deadline: '2021-10-31',
      }),
      task({
        no: 2,
        section: null,
        content: '建立“街巷长”制度，具体包括:(1)每条街巷明确一名街巷长;(2)街巷长每周巡查不少于2次。',
        lead: ['街道城管办'],
        co: [],
        deadline: '2021-06',
      }),
      task({ no: 4, section: null, content: '开展垃圾分类示范小区创建', lead: [], co: [], deadline: null }),
      task({
        no: 5,
        section: null,
        content: '推进“接诉即办”工作，提高响应率、解决率和满意率。（本项任务纳入年度绩效考核）',
        lead: ['街道接诉即办专班'],
        co: ['各社区'],
        deadline: null,
      }),
      task({
        no: 5,
        section: null,
        content: '组织开展社区消防安全隐患排查整治。',
        lead: ['街道安全科'],
        co: [],
        deadline: null,
      }),
      task({
        no: 6,
        section: null,
        content: '完善社区议事协商机制。',
        lead: ['各社区'],
        co: [],
        deadline: null,
      }),
    ]);
    expect(plan.warnings).toEqual([
      '任务编号重复：5 (duplicate task number: 5)',
      '任务编号不连续：缺少 3 (numbering gap: 3 missing)',
      '第 4 项任务没有牵头单位 (task 4: no lead unit)',
      '第 5 项任务的单位或时间之后还有文字，已并入任务内容：「（本项任务纳入年度绩效考核）」 (task 5: text after its fields added to its content)',
      '第 5 项任务的完成时间无法识别：「2021年13月」 (task 5: deadline not understood)',
      '最后一项任务之后的文字未计入任务：「各科室、各社区要高度重视，按时间节点完成各项任务。」 (text after the last task ignored)',
      '第 6 项任务的完成时间无法识别：「6月底前」 (task 6: deadline not understood)',
    ]);
  });
  it('skips an issuing notice with numbered items of its own, and numbered links after the plan', () => {
    const plan = parsePlan(fixture('notice-before-plan.txt'));
    expect(plan.title).toBe('示例区2021年街道工作要点');
    expect(plan.warnings).toEqual([]);
    expect(plan.tasks).toEqual([
      task({
        no: 1,
        section: '（一）党建引领',
        content: '深化“街乡吹哨、部门报到”。',
        lead: ['区委组织部', '各街道'],
        co: ['区民政局'],
        deadline: null,
      }),
      task({
        no: 2,
        section: '（一）党建引领',
        content: '加强社区治理，完善居民议事规则。',
        lead: ['区民政局'],
        co: [],
        deadline: '2021-12-31',
      }),
      task({
        no: 3,
        section: '（二）城市管理',
        content: '开展背街小巷整治，整治背街小巷不少于30条。',
        lead: ['区城管委'],
        co: ['区住建委', '各街道'],
        deadline: '2021-10',
      }),
    ]);
  });
});
