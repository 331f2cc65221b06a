import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DemandEvent } from '../../api/demand-types.ts';
import { formatTime } from '../../components/format.ts';

const COLOR: Record<string, string> = {
  created: 'blue',
  dispatched: 'blue',
  redispatched: 'blue',
  signed: 'cyan',
  contacted: 'cyan',
  replied: 'green',
  callback: 'green',
  closed: 'green',
  answered: 'green',
  refused: 'gray',
  returned: 'orange',
  return_approved: 'orange',
  return_rejected: 'orange',
  overdue: 'red',
  due_soon: 'orange',
  escalated: 'red',
  reopened: 'red',
  appealed: 'purple',
};

type Units = Map<string, { name: string }>;
const unitName = (v: unknown) => (v as { name?: string } | null | undefined)?.name;

/** The facts of an event worth a line: owner, deadline, reason, callback result… */
function Facts({ e, units }: { e: DemandEvent; units: Units }) {
  const { t } = useTranslation();
  const d = e.data;
  const parts: string[] = [];
  const owner = unitName(d.owner);
  if (owner) parts.push(t('timeline.owner', { name: owner }));
  const co = Array.isArray(d.coUnits) ? d.coUnits.map(unitName).filter(Boolean) : [];
  if (co.length > 0) parts.push(t('timeline.co', { names: co.join('、') }));
  const copied = e.type === 'copied' ? unitName(d.unit) : undefined;
  if (copied) parts.push(t('timeline.copiedTo', { name: copied }));
  if (e.type === 'co_added' && unitName(d.unit)) parts.push(t('timeline.co', { names: unitName(d.unit) }));
  if (typeof d.dueAt === 'string') parts.push(t('timeline.dueAt', { time: formatTime(d.dueAt) }));
  if (typeof d.newDueAt === 'string') parts.push(t('timeline.dueAt', { time: formatTime(d.newDueAt) }));
  if (typeof d.reasonText === 'string') parts.push(d.reasonText);
  if (e.type === 'callback') {
    if (d.reached === false) parts.push(t('timeline.notReached'));
    if (typeof d.resolved === 'boolean')
      parts.push(d.resolved ? t('timeline.resolved') : t('timeline.unresolved'));
    if (typeof d.satisfaction === 'string') parts.push(t(`satisfaction.${d.satisfaction}`));
    if (d.by === 'resident') parts.push(t('timeline.byResident'));
  }
  if (typeof d.workingDays === 'number') parts.push(t('timeline.workingDays', { days: d.workingDays }));
  if (typeof d.intoCode === 'string') parts.push(t('timeline.mergedInto', { code: d.intoCode }));
  const unit = e.unitId && !owner && !copied ? units.get(e.unitId)?.name : undefined;
  return (
    <>
      {unit ? <Tag>{unit}</Tag> : null}
      {parts.map((p) => (
        <Tag key={p} bordered={false}>
          {p}
        </Tag>
      ))}
      {Array.isArray(d.why) && d.why.length > 0 ? (
        <div className="jd-muted">{(d.why as string[]).join('；')}</div>
      ) : null}
    </>
  );
}

/** 办理过程: every event of the demand, oldest first, with who, when, the unit and the note. */
export function DemandTimeline({ events, units }: { events: DemandEvent[]; units: Units }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e) => ({
        key: e.seq,
        color: COLOR[e.type] ?? 'gray',
        children: (
          <div data-testid="timeline-event" data-type={e.type}>
            <div>
              <Typography.Text strong>{t(`events.${e.type}`, { defaultValue: e.type })}</Typography.Text>
              <span className="jd-muted" style={{ marginInlineStart: 8 }}>
                {formatTime(e.at)} · {e.actor === 'system' ? t('timeline.system') : e.actor}
              </span>
            </div>
            <Facts e={e} units={units} />
            {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
