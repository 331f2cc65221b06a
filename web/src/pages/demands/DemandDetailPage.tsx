import { EyeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { demandKeys, useDemand, useDemandUnits } from '../../api/demand-queries.ts';
import type { DemandDetail } from '../../api/demand-types.ts';
import type { Role } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { DueTags, OPEN_STATUSES, StatusTag } from './labels.tsx';
import { DemandTimeline } from './Timeline.tsx';

/** src/demands/policy.ts revealCaller */
const REVEAL_ROLES: Role[] = [
  'hotline_operator',
  'district_admin',
  'street_dispatcher',
  'dept_handler',
  'community_worker',
];

/** 显示: the caller's full name, phone and address after a reason, which the server audits. */
function RevealButton({ demand }: { demand: DemandDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: (reason: string) =>
      api<DemandDetail>(`/api/demands/${demand.id}/reveal-caller`, { method: 'POST', body: { reason } }),
    onSuccess: (data) => {
      // shown now, not cached: leaving the page masks it again
      queryClient.setQueryData(demandKeys.detail(demand.id), data);
      void message.success(t('users.revealed'));
      setOpen(false);
    },
  });
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-caller">
        {t('users.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('demandDetail.revealTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={reveal.isPending}
        okText={t('users.reveal')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'reveal-confirm' } as Record<string, string>}
        destroyOnHidden
      >
        <p className="jd-muted">{t('users.revealReasonHint')}</p>
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => reveal.mutate(v.reason)}>
          <Form.Item
            name="reason"
            label={t('users.revealReason')}
            rules={[{ required: true, min: 2, message: t('users.revealReasonRequired') }]}
          >
            <Input autoFocus maxLength={200} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * 工单详情: what was asked, by whom (masked), where, the deadlines counting down, the timeline of
 * every step and the actions this person may take now.
 */
export default function DemandDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const q = useDemand(id);
  const units = useDemandUnits();
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  const d = q.data;
  const open = OPEN_STATUSES.includes(d.status);
  const owner = d.ownerUnitId ? units.byId.get(d.ownerUnitId)?.name : undefined;
  const canReveal = d.caller.masked && hasAnyRole(me, REVEAL_ROLES);
  return (
    <>
      <PageHeader
        title={t('demandDetail.title', { code: d.code })}
        sub={
          <Space wrap size={4}>
            <StatusTag status={d.status} />
            <DueTags dueState={d.dueState} escalated={d.escalated} />
            <span>{t(`channels.${d.channel}`, { defaultValue: d.channel })}</span>
          </Space>
        }
        extra={<LinkButton to="/demands">{t('demandDetail.back')}</LinkButton>}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('demandDetail.what')}>
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}
                data-testid="demand-content"
              >
                {d.urgency === 'urgent' ? <Tag color="red">{t('demands.urgent')}</Tag> : null}
                {d.content}
              </Typography.Paragraph>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
                bordered
                styles={{ label: { whiteSpace: 'nowrap', width: 88 } }}
              >
                <Descriptions.Item label={t('demands.type')}>{d.type}</Descriptions.Item>
                <Descriptions.Item label={t('demands.category')}>
                  {d.category?.name ?? t('demands.noCategory')}
                </Descriptions.Item>
                <Descriptions.Item label={t('demandDetail.caller')}>
                  <Space wrap size={4} data-testid="caller">
                    <span>{d.caller.name ?? t('common.none')}</span>
                    <span>{d.caller.phone ?? ''}</span>
                    {canReveal ? <RevealButton demand={d} /> : null}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('demandDetail.address')}>
                  <span data-testid="address">{d.address ?? t('common.none')}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('demands.createdAt')}>
                  {formatTime(d.createdAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('demands.owner')}>
                  <span data-testid="owner">{owner ?? t('common.none')}</span>
                </Descriptions.Item>
                {d.closedAt ? (
                  <Descriptions.Item label={t('demandDetail.closedAt')}>
                    {formatTime(d.closedAt)}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>
            <ActionPanel demand={d} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('demandDetail.deadlines')} data-testid="deadlines">
              <Space direction="vertical">
                <span>
                  {t('demandDetail.signDue')}：
                  <Countdown to={d.signDueAt} done={!open || d.status !== 'dispatched'} />
                </span>
                <span>
                  {t('demandDetail.handleDue')}：
                  <Countdown to={d.dueAt} done={!open || d.status === 'replied'} />
                  {d.deadlineProvisional && (
                    <Tooltip title={t('demandDetail.provisionalHint')}>
                      <Tag color="gold" style={{ marginInlineStart: 8 }} data-testid="deadline-provisional">
                        {t('demandDetail.provisional')}
                      </Tag>
                    </Tooltip>
                  )}
                </span>
              </Space>
            </Card>
            <Card size="small" title={t('demandDetail.timeline')}>
              <DemandTimeline events={d.events} units={units.byId} />
            </Card>
          </Space>
        </Col>
      </Row>
    </>
  );
}
