import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, List, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { ClampedText } from '../../components/ClampedText.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { type GridEvent, gridKeys, useMyEvents } from './grid-work-api.ts';

/** 我的事件: the events the worker reported, and 待我核查 for the disposed ones. */
export function MineTab() {
  const { t } = useTranslation();
  const events = useMyEvents();
  const [verifying, setVerifying] = useState<GridEvent | null>(null);
  if (events.isError) return <ErrorResult error={events.error} onRetry={() => void events.refetch()} />;
  if (events.isPending) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const toVerify = events.data.filter((e) => e.status === 'disposed');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {toVerify.length > 0 ? (
        <Card size="small" title={t('gridWork.mine.toVerify')} data-testid="to-verify">
          <EventList items={toVerify} onVerify={setVerifying} />
        </Card>
      ) : null}
      <Card size="small" title={t('gridWork.mine.all')}>
        <EventList items={events.data} />
      </Card>
      {verifying ? <VerifyModal event={verifying} onClose={() => setVerifying(null)} /> : null}
    </Space>
  );
}

function EventList({ items, onVerify }: { items: GridEvent[]; onVerify?: (e: GridEvent) => void }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('gridWork.mine.empty')} />;
  return (
    <List
      dataSource={items}
      data-testid="my-events"
      renderItem={(e) => (
        <List.Item
          key={e.id}
          data-testid="my-event"
          data-code={e.code}
          actions={
            onVerify
              ? [
                  <Button key="verify" type="primary" size="small" onClick={() => onVerify(e)}>
                    {t('gridWork.mine.verifyPass')}/{t('gridWork.mine.verifyFail')}
                  </Button>,
                ]
              : undefined
          }
        >
          <div style={{ minWidth: 0, width: '100%' }}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text strong>{e.code}</Typography.Text>
              <Tag
                color={e.overdue ? 'red' : e.status === 'closed' ? 'green' : 'blue'}
                data-status={e.status}
              >
                {e.statusName}
              </Tag>
            </Flex>
            <div className="jd-muted">{e.category.path}</div>
            <ClampedText rows={2} title={e.description} style={{ margin: '4px 0' }}>
              {e.description}
            </ClampedText>
            <Flex gap={8} wrap className="jd-muted" style={{ fontSize: 12 }}>
              <span>{new Date(e.createdAt).toLocaleString()}</span>
              {e.photos.length > 0 ? (
                <span>{t('gridWork.mine.photos', { count: e.photos.length })}</span>
              ) : null}
              {e.handler ? <span>{t('gridWork.mine.handler', { name: e.handler.name })}</span> : null}
              {e.dueAt ? (
                <span>{t('gridWork.mine.due', { date: new Date(e.dueAt).toLocaleString() })}</span>
              ) : null}
            </Flex>
          </div>
        </List.Item>
      )}
    />
  );
}

function VerifyModal({ event, onClose }: { event: GridEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const { notification, message } = App.useApp();
  const queryClient = useQueryClient();
  const [passed, setPassed] = useState(true);
  const [note, setNote] = useState('');
  const verify = useMutation({
    mutationFn: () =>
      api(`/api/grid-events/${event.id}/actions`, {
        method: 'POST',
        body: { kind: 'verify', passed, note: note.trim() || null },
      }),
    onSuccess: async () => {
      void message.success(t('gridWork.saved'));
      await queryClient.invalidateQueries({ queryKey: gridKeys.mine });
      onClose();
    },
    onError: (err) => notification.error({ message: t('gridWork.failed'), description: errorText(t, err) }),
  });
  return (
    <Modal
      open
      title={event.code}
      onCancel={onClose}
      okText={t('gridWork.mine.confirm')}
      onOk={() => verify.mutate()}
      okButtonProps={{ loading: verify.isPending, disabled: !passed && note.trim().length < 2 }}
    >
      <Typography.Paragraph>{event.description}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Flex gap={8}>
          <Button type={passed ? 'primary' : 'default'} onClick={() => setPassed(true)}>
            {t('gridWork.mine.verifyPass')}
          </Button>
          <Button danger={!passed} type={passed ? 'default' : 'primary'} onClick={() => setPassed(false)}>
            {t('gridWork.mine.verifyFail')}
          </Button>
        </Flex>
        {passed ? null : (
          <Input.TextArea
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('gridWork.mine.failReasonHint')}
            aria-label={t('gridWork.mine.failReason')}
          />
        )}
      </Space>
    </Modal>
  );
}
