import { LockOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import type { PatrolEntry } from '../grid-work/grid-work-api.ts';
import { CommunityMonthBar, useCommunities, useCommunityMonth } from './CommunityMonthBar.tsx';
import { mgmtKeys, type PatrolSheet, usePatrolSheet } from './grid-management-api.ts';

/**
 * 网格工作纪实表: a community's month with per-worker totals; the designated party secretary signs it
 * (the month is frozen from then on and shown read-only with the signature); Excel in the paper form's shape.
 */
export function PatrolSheetTab() {
  const { t } = useTranslation();
  const communities = useCommunities();
  const state = useCommunityMonth(communities.items);
  const sheet = usePatrolSheet(state.community, state.month);
  const [signing, setSigning] = useState(false);
  const f = (k: string) => t(`gridMgmt.patrol.fields.${k}`);
  const s = sheet.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <CommunityMonthBar
        communities={communities.items}
        loading={communities.loading}
        state={state}
        extra={
          state.community ? (
            <>
              {s?.maySign ? (
                <Button type="primary" onClick={() => setSigning(true)} data-testid="sheet-sign">
                  {t('gridMgmt.patrol.sign')}
                </Button>
              ) : null}
              <ExportButton
                path={`/api/patrol-sheets/${state.community}/${state.month}`}
                query={{ format: 'xlsx' }}
                testId="export-patrol-sheet"
              />
            </>
          ) : null
        }
      />
      {sheet.isError ? <ErrorResult error={sheet.error} onRetry={() => void sheet.refetch()} /> : null}
      {s ? <SheetState sheet={s} /> : null}
      <Table
        title={() => t('gridMgmt.patrol.totals')}
        rowKey="workerName"
        size="small"
        pagination={false}
        loading={sheet.isPending && Boolean(state.community)}
        dataSource={s?.totals ?? []}
        scroll={{ x: 480 }}
        columns={[
          { title: f('worker'), dataIndex: 'workerName' },
          { title: f('days'), dataIndex: 'days' },
          { title: f('hours'), dataIndex: 'hours' },
          { title: f('households'), dataIndex: 'householdsVisited' },
        ]}
      />
      <Table<PatrolEntry>
        rowKey="id"
        size="small"
        loading={sheet.isPending && Boolean(state.community)}
        dataSource={s?.entries ?? []}
        pagination={{ defaultPageSize: 31, hideOnSinglePage: true }}
        locale={{ emptyText: t('gridMgmt.patrol.empty') }}
        scroll={{ x: 720 }}
        data-testid="sheet-entries"
        columns={[
          { title: f('date'), dataIndex: 'date', width: 110 },
          { title: f('grid'), dataIndex: 'gridName' },
          { title: f('worker'), dataIndex: 'worker' },
          { title: f('hours'), dataIndex: 'hours', width: 90 },
          { title: f('households'), dataIndex: 'householdsVisited', width: 90 },
          { title: f('findings'), dataIndex: 'findings' },
        ]}
      />
      {signing && s ? <SignModal sheet={s} onClose={() => setSigning(false)} /> : null}
    </Space>
  );
}

function SheetState({ sheet }: { sheet: PatrolSheet }) {
  const { t } = useTranslation();
  const sig = sheet.signature;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>
          {sheet.streetName} · {sheet.community.name} · {sheet.month}
        </span>
        <Tag
          color={sheet.status === 'signed' ? 'green' : 'default'}
          icon={sheet.status === 'signed' ? <LockOutlined /> : undefined}
          data-testid="sheet-status"
          data-status={sheet.status}
        >
          {t(sheet.status === 'signed' ? 'gridMgmt.patrol.signed' : 'gridMgmt.patrol.open')}
        </Tag>
      </Space>
      {sig ? (
        <Alert
          type="success"
          showIcon
          icon={<LockOutlined />}
          data-testid="sheet-frozen"
          message={t('gridMgmt.patrol.frozen', {
            title: sig.title,
            name: sig.signedBy,
            at: formatTime(sig.signedAt),
          })}
          description={t('gridMgmt.patrol.opinionShown', { opinion: sig.opinion })}
        />
      ) : null}
      {sheet.intact === false ? <Alert type="error" showIcon message={t('gridMgmt.patrol.broken')} /> : null}
    </Space>
  );
}

function SignModal({ sheet, onClose }: { sheet: PatrolSheet; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ opinion: string }>();
  const sign = useMutation({
    mutationFn: (v: { opinion: string }) =>
      api<PatrolSheet>(`/api/patrol-sheets/${sheet.community.code}/${sheet.month}/sign`, {
        method: 'POST',
        body: v,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(mgmtKeys.sheet(sheet.community.code, sheet.month), data);
      void message.success(t('gridMgmt.saved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('gridMgmt.patrol.signTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('gridMgmt.patrol.sign')}
      confirmLoading={sign.isPending}
      okButtonProps={{ 'data-testid': 'sheet-sign-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={t('gridMgmt.patrol.signHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => sign.mutate(v)}>
        <Form.Item
          name="opinion"
          label={t('gridMgmt.patrol.opinion')}
          rules={[{ required: true, min: 2, message: t('gridMgmt.actions.minChars', { min: 2 }) }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t('gridMgmt.patrol.opinionHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
