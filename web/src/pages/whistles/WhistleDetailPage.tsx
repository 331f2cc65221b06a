import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Modal,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from './StatusTag.tsx';
import { type Summons, type WhistleDetail, whistleKeys } from './whistles-api.ts';

type Dialog =
  | { kind: 'check_in'; summons: Summons }
  | { kind: 'record_action'; summons: Summons }
  | { kind: 'close' }
  | { kind: 'cancel' };

/** One whistle: the summoned units with their check-ins, the timeline, and each side's steps. */
export default function WhistleDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: whistleKeys.detail(id),
    queryFn: () => api<WhistleDetail>(`/api/whistles/${id}`),
  });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  if (detail.isError) return <ErrorResult error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const w = detail.data;
  const mayRespond = (s: Summons) => w.respondFor.includes(s.id);
  return (
    <>
      <PageHeader
        title={`${t('whistles.title')} · ${w.code}`}
        sub={w.title}
        extra={<LinkButton to="/whistles">{t('whistles.back')}</LinkButton>}
      />
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('whistles.fields.status')}>
              <StatusTag status={w.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('whistles.fields.blower')}>
              {w.blower}（{w.createdBy}）
            </Descriptions.Item>
            <Descriptions.Item label={t('whistles.fields.createdAt')}>
              {formatTime(w.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('whistles.fields.address')}>{w.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('whistles.fields.reportDueAt')}>
              {formatTime(w.reportDueAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('whistles.fields.actDueAt')}>
              {formatTime(w.actDueAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('whistles.fields.description')} span={2}>
              {w.description}
            </Descriptions.Item>
          </Descriptions>
          {w.allowedActions.includes('close') || w.allowedActions.includes('cancel') ? (
            <Flex gap={8} style={{ marginTop: 8 }}>
              {w.allowedActions.includes('close') ? (
                <Button
                  type="primary"
                  onClick={() => setDialog({ kind: 'close' })}
                  data-testid="whistle-close"
                >
                  {t('whistles.actions.close')}
                </Button>
              ) : null}
              {w.allowedActions.includes('cancel') ? (
                <Button danger onClick={() => setDialog({ kind: 'cancel' })} data-testid="whistle-cancel">
                  {t('whistles.actions.cancel')}
                </Button>
              ) : null}
            </Flex>
          ) : null}
        </Card>
        <Table<Summons>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={w.summons}
          scroll={{ x: 640 }}
          data-testid="summons-table"
          columns={[
            { title: t('whistles.summonsTable.name'), dataIndex: 'name' },
            {
              title: t('whistles.summonsTable.checkedInAt'),
              render: (_: unknown, s) => (
                <Space size={4} wrap>
                  <span data-testid="summons-checked-in" data-checked={s.checkedInAt ? '1' : '0'}>
                    {formatTime(s.checkedInAt)}
                  </span>
                  {s.late ? <Tag color="orange">{t('whistles.summonsTable.late')}</Tag> : null}
                  {s.noShow ? <Tag color="red">{t('whistles.summonsTable.noShow')}</Tag> : null}
                  {s.checkedInAt && !s.late ? (
                    <Tag color="green">{t('whistles.summonsTable.onTime')}</Tag>
                  ) : null}
                </Space>
              ),
            },
            { title: t('whistles.summonsTable.actions'), dataIndex: 'actionCount' },
            {
              title: t('whistles.summonsTable.rating'),
              render: (_: unknown, s) =>
                s.rating ? `${s.rating.score}${s.rating.comment ? ` · ${s.rating.comment}` : ''}` : '—',
            },
            {
              title: '',
              render: (_: unknown, s) =>
                mayRespond(s) ? (
                  s.checkedInAt ? (
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'record_action', summons: s })}
                      data-testid="whistle-record"
                    >
                      {t('whistles.actions.record_action')}
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDialog({ kind: 'check_in', summons: s })}
                      data-testid="whistle-check-in"
                    >
                      {t('whistles.actions.check_in')}
                    </Button>
                  )
                ) : null,
            },
          ]}
        />
        <Card size="small" title={t('whistles.timeline')}>
          <Timeline
            data-testid="whistle-timeline"
            items={w.steps.map((s) => ({
              key: s.seq,
              children: (
                <div data-testid="whistle-step" data-type={s.type}>
                  <Typography.Text strong>{s.name}</Typography.Text>{' '}
                  <span className="jd-muted">
                    {formatTime(s.at)} · {s.actor}
                  </span>
                  {s.note ? <div>{s.note}</div> : null}
                </div>
              ),
            }))}
          />
        </Card>
      </Space>
      {dialog ? <ActionDialog whistle={w} dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

function ActionDialog({
  whistle,
  dialog,
  onClose,
}: {
  whistle: WhistleDetail;
  dialog: Dialog;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [scores, setScores] = useState<Record<string, { score: number | null; comment: string }>>(() =>
    Object.fromEntries(whistle.summons.map((s) => [s.id, { score: s.checkedInAt ? 90 : 60, comment: '' }])),
  );
  const body = () => {
    switch (dialog.kind) {
      case 'check_in':
        return { kind: 'check_in', summonsId: dialog.summons.id, note: text.trim() || null };
      case 'record_action':
        return { kind: 'record_action', summonsId: dialog.summons.id, text };
      case 'close':
        return {
          kind: 'close',
          summary: text,
          ratings: whistle.summons.map((s) => ({
            summonsId: s.id,
            score: scores[s.id]?.score ?? 0,
            comment: scores[s.id]?.comment.trim() || null,
          })),
        };
      case 'cancel':
        return { kind: 'cancel', reason: text };
    }
  };
  const act = useMutation({
    mutationFn: () => api(`/api/whistles/${whistle.id}/actions`, { method: 'POST', body: body() }),
    onSuccess: async () => {
      void message.success(t('whistles.saved'));
      await queryClient.invalidateQueries({ queryKey: whistleKeys.all });
      onClose();
    },
    onError: (err) => notification.error({ message: t('whistles.failed'), description: errorText(t, err) }),
  });
  const label =
    dialog.kind === 'check_in'
      ? t('whistles.checkInNote')
      : dialog.kind === 'record_action'
        ? t('whistles.actionText')
        : dialog.kind === 'close'
          ? t('whistles.summary')
          : t('whistles.reason');
  const needsText = dialog.kind !== 'check_in';
  return (
    <Modal
      open
      title={`${t(`whistles.actions.${dialog.kind}`)}${'summons' in dialog ? ` · ${dialog.summons.name}` : ''}`}
      onCancel={onClose}
      onOk={() => act.mutate()}
      okText={t(`whistles.actions.${dialog.kind}`)}
      okButtonProps={{
        loading: act.isPending,
        disabled: needsText && text.trim().length < 2,
        'data-testid': 'whistle-action-submit',
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={label}
          placeholder={label}
        />
        {dialog.kind === 'close'
          ? whistle.summons.map((s) => (
              <Flex key={s.id} gap={8} align="center" wrap>
                <span style={{ minWidth: 120 }}>{s.name}</span>
                <InputNumber
                  min={0}
                  max={100}
                  value={scores[s.id]?.score ?? null}
                  onChange={(v) =>
                    setScores((m) => ({ ...m, [s.id]: { comment: m[s.id]?.comment ?? '', score: v } }))
                  }
                  aria-label={`${t('whistles.score')} ${s.name}`}
                />
                <Input
                  style={{ flex: '1 1 160px' }}
                  value={scores[s.id]?.comment ?? ''}
                  placeholder={t('whistles.comment')}
                  onChange={(e) =>
                    setScores((m) => ({
                      ...m,
                      [s.id]: { score: m[s.id]?.score ?? null, comment: e.target.value },
                    }))
                  }
                />
              </Flex>
            ))
          : null}
      </Space>
    </Modal>
  );
}
