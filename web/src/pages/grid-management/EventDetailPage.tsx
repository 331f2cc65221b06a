import { Card, Descriptions, Flex, Image, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EventActions } from './EventActions.tsx';
import { EventStatusTag } from './EventsTab.tsx';
import { type Attachment, type EventDetail, type EventStep, useEventDetail } from './grid-management-api.ts';

const STEP_COLOURS: Record<string, string> = {
  rework: 'red',
  rejected: 'gray',
  closed: 'green',
  verified: 'green',
};

/** One grid event: what was reported, where it stands, the closed loop's timeline and the caller's actions. */
export default function EventDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useEventDetail(id);
  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const e = detail.data;
  return (
    <>
      <PageHeader
        title={`${t('gridMgmt.tabs.events')} · ${e.code}`}
        sub={e.category.path}
        extra={<LinkButton to="/grid-management?tab=events">{t('gridMgmt.events.back')}</LinkButton>}
      />
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Facts event={e} />
        <EventActions event={e} />
        <Card size="small" title={t('gridMgmt.events.timeline')}>
          <Timeline
            data-testid="event-timeline"
            items={e.steps.map((s) => ({
              key: s.seq,
              color: STEP_COLOURS[s.type] ?? 'blue',
              children: (
                <div data-testid="event-step" data-type={s.type}>
                  <Typography.Text strong>
                    {t(`gridMgmt.steps.${s.type}`, { defaultValue: s.name })}
                  </Typography.Text>
                  <span className="jd-muted">
                    {' '}
                    · {formatTime(s.at)} · {s.actor}
                  </span>
                  {s.note ? <div>{s.note}</div> : null}
                  <Photos photos={stepEvidence(s)} testId="event-step-photo" />
                </div>
              ),
            }))}
          />
        </Card>
      </Space>
    </>
  );
}

function Facts({ event: e }: { event: EventDetail }) {
  const { t } = useTranslation();
  const f = (k: string) => t(`gridMgmt.events.fields.${k}`);
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={f('status')}>
          <Space size={4} wrap>
            <EventStatusTag event={e} />
            {e.overdue ? <Tag color="red">{t('gridMgmt.events.overdue')}</Tag> : null}
            {e.onSpot ? <Tag color="green">{t('gridMgmt.events.onSpot')}</Tag> : null}
            {e.extensionPending ? <Tag color="orange">{t('gridMgmt.events.extensionPending')}</Tag> : null}
            {e.reworkCount > 0 ? (
              <Tag color="volcano" data-testid="event-rework">
                {t('gridMgmt.events.reworkN', { count: e.reworkCount })}
              </Tag>
            ) : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={f('level')}>{t(`gridMgmt.events.levels.${e.level}`)}</Descriptions.Item>
        <Descriptions.Item label={f('owner')}>{e.owner?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f('handler')}>
          <span data-testid="event-handler">{e.handler?.name ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={f('dueAt')}>{formatTime(e.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={f('grid')}>{e.gridCode}</Descriptions.Item>
        <Descriptions.Item label={f('reporter')}>{e.reporter}</Descriptions.Item>
        <Descriptions.Item label={f('createdAt')}>{formatTime(e.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={f('address')}>{e.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={f('closedAt')}>{formatTime(e.closedAt)}</Descriptions.Item>
        {e.demand ? (
          <Descriptions.Item label={f('demand')}>
            <Link to={`/demands/${e.demand.id}`} data-testid="event-demand">
              {e.demand.code ?? e.demand.id}
            </Link>
          </Descriptions.Item>
        ) : null}
        {e.whistles.length > 0 ? (
          <Descriptions.Item label={f('whistles')}>
            <Flex gap={8} wrap>
              {e.whistles.map((w) => (
                <Link key={w.id} to={`/whistles/${w.id}`}>
                  {w.code} {w.title}
                </Link>
              ))}
            </Flex>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={f('description')} span={2}>
          {e.description}
        </Descriptions.Item>
        {e.photos.length > 0 ? (
          <Descriptions.Item label={f('photos')} span={2}>
            <Photos photos={e.photos} testId="event-photo" />
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

/** The evidence photos a step carries (处置反馈, 现场处置, 核查: `data.evidence`). */
const stepEvidence = (s: EventStep): Attachment[] =>
  Array.isArray(s.data.evidence) ? (s.data.evidence as Attachment[]) : [];

/** Thumbnails that open a preview (served only to those who may see the case). */
function Photos({ photos, testId }: { photos: Attachment[]; testId: string }) {
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap style={{ marginTop: 4 }}>
        {photos.map((p) => (
          <Image
            key={p.id}
            src={`/api/files/${p.id}`}
            alt={p.name}
            width={72}
            height={72}
            style={{ objectFit: 'cover' }}
            data-testid={testId}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
