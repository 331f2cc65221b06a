import { z } from 'zod';
import { buildXlsx } from '../../core/export/xlsx.ts';
import { MaskedPerson, maskPerson, percent } from '../model.ts';
import { presentServedHours, type ServiceView } from '../party-members/present.ts';
import type { RegistrationRateReport } from './rate-report.ts';
import type { VolunteerRow, VolunteerServiceRow, VolunteerTeamRow } from './tables.ts';

/** A volunteer as lists and exports show them, with confirmed hours. */
export const VolunteerView = MaskedPerson.extend({
  id: z.string(),
  community: z.object({ code: z.string(), name: z.string() }),
  skills: z.string().nullable(),
  registeredOn: z.string(),
  leftOn: z.string().nullable(),
  active: z.boolean(),
  confirmedHours: z.number(),
});
export type VolunteerView = z.infer<typeof VolunteerView>;

/** A volunteer as lists and exports show them: name, phone and ID number masked. */
export function presentVolunteer(v: VolunteerRow, confirmedHours = 0): VolunteerView {
  return {
    id: v.id,
    ...maskPerson(v),
    community: { code: v.communityCode, name: v.communityName },
    skills: v.skills,
    registeredOn: v.registeredOn,
    leftOn: v.leftOn,
    active: v.active,
    confirmedHours: Math.round(confirmedHours * 10) / 10,
  };
}

/** A volunteer team with its member count. */
export const TeamView = z.object({
  id: z.string(),
  communityName: z.string(),
  name: z.string(),
  serviceType: z.string(),
  leaderId: z.string().nullable(),
  description: z.string().nullable(),
  memberCount: z.number(),
});

/** The allow-listed fields of a team. */
export function presentTeam(t: VolunteerTeamRow, memberCount: number): z.infer<typeof TeamView> {
  return {
    id: t.id,
    communityName: t.communityName,
    name: t.name,
    serviceType: t.serviceType,
    leaderId: t.leaderId,
    description: t.description,
    memberCount,
  };
}

/** A volunteer’s hours in the shared service-record shape. */
export function presentVolunteerService(s: VolunteerServiceRow): ServiceView {
  return {
    id: s.id,
    personId: s.volunteerId,
    title: s.title,
    kind: null,
    kindName: null,
    ...presentServedHours(s),
  };
}

const madeAt = () => `制表时间：${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`;

/** 志愿者花名册 (masked). */
export function volunteerRegisterXlsx(rows: VolunteerView[]): Promise<Buffer> {
  return buildXlsx({
    title: '社区志愿者花名册',
    subtitle: [madeAt(), '个人信息已脱敏'],
    columns: [
      { header: '社区', key: 'communityName', width: 22 },
      { header: '姓名', key: 'name', width: 10 },
      { header: '联系电话', key: 'phone', width: 14 },
      { header: '身份证号', key: 'idNumber', width: 22 },
      { header: '特长', key: 'skills', width: 20 },
      { header: '注册日期', key: 'registeredOn', width: 12 },
      { header: '累计服务时长(小时)', key: 'confirmedHours', width: 18 },
      { header: '状态', key: 'state', width: 14 },
    ],
    rows: rows.map((r) => ({
      ...r,
      communityName: r.community.name,
      state: r.active ? '在册' : `已注销（${r.leftOn}）`,
    })),
  });
}

/** 志愿者注册率统计表: every community against the profile's target, with the rule's source. */
export function registrationRateXlsx(report: RegistrationRateReport): Promise<Buffer> {
  return buildXlsx({
    title: '社区志愿者注册率统计表',
    subtitle: [
      `统计日：${report.asOf}　目标：不低于 ${percent(report.target)}`,
      `依据：${report.rule.source}（配置 ${report.rule.profileId}${report.rule.fellBackToGeneric ? '，通用配置补充' : ''}）`,
      madeAt(),
    ],
    columns: [
      { header: '街道', key: 'streetName', width: 16 },
      { header: '社区', key: 'communityName', width: 22 },
      { header: '常住人口', key: 'populationText', width: 12 },
      { header: '注册志愿者', key: 'volunteers' },
      { header: '注册率', key: 'rateText' },
      { header: '达标所需', key: 'required' },
      { header: '尚差', key: 'shortfall' },
      { header: '是否达标', key: 'meetsText' },
    ],
    rows: report.rows.map((r) => ({
      ...r,
      streetName: r.street.name,
      communityName: r.community.name,
      populationText:
        r.population === null ? '未登记' : `${r.population}${r.populationIsDemo ? '（演示值）' : ''}`,
      rateText: percent(r.rate),
      meetsText: r.meets === null ? '人口未登记' : r.meets ? '达标' : '未达标',
    })),
    footer: [
      `合计：人口 ${report.total.population ?? '—'}，注册志愿者 ${report.total.volunteers}，注册率 ${percent(report.total.rate)}；未达标社区 ${report.below} 个`,
    ],
  });
}
