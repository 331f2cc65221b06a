import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParsedPlanSchema, type PlanTask } from './model.ts';
import { parsePlan } from './parse-plan.ts';

const sample = (name: string): string =>
  readFileSync(new URL(`../../../../shared/samples/${name}`, import.meta.url), 'utf8');

const task = (t: PlanTask): PlanTask => t;

describe('parsePlan on the shared samples', () => {
  it('parses sample A (own-line fields, page numbers, a unit wrapped across lines) exactly', () => {
    const plan = parsePlan(sample('plan-sample-a.txt'));
    expect(ParsedPlanSchema.parse(plan)).toEqual(plan);
    expect(plan.title).toBe('示例区落实街道管理体制改革的任务分解方案（本文件为格式示例，内容虚构）');
    expect(plan.warnings).toEqual([]);
    expect(plan.tasks).toEqual([
      task({
        no: 1,
        section: '一、加强党建引领',
        content:
          '健全街道党工委议事规则，重大事项由街道党工委集体研究决定。建立街道“大工委”联席会议制度，每年召开不少于2次。',
        lead: ['区委组织部'],
        co: ['区民政局(区委社会工委)', '各街道党工委'],
        deadline: null,
      }),
      task({
        no: 2,
        section: '一、加强党建引领',
        content: '推动机关企事业单位在职党员到居住地社区报到，建立服务记录和反馈制度。',
        lead: ['区委组织部'],
        co: ['区直机关工委', '各街道'],
        deadline: null,
      }),
      task({
        no: 3,
        section: '二、理顺条块关系',
        content: '制定街道职责清单和行政事务准入清单，未列入清单的事项街道不作为责任主体。',
        lead: ['区委编办'],
        co: ['区司法局', '区政务服务局', '各街道'],
        deadline: null,
      }),
      task({
        no: 4,
        section: '二、理顺条块关系',
        content:
          '整合各类热线归集到12345，完善向街道、部门双向派单机制，以响应率、解决率、满意度为依据定期通报。',
        lead: ['区城管监督指挥中心'],
        co: ['区政府办公室', '各相关部门', '各街道'],
        deadline: null,
      }),
      task({
        no: 5,
        section: '二、理顺条块关系',
        content: '建立街道对职能部门派出机构的考核评价机制。',
        lead: ['区委组织部', '区人力资源社会保障局'],
        co: [],
        deadline: null,
      }),
      task({
        no: 6,
        section: '三、强化基层保障',
        content: '落实社区工作经费保障，按社区户数分档核拨。',
        lead: ['区财政局'],
        co: ['区民政局(区委社会工委)', '各街道'],
        deadline: null,
      }),
      task({
        no: 7,
        section: '三、强化基层保障',
        content: '推进社区网格“多网合一”，统一网格划分和网格员管理。',
        lead: ['区城市管理委'],
        co: ['区委政法委', '区应急局', '各街道'],
        deadline: null,
      }),
    ]);
  });

  it('parses sample B (inline bracketed fields, sections without tasks) exactly', () => {
    const plan = parsePlan(sample('plan-sample-b.txt'));
    expect(ParsedPlanSchema.parse(plan)).toEqual(plan);
    expect(plan.title).toBe('示例市社区治理改革实施方案（格式示例，内容虚构）');
    expect(plan.warnings).toEqual([]);
    expect(plan.tasks).toEqual([
      task({
        no: 1,
        section: '二、重点任务',
        content: '明确街道职能。制定街道工作职责清单，明确街道在统筹城市管理、组织公共服务方面的职责。',
        lead: ['市编办'],
        co: ['市民政局', '各区'],
        deadline: '2021-03',
      }),
      task({
        no: 2,
        section: '二、重点任务',
        content: '规范社区工作事项。建立社区工作准入制度，确需社区承办的事项实行费随事转。',
        lead: ['市民政局'],
        co: ['市委组织部', '市财政局', '各区'],
        deadline: '2021-06',
      }),
      task({
        no: 3,
        section: '二、重点任务',
        content: '完善考核办法。街道、社区考评中群众主观评价权重分别不低于50%、70%。',
        lead: ['各区'],
        co: [],
        deadline: '2020-12',
      }),
      task({
        no: 4,
        section: '二、重点任务',
        content: '建设智慧社区平台。整合市、区、街道信息化平台，规范社区电子台帐。',
        lead: ['市发改委'],
        co: ['市政务办', '市公安局', '市民政局', '各区'],
        deadline: '2021-12',
      }),
    ]);
  });
});

describe('parsePlan on small plans', () => {
  it('numbers tasks (1) (2) when the plan has no 1. numbering', () => {
    const plan = parsePlan(
      [
        '社区服务提升工作方案',
        '（1）建立社区服务清单。',
        '牵头单位：区民政局',
        '（2）推广社区“好邻居”项目。',
        '责任单位：各街道',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.no, t.content, t.lead])).toEqual([
      [1, '建立社区服务清单。', ['区民政局']],
      [2, '推广社区“好邻居”项目。', ['各街道']],
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('checks numbering per section when every section restarts at 1', () => {
    const plan = parsePlan(
      [
        '示例区年度重点任务分工',
        '一、党建',
        '1.任务甲。',
        '牵头单位:区委组织部',
        '2.任务乙。',
        '牵头单位:区委组织部',
        '二、治理',
        '1.任务丙。',
        '牵头单位:区民政局',
        '3.任务丁。',
        '牵头单位:区民政局',
      ].join('\n'),
    );
    expect(plan.tasks.map((t) => [t.no, t.section])).toEqual([
      [1, '一、党建'],
      [2, '一、党建'],
      [1, '二、治理'],
      [3, '二、治理'],
    ]);
    expect(plan.warnings).toEqual(['「二、治理」任务编号不连续：缺少 2 (numbering gap: 2 missing)']);
  });

  it('reports a numbering gap as a range, and disorder', () => {
    const plan = parsePlan(
      ['某某工作计划', '1.甲。牵头单位:区委办', '5.乙。牵头单位:区委办', '4.丙。牵头单位:区委办'].join('\n'),
    );
    expect(plan.tasks.map((t) => t.no)).toEqual([1, 5, 4]);
    expect(plan.warnings).toEqual([
      '任务编号顺序颠倒：4 出现在 5 之后 (task number 4 out of order, after 5)',
      '任务编号不连续：缺少 2–3 (numbering gap: 2–3 missing)',
    ]);
  });

  it('warns when there is no title or no task, and returns no invented task', () => {
    expect(parsePlan('')).toEqual({
      title: null,
      tasks: [],
      warnings: ['未找到方案标题 (no title found)', '未找到编号任务 (no numbered tasks found)'],
    });
    const plan = parsePlan('1.落实网格化管理。\n牵头单位:区城市管理委');
    expect(plan.title).toBeNull();
    expect(plan.tasks).toHaveLength(1);
    expect(plan.warnings).toEqual(['未找到方案标题 (no title found)']);
  });

  it('takes several 完成时间 phrases as the latest date, and 责任单位 as co-units after a lead', () => {
    const plan = parsePlan(
      [
        '示例区清单管理实施方案',
        '1.编制街道职责清单，2020年6月底前出台，2020年底前全面实施。（牵头单位：区委编办；责任单位：区司法局、各街道；完成时间：2020年6月底前出台，2020年底前全面实施）',
      ].join('\n'),
    );
    expect(plan.tasks[0]).toEqual({
      no: 1,
      section: null,
      content: '编制街道职责清单，2020年6月底前出台，2020年底前全面实施。',
      lead: ['区委编办'],
      co: ['区司法局', '各街道'],
      deadline: '2020-12-31',
    });
  });
});
