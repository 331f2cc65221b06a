import { App, Button, Card, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Items } from '../../../api/types.ts';
import { formatTime } from '../../../components/format.ts';
import { useLp, useLpAction } from '../lists-api.ts';
import { OverrideAudit } from './OverrideAudit.tsx';
import { OverrideModal } from './OverrideModal.tsx';
import { type ActivePolicy, type PolicyOverride, showValue } from './policy-types.ts';

interface ProfileSummary {
  id: string;
  name: string;
  version: number;
  effectiveFrom: string;
  description: string;
  active: boolean;
}

/**
 * The district admin's controls over the district's policy: which preset is active (audited, with a
 * reason), and single-rule overrides — each with the citation of the district's own document —
 * listed with who set them, removable, and their audit trail.
 */
export function PolicyAdmin({ policy }: { policy: ActivePolicy }) {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.admin.${k}`, o ?? {});
  const { modal } = App.useApp();
  const profiles = useLp<Items<ProfileSummary>>('/api/policy/profiles');
  const [profileId, setProfileId] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<PolicyOverride | null>(null);
  const activate = useLpAction<Record<string, unknown>>('PUT', { successText: l('activated') });
  const chosen = profiles.data?.items.find((p) => p.id === profileId);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={l('activateTitle')} data-testid="policy-activate">
        <Flex gap={8} wrap align="center">
          <Select
            value={profileId ?? policy.profileId}
            onChange={setProfileId}
            loading={profiles.isPending}
            style={{ minWidth: 320 }}
            aria-label={l('profile')}
            options={(profiles.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}（v${p.version}，${p.effectiveFrom}）${p.active ? ` · ${l('current')}` : ''}`,
            }))}
          />
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={l('reason')}
            maxLength={500}
            style={{ maxWidth: 320 }}
          />
          <Button
            type="primary"
            disabled={!profileId || profileId === policy.profileId}
            loading={activate.isPending}
            onClick={() =>
              modal.confirm({
                title: l('activateConfirm', { name: chosen?.name ?? profileId }),
                content: l('activateConfirmHint'),
                onOk: () =>
                  activate.mutateAsync({
                    path: '/api/policy/active',
                    body: { profileId, ...(reason.trim() ? { reason: reason.trim() } : {}) },
                  }),
              })
            }
          >
            {l('activate')}
          </Button>
        </Flex>
        {chosen ? (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {chosen.description}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card
        size="small"
        title={l('overridesTitle', { count: policy.overrides.length })}
        extra={
          <Button onClick={() => setEditing('')} data-testid="open-override">
            {l('addOverride')}
          </Button>
        }
      >
        <Table<PolicyOverride>
          rowKey="ruleKey"
          size="small"
          dataSource={policy.overrides}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="policy-overrides"
          locale={{ emptyText: l('noOverrides') }}
          columns={[
            {
              title: l('rule'),
              dataIndex: 'ruleKey',
              width: 240,
              render: (k: string) => <Typography.Text code>{k}</Typography.Text>,
            },
            { title: l('value'), dataIndex: 'value', width: 220, render: (v: unknown) => showValue(v) },
            { title: l('citation'), dataIndex: 'source' },
            {
              title: l('setBy'),
              width: 190,
              render: (_: unknown, o) => (
                <Space direction="vertical" size={0}>
                  <Tag>{o.setBy}</Tag>
                  <Typography.Text type="secondary">{formatTime(o.setAt)}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '',
              width: 130,
              render: (_: unknown, o) => (
                <Space>
                  <Button size="small" type="link" onClick={() => setEditing(o.ruleKey)}>
                    {l('edit')}
                  </Button>
                  <Button size="small" type="link" danger onClick={() => setRemoving(o)}>
                    {l('remove')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <OverrideAudit />
      </Card>
      <OverrideModal policy={policy} ruleKey={editing} onClose={() => setEditing(null)} />
      <RemoveOverrideModal override={removing} onClose={() => setRemoving(null)} />
    </Space>
  );
}

function RemoveOverrideModal({
  override,
  onClose,
}: {
  override: PolicyOverride | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.admin.${k}`, o ?? {});
  const [form] = Form.useForm();
  const remove = useLpAction('DELETE', { successText: l('removed') });
  return (
    <Modal
      open={override !== null}
      title={l('removeTitle', { key: override?.ruleKey ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true }}
      confirmLoading={remove.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{l('removeHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { reason?: string }) =>
          remove.mutate(
            {
              path: `/api/policy/overrides/${encodeURIComponent(override?.ruleKey ?? '')}`,
              query: { reason: v.reason },
            },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item name="reason" label={l('reason')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
