import type { SchemeInput } from '../../src/assessment/model.ts';
import type { App } from '../../src/http/server.ts';

export { act, call, pointIn } from '../demands/helpers.ts';

/** A request whose failure is the point: status and parsed body. */
export async function attempt(
  app: App,
  cookie: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.json() };
}

/**
 * A monthly street scheme: residents' evaluation (12345 satisfaction and a survey) weighted
 * `residents`, the district's evaluation of the work (response, grid events, tasks) the rest.
 */
export const streetScheme = (residents: number, period: SchemeInput['period'] = 'month'): SchemeInput => ({
  name: '街道综合考核',
  evaluatedKind: 'street',
  period,
  nodes: [
    {
      kind: 'group',
      key: 'residents',
      name: '居民评价',
      weight: residents,
      evaluator: 'residents',
      children: [
        {
          kind: 'indicator',
          key: 'satisfaction',
          name: '12345满意率',
          weight: 0.4,
          source: 'demands.satisfaction_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'survey',
          name: '居民满意度调查',
          weight: 0.6,
          source: 'entered.survey',
          scoring: { type: 'rate' },
        },
      ],
    },
    {
      kind: 'group',
      key: 'work',
      name: '工作实绩',
      weight: Math.round((1 - residents) * 1e9) / 1e9,
      evaluator: 'district',
      children: [
        {
          kind: 'indicator',
          key: 'response',
          name: '12345响应率',
          weight: 0.2,
          source: 'demands.response_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'resolution',
          name: '12345解决率',
          weight: 0.2,
          source: 'demands.resolution_rate',
          scoring: {
            type: 'thresholds',
            bands: [
              { atLeast: 0.9, score: 100 },
              { atLeast: 0.6, score: 80 },
              { atLeast: 0, score: 60 },
            ],
          },
        },
        {
          kind: 'indicator',
          key: 'grid_close',
          name: '网格事件结案率',
          weight: 0.3,
          source: 'grid_events.close_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'tasks',
          name: '督办任务完成率',
          weight: 0.3,
          source: 'tasks.completion_rate',
          scoring: { type: 'rate' },
        },
      ],
    },
  ],
});

/**
 * A monthly department scheme: the streets' evaluation (whistle check-ins and ratings) 40 %,
 * residents (三率 composite) 30 %, the district (tasks, grid events handled) 30 %.
 */
export const departmentScheme = (streets = 0.4, period: SchemeInput['period'] = 'month'): SchemeInput => ({
  name: '区职能部门考核',
  evaluatedKind: 'department',
  period,
  nodes: [
    {
      kind: 'group',
      key: 'streets',
      name: '街道评价',
      weight: streets,
      evaluator: 'street',
      children: [
        {
          kind: 'indicator',
          key: 'on_time',
          name: '吹哨报到按时报到率',
          weight: 0.5,
          source: 'whistles.on_time_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'rating',
          name: '吹哨方评价',
          weight: 0.5,
          source: 'whistles.rating',
          scoring: { type: 'rate' },
        },
      ],
    },
    {
      kind: 'group',
      key: 'people',
      name: '群众评价',
      weight: 0.3,
      evaluator: 'residents',
      children: [
        {
          kind: 'indicator',
          key: 'composite',
          name: '12345三率综合',
          weight: 1,
          source: 'demands.composite',
          scoring: { type: 'rate' },
        },
      ],
    },
    {
      kind: 'group',
      key: 'duty',
      name: '履职情况',
      weight: Math.round((0.7 - streets) * 1e9) / 1e9,
      evaluator: 'district',
      children: [
        {
          kind: 'indicator',
          key: 'tasks',
          name: '督办任务完成率',
          weight: 0.5,
          source: 'tasks.completion_rate',
          scoring: { type: 'rate' },
        },
        {
          kind: 'indicator',
          key: 'rework',
          name: '网格事件返工率',
          weight: 0.5,
          source: 'grid_events.rework_rate',
          scoring: { type: 'inverse_rate' },
        },
      ],
    },
  ],
});
