import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, List, Progress, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Items } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PostFormModal } from './PostFormModal.tsx';
import { COMMUNITY_STAFF, codeList, P, type Project, pct, usePList } from './participation-api.ts';
import { CommunitySelect, Toolbar } from './shared.tsx';

export const PROJECT_COLORS: Record<string, string> = {
  collecting: 'gold',
  consulting: 'gold',
  approving: 'orange',
  implementing: 'blue',
  completed: 'cyan',
  evaluated: 'green',
  rejected: 'default',
  cancelled: 'default',
};

/** A project as a list row: status, progress bar, satisfaction once evaluated. */
export function ProjectRow({ p }: { p: Project }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <List.Item.Meta
        title={
          <Space wrap size={4}>
            <Link to={`/participation/projects/${p.id}`}>{p.title}</Link>
            <Tag color={PROJECT_COLORS[p.status]}>{p.statusName}</Tag>
          </Space>
        }
        description={
          <Space direction="vertical" size={0} style={{ width: '100%' }}>
            <span className="jd-muted">
              {p.code} · {p.unit.name}
              {p.ownerUnitName ? ` · ${p.ownerUnitName}` : ''}
              {p.satisfaction !== null
                ? ` · ${t('participation.projects.satisfaction')} ${pct(p.satisfaction)}`
                : ''}
            </span>
            <Progress percent={p.progress} size="small" />
          </Space>
        }
      />
    </List.Item>
  );
}

/** 民意立项: the projects of the jurisdiction with their progress; the community collects new ones. */
export function ProjectsTab() {
  const { t } = useTranslation();
  const me = useMe().data;
  const list = usePList<Items<Project>>('/projects');
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" title={t('participation.projects.title')}>
      <Toolbar>
        <ExportButton path={`${P}/projects`} query={{ format: 'xlsx' }} size="small" />
        {hasAnyRole(me, COMMUNITY_STAFF) ? (
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('participation.projects.collect')}
          </Button>
        ) : null}
      </Toolbar>
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        renderItem={(p) => <ProjectRow p={p} />}
      />
      <PostFormModal
        open={open}
        title={t('participation.projects.collect')}
        onClose={() => setOpen(false)}
        toRequest={(v) => ({ path: '/projects', body: { ...v, demandCodes: codeList(v.demandCodes) } })}
      >
        <Form.Item name="unitCode" label={t('participation.community')} rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item name="title" label={t('participation.projects.name')} rules={[{ required: true, min: 4 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('participation.consultation.description')}
          rules={[{ required: true, min: 10 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="demandCodes" label={t('participation.consultation.demandCodes')}>
          <Input placeholder="JD2611…" />
        </Form.Item>
        <Form.Item name="budgetYuan" label={t('participation.projects.budget')}>
          <InputNumber min={0} style={{ width: 180 }} />
        </Form.Item>
      </PostFormModal>
    </Card>
  );
}
