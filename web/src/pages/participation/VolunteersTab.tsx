import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, List, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Items } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PostFormModal } from './PostFormModal.tsx';
import {
  COMMUNITY_STAFF,
  P,
  pct,
  type RateReport,
  REPORT_READERS,
  type Team,
  usePList,
  type Volunteer,
} from './participation-api.ts';
import { RecordServiceModal } from './RecordServiceModal.tsx';
import {
  CommunitySelect,
  PendingServices,
  RegistrantFields,
  RevealButton,
  StackedItem,
  Toolbar,
} from './shared.tsx';

function RateCard() {
  const { t } = useTranslation();
  const report = usePList<RateReport>('/volunteers/registration-rate');
  const r = report.data;
  return (
    <Card
      size="small"
      title={t('participation.volunteers.rate')}
      loading={report.isPending}
      extra={
        <ExportButton path={`${P}/volunteers/registration-rate`} query={{ format: 'xlsx' }} size="small" />
      }
    >
      {r ? (
        <>
          <Alert
            type={r.below > 0 ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 8 }}
            message={t('participation.volunteers.target', { target: pct(r.target), below: r.below })}
            description={`${t('participation.source')}：${r.rule.source}${r.rule.fellBackToGeneric ? `（${t('participation.fromGeneric')}）` : ''}`}
          />
          <Table
            size="small"
            rowKey={(x) => x.community.code}
            dataSource={r.rows}
            scroll={{ x: 560 }}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            columns={[
              { title: t('participation.community'), render: (_, x) => x.community.name },
              {
                title: t('participation.volunteers.population'),
                render: (_, x) =>
                  x.population === null ? '—' : `${x.population}${x.populationIsDemo ? '*' : ''}`,
              },
              { title: t('participation.volunteers.count'), dataIndex: 'volunteers' },
              {
                title: t('participation.volunteers.rateShort'),
                render: (_, x) => (
                  <Tag color={x.meets === null ? 'default' : x.meets ? 'green' : 'red'}>{pct(x.rate)}</Tag>
                ),
              },
              { title: t('participation.volunteers.shortfall'), render: (_, x) => x.shortfall ?? '—' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

function TeamsCard({ volunteers }: { volunteers: Volunteer[] }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const teams = usePList<Items<Team>>('/volunteer-teams');
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={t('participation.volunteers.teams')}
      extra={
        hasAnyRole(me, COMMUNITY_STAFF) ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('participation.volunteers.newTeam')}
          </Button>
        ) : null
      }
    >
      <List
        size="small"
        loading={teams.isPending}
        dataSource={teams.data?.items ?? []}
        renderItem={(team) => (
          <List.Item>
            <List.Item.Meta
              title={team.name}
              description={`${team.communityName} · ${team.serviceType} · ${t('participation.volunteers.members', { n: team.memberCount })}`}
            />
          </List.Item>
        )}
      />
      <PostFormModal
        open={open}
        title={t('participation.volunteers.newTeam')}
        onClose={() => setOpen(false)}
        toRequest={(body) => ({ path: '/volunteer-teams', body })}
        keepValues
      >
        <Form.Item name="communityCode" label={t('participation.community')} rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('participation.volunteers.teamName')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="serviceType"
          label={t('participation.volunteers.serviceType')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('participation.volunteers.teamMembers')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={volunteers.map((v) => ({ value: v.id, label: `${v.name} · ${v.community.name}` }))}
          />
        </Form.Item>
      </PostFormModal>
    </Card>
  );
}

/** 志愿者: the registration rate against the profile's target, the register, teams, hours to confirm. */
export function VolunteersTab() {
  const { t } = useTranslation();
  const me = useMe().data;
  const list = usePList<Items<Volunteer>>('/volunteers');
  const [open, setOpen] = useState(false);
  const [hoursFor, setHoursFor] = useState<Volunteer | null>(null);
  const volunteers = list.data?.items ?? [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {hasAnyRole(me, REPORT_READERS) ? <RateCard /> : null}
      <Card size="small" title={t('participation.volunteers.register')}>
        <Toolbar>
          <ExportButton path={`${P}/volunteers`} query={{ format: 'xlsx' }} size="small" />
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('participation.volunteers.add')}
          </Button>
        </Toolbar>
        <List
          size="small"
          loading={list.isPending}
          dataSource={volunteers}
          pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
          renderItem={(v) => (
            <StackedItem
              actions={[
                <RevealButton key="r" url={`${P}/volunteers/${v.id}/reveal`} />,
                <Button key="h" type="link" size="small" onClick={() => setHoursFor(v)}>
                  {t('participation.recordService')}
                </Button>,
              ]}
              title={`${v.name} ${v.phone ?? ''}`}
              description={`${v.community.name} · ${t('participation.hoursN', { n: v.confirmedHours })} · ${t('participation.registeredOn', { date: v.registeredOn })}`}
            />
          )}
        />
      </Card>
      <TeamsCard volunteers={volunteers} />
      <Card size="small" title={t('participation.pendingServices')}>
        <PendingServices path="/volunteer-services" reviewPath="/volunteer-services" />
      </Card>
      <PostFormModal
        open={open}
        title={t('participation.volunteers.add')}
        onClose={() => setOpen(false)}
        toRequest={(body) => ({ path: '/volunteers', body })}
      >
        <RegistrantFields />
        <Form.Item name="skills" label={t('participation.party.skills')}>
          <Input maxLength={200} />
        </Form.Item>
      </PostFormModal>
      <RecordServiceModal
        path={hoursFor ? `/volunteers/${hoursFor.id}/services` : null}
        onClose={() => setHoursFor(null)}
      />
    </Space>
  );
}
