import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, List, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../api/queries.ts';
import type { Items } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RegisterMemberModal } from './PartyForms.tsx';
import { PostFormModal } from './PostFormModal.tsx';
import {
  COMMUNITY_STAFF,
  P,
  type PartyMember,
  pct,
  type ReportInRow,
  UNIT_RATE_READERS,
  UNIT_REGISTRARS,
  usePAction,
  usePList,
} from './participation-api.ts';
import { RecordServiceModal } from './RecordServiceModal.tsx';
import { CommunitySelect, PendingServices, RevealButton, StackedItem, Toolbar } from './shared.tsx';

const thisYear = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);

function ReportInCard() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [period, setPeriod] = useState(thisYear());
  const report = usePList<{ label: string; items: ReportInRow[] }>('/party-units/report-in', { period });
  const departments = useDepartments();
  const [open, setOpen] = useState(false);
  const y = Number(thisYear());
  const periods = [
    String(y),
    `${y}-H1`,
    `${y}-H2`,
    `${y}-Q1`,
    `${y}-Q2`,
    `${y}-Q3`,
    `${y}-Q4`,
    String(y - 1),
  ];
  return (
    <Card size="small" title={t('participation.party.reportIn')}>
      <Toolbar>
        <Select
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: p, label: p }))}
          style={{ width: 110 }}
        />
        <ExportButton path={`${P}/party-units/report-in`} query={{ period, format: 'xlsx' }} size="small" />
        {hasAnyRole(me, UNIT_REGISTRARS) ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('participation.party.registerUnit')}
          </Button>
        ) : null}
      </Toolbar>
      <Table<ReportInRow>
        size="small"
        rowKey={(r) => r.unit.code}
        loading={report.isPending}
        dataSource={report.data?.items ?? []}
        scroll={{ x: 640 }}
        pagination={false}
        columns={[
          { title: t('participation.party.unitShort'), render: (_, r) => r.unit.name },
          { title: t('participation.street'), render: (_, r) => r.street.name },
          { title: t('participation.party.declared'), dataIndex: 'declared' },
          { title: t('participation.party.registered'), dataIndex: 'registered' },
          {
            title: t('participation.party.rate'),
            render: (_, r) => <Tag color={r.overDeclared ? 'orange' : undefined}>{pct(r.reportInRate)}</Tag>,
          },
          { title: t('participation.party.serviceRate'), render: (_, r) => pct(r.serviceRate) },
          { title: t('participation.hours'), dataIndex: 'confirmedHours' },
          {
            title: t('participation.party.whistles'),
            render: (_, r) => `${r.whistleCheckedIn}/${r.whistleSummoned}`,
          },
        ]}
      />
      <PostFormModal
        open={open}
        title={t('participation.party.registerUnit')}
        onClose={() => setOpen(false)}
        toRequest={(body) => ({ path: '/party-units', body })}
        keepValues
      >
        <Form.Item name="unitCode" label={t('participation.party.unit')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="streetCode" label={t('participation.street')} rules={[{ required: true }]}>
          <CommunitySelect level="street" />
        </Form.Item>
        <Form.Item
          name="inServiceMembers"
          label={t('participation.party.declared')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Form.Item name="agreement" label={t('participation.party.agreement')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </PostFormModal>
    </Card>
  );
}

/** 在职党员双报到: the register, services waiting for confirmation, the units' report-in rates. */
export function PartyTab() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const [serving, setServing] = useState<PartyMember | null>(null);
  const members = usePList<Items<PartyMember>>('/party-members', { q: q || undefined });
  const deregister = usePAction<{ reason: string }>();
  const staff = hasAnyRole(me, COMMUNITY_STAFF);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('participation.party.members')}>
        <Toolbar>
          <Input.Search
            allowClear
            placeholder={t('participation.search')}
            onSearch={setQ}
            style={{ width: 160 }}
          />
          <ExportButton path={`${P}/party-members`} query={{ format: 'xlsx' }} size="small" />
          {staff ? (
            <Button
              type="primary"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setRegistering(true)}
              data-testid="register-member"
            >
              {t('participation.party.register')}
            </Button>
          ) : null}
        </Toolbar>
        <List
          size="small"
          loading={members.isPending}
          dataSource={members.data?.items ?? []}
          pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
          renderItem={(m) => (
            <StackedItem
              actions={[
                <RevealButton key="r" url={`${P}/party-members/${m.id}/reveal`} />,
                <Button key="s" size="small" type="link" onClick={() => setServing(m)}>
                  {t('participation.recordService')}
                </Button>,
                staff ? (
                  <Button
                    key="d"
                    size="small"
                    type="link"
                    danger
                    onClick={() => {
                      const reason = window.prompt(t('participation.party.leaveReason')) ?? '';
                      if (reason.trim().length >= 2)
                        deregister.mutate({ path: `/party-members/${m.id}/deregister`, body: { reason } });
                    }}
                  >
                    {t('participation.party.leave')}
                  </Button>
                ) : null,
              ]}
              title={
                <Space wrap size={4}>
                  <span>{m.name}</span>
                  <Tag color={m.kind === 'in_service' ? 'red' : 'default'}>{m.kindName}</Tag>
                  <span className="jd-muted">{m.phone ?? ''}</span>
                </Space>
              }
              description={`${m.community.name} · ${m.workUnit ?? '—'} · ${t('participation.registeredOn', { date: m.registeredOn })}`}
            />
          )}
        />
      </Card>
      <Card size="small" title={t('participation.pendingServices')}>
        <PendingServices path="/party-member-services" reviewPath="/party-member-services" />
      </Card>
      {/* a community has no units of its own to rate: the street, the district and the units do */}
      {hasAnyRole(me, UNIT_RATE_READERS) ? <ReportInCard /> : null}
      <RegisterMemberModal open={registering} onClose={() => setRegistering(false)} />
      <RecordServiceModal
        path={serving ? `/party-members/${serving.id}/services` : null}
        withKind
        onClose={() => setServing(null)}
      />
    </Space>
  );
}
