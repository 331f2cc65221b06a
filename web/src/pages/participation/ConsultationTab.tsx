import { Button, Card, Checkbox, Form, Input, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Items } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { CadenceCard, MeetingsCard } from './MeetingsCard.tsx';
import { PostFormModal } from './PostFormModal.tsx';
import { P, REPORT_READERS, type Resolution, usePList } from './participation-api.ts';
import { StackedItem } from './shared.tsx';
import { TopicsCard } from './TopicsCard.tsx';

function ResolutionsCard() {
  const { t } = useTranslation();
  const list = usePList<Items<Resolution>>('/resolutions', { status: 'open,in_progress' });
  const [target, setTarget] = useState<Resolution | null>(null);
  return (
    <Card
      size="small"
      title={t('participation.consultation.resolutions')}
      extra={<ExportButton path={`${P}/resolutions`} query={{ format: 'xlsx' }} size="small" />}
    >
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('participation.consultation.noOpen') }}
        renderItem={(r) => (
          <StackedItem
            actions={[
              <Button key="f" size="small" onClick={() => setTarget(r)}>
                {t('participation.consultation.followUp')}
              </Button>,
            ]}
            title={r.content}
            description={
              <Space wrap size={4}>
                {r.overdue ? <Tag color="red">{t('participation.overdue')}</Tag> : null}
                <Tag>{t(`participation.consultation.resolutionStatus.${r.status}`)}</Tag>
                <span>{r.communityName}</span>
                <span>
                  {r.ownerUnitName} · {r.ownerName}
                </span>
                {r.dueOn ? <span>{t('participation.dueOn', { date: r.dueOn })}</span> : null}
                {r.followUps.at(-1) ? <span className="jd-muted">{r.followUps.at(-1)?.note}</span> : null}
              </Space>
            }
          />
        )}
      />
      <PostFormModal
        open={target !== null}
        title={t('participation.consultation.followUp')}
        onClose={() => setTarget(null)}
        initialValues={{ done: false }}
        toRequest={(body) => ({ path: `/resolutions/${target?.id}/follow-ups`, body })}
      >
        <Form.Item
          name="note"
          label={t('participation.consultation.progressNote')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        {target?.kind === 'task' ? (
          <Form.Item name="done" valuePropName="checked">
            <Checkbox>{t('participation.consultation.done')}</Checkbox>
          </Form.Item>
        ) : null}
      </PostFormModal>
    </Card>
  );
}

/** 议事协商: proposals and supports, meetings, resolutions to follow up, the cadence report. */
export function ConsultationTab() {
  const me = useMe().data;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <TopicsCard />
      <MeetingsCard />
      <ResolutionsCard />
      {hasAnyRole(me, REPORT_READERS) ? <CadenceCard /> : null}
    </Space>
  );
}
