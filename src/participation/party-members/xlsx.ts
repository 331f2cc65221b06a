import { buildXlsx } from '../../core/export/xlsx.ts';
import { percent } from '../model.ts';
import type { Period } from '../periods.ts';
import type { PartyMemberView, presentReportIn } from './present.ts';

const madeAt = () => `制表时间：${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`;

/** 在职党员到社区报到花名册: personal data masked, as every export. */
export function memberRegisterXlsx(rows: PartyMemberView[], scopeName: string): Promise<Buffer> {
  return buildXlsx({
    title: '党员到社区报到花名册',
    subtitle: [`范围：${scopeName}`, madeAt(), '个人信息已脱敏'],
    columns: [
      { header: '社区', key: 'communityName', width: 22 },
      { header: '姓名', key: 'name', width: 10 },
      { header: '联系电话', key: 'phone', width: 14 },
      { header: '身份证号', key: 'idNumber', width: 22 },
      { header: '类别', key: 'kindName', width: 12 },
      { header: '工作单位', key: 'workUnit', width: 30 },
      { header: '服务意向/特长', key: 'skills', width: 20 },
      { header: '报到日期', key: 'registeredOn', width: 12 },
      { header: '状态', key: 'state', width: 16 },
    ],
    rows: rows.map((r) => ({
      ...r,
      communityName: r.community.name,
      state: r.active ? '在册' : `已转出（${r.leftOn ?? ''}）`,
    })),
  });
}

/** 单位在职党员报到情况: the figures the street's assessment of units reads. */
export function reportInXlsx(rows: ReturnType<typeof presentReportIn>[], period: Period): Promise<Buffer> {
  return buildXlsx({
    title: '单位在职党员到社区报到情况统计表',
    subtitle: [`期间：${period.label}`, madeAt()],
    columns: [
      { header: '街道', key: 'streetName', width: 16 },
      { header: '单位', key: 'unitName', width: 34 },
      { header: '在职党员数', key: 'declared' },
      { header: '已报到', key: 'registered' },
      { header: '报到率', key: 'rate' },
      { header: '参与服务人数', key: 'serving' },
      { header: '服务率', key: 'srate' },
      { header: '确认服务时长(小时)', key: 'confirmedHours', width: 18 },
      { header: '吹哨召集/报到', key: 'whistle', width: 14 },
    ],
    rows: rows.map((r) => ({
      ...r,
      streetName: r.street.name,
      unitName: r.unit.name,
      rate: percent(r.reportInRate),
      srate: percent(r.serviceRate),
      whistle: `${r.whistleSummoned}/${r.whistleCheckedIn}`,
    })),
    footer: [
      '报到率 = 已在社区报到的在职党员 ÷ 单位申报的在职党员数；服务率 = 期内有经社区确认服务记录的党员 ÷ 已报到党员',
    ],
  });
}
