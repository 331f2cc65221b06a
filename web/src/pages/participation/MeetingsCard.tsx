import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, List, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Items } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import { PostFormModal } from './PostFormModal.tsx';
import {
  beijingIso,
  type CadenceReport,
  COMMUNITY_STAFF,
  type Meeting,
  monthOffset,
  P,
  type Topic,
  usePList,
} from './participation-api.ts';
import { CommunitySelect, Toolbar } from './shared.tsx';

const STATUS_COLOR: Record<string, string> = { met: 'green', missed: 'red', open: 'default' };

/** 议事协商会议: the list and calling a meeting with the topics ready for it. */
export function MeetingsCard() {
  const { t } = useTranslation();
  const me = useMe().data;
  const meetings = usePList<Items<Meeting>>('/meetings');
  const ready = usePList<Items<Topic>>('/topics', { status: 'topic' });
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={t('participation.consultation.meetings')}
      extra={
        hasAnyRole(me, COMMUNITY_STAFF) ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('participation.consultation.schedule')}
          </Button>
        ) : null
      }
    >
      <List
        size="small"
        loading={meetings.isPending}
        dataSource={meetings.data?.items ?? []}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/participation/meetings/${m.id}`}>{m.title}</Link>}
              description={
                <Space wrap size={4}>
                  <Tag color={m.status === 'held' ? 'green' : m.status === 'scheduled' ? 'blue' : 'default'}>
                    {t(`participation.consultation.meetingStatus.${m.status}`)}
                  </Tag>
                  <span>{m.kindName}</span>
                  <span>{m.community.name}</span>
                  <span className="jd-muted">{formatTime(m.heldAt ?? m.plannedAt)}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <PostFormModal
        open={open}
        title={t('participation.consultation.schedule')}
        onClose={() => setOpen(false)}
        initialValues={{ kind: 'deliberation', topicIds: [] }}
        toRequest={(v) => ({ path: '/meetings', body: { ...v, plannedAt: beijingIso(String(v.plannedAt)) } })}
      >
        <Form.Item name="communityCode" label={t('participation.community')} rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="kind" label={t('participation.consultation.kind')}>
          <Select
            options={['deliberation', 'coordination', 'hearing', 'evaluation'].map((k) => ({
              value: k,
              label: t(`participation.consultation.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('participation.consultation.meetingTitle')}
          rules={[{ required: true, min: 4 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="plannedAt"
          label={t('participation.consultation.plannedAt')}
          rules={[{ required: true }]}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="place" label={t('participation.consultation.place')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="topicIds" label={t('participation.consultation.agenda')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(ready.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.title}（${x.community.name}）`,
            }))}
          />
        </Form.Item>
      </PostFormModal>
    </Card>
  );
}

/** The cadence report: meetings per period against the profile's rule, misses named. */
export function CadenceCard() {
  const { t } = useTranslation();
  const [range, setRange] = useState({ from: `${monthOffset().slice(0, 4)}-01`, to: monthOffset() });
  const report = usePList<CadenceReport>('/consultation/cadence', range);
  const r = report.data;
  return (
    <Card size="small" title={t('participation.consultation.cadence')}>
      <Toolbar>
        <Input
          type="month"
          value={range.from}
          onChange={(e) => setRange({ ...range, from: e.target.value })}
          style={{ width: 140 }}
        />
        <Input
          type="month"
          value={range.to}
          onChange={(e) => setRange({ ...range, to: e.target.value })}
          style={{ width: 140 }}
        />
        <ExportButton path={`${P}/consultation/cadence`} query={{ ...range, format: 'xlsx' }} size="small" />
      </Toolbar>
      {r ? (
        <>
          <Alert
            showIcon
            style={{ marginBottom: 8 }}
            type={r.missing.length > 0 ? 'warning' : 'success'}
            message={
              r.missing.length > 0
                ? t('participation.consultation.missing', { n: r.missing.length })
                : t('participation.consultation.allMet')
            }
            description={`${t('participation.source')}：${r.rule.source}`}
          />
          <Table
            size="small"
            rowKey={(x) => x.community.code}
            dataSource={r.rows}
            scroll={{ x: 120 + 76 * r.periods.length }}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            columns={[
              {
                title: t('participation.community'),
                fixed: 'left',
                width: 120,
                render: (_, x) => x.community.name,
              },
              ...r.periods.map((p, i) => ({
                title: p.label,
                key: p.key,
                width: 76,
                render: (_: unknown, x: CadenceReport['rows'][number]) => {
                  const cell = x.periods[i];
                  return cell ? <Tag color={STATUS_COLOR[cell.status]}>{cell.held}</Tag> : null;
                },
              })),
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
