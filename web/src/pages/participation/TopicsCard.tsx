import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, List, Progress, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Items } from '../../api/types.ts';
import { PostFormModal } from './PostFormModal.tsx';
import { codeList, type Topic, usePList } from './participation-api.ts';
import { CommunitySelect, PersonFields, StackedItem } from './shared.tsx';

/** 居民提议与议题: proposals, their supports and the threshold that makes them topics. */
export function TopicsCard() {
  const { t } = useTranslation();
  const topics = usePList<Items<Topic>>('/topics');
  const [open, setOpen] = useState(false);
  const [supporting, setSupporting] = useState<Topic | null>(null);
  return (
    <Card
      size="small"
      title={t('participation.consultation.topics')}
      extra={
        <Button
          type="primary"
          size="small"
          icon={<PlusOutlined />}
          onClick={() => setOpen(true)}
          data-testid="propose-topic"
        >
          {t('participation.consultation.propose')}
        </Button>
      }
    >
      <List
        size="small"
        loading={topics.isPending}
        dataSource={topics.data?.items ?? []}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        renderItem={(topic) => (
          <StackedItem
            actions={
              ['collecting', 'topic', 'scheduled'].includes(topic.status)
                ? [
                    <Button key="s" size="small" onClick={() => setSupporting(topic)}>
                      {t('participation.consultation.support')}
                    </Button>,
                  ]
                : []
            }
            title={
              <Space wrap size={4}>
                <span>{topic.title}</span>
                <Tag
                  color={
                    topic.status === 'collecting' ? 'gold' : topic.status === 'topic' ? 'blue' : 'default'
                  }
                >
                  {topic.statusName}
                </Tag>
              </Space>
            }
            description={
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <span className="jd-muted">
                  {topic.community.name} · {topic.proposerName ?? t('participation.consultation.fromProject')}{' '}
                  · {topic.code}
                </span>
                {topic.origin === 'resident' ? (
                  <Progress
                    size="small"
                    percent={Math.min(
                      100,
                      Math.round((100 * topic.supportCount) / Math.max(1, topic.supportThreshold)),
                    )}
                    format={() => `${topic.supportCount}/${topic.supportThreshold}`}
                  />
                ) : null}
              </Space>
            }
          />
        )}
      />
      <PostFormModal
        open={open}
        title={t('participation.consultation.propose')}
        onClose={() => setOpen(false)}
        toRequest={(v) => ({ path: '/topics', body: { ...v, demandCodes: codeList(v.demandCodes) } })}
      >
        <Form.Item name="communityCode" label={t('participation.community')} rules={[{ required: true }]}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('participation.consultation.topicTitle')}
          rules={[{ required: true, min: 4 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('participation.consultation.description')}
          rules={[{ required: true, min: 10 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="proposerName"
          label={t('participation.consultation.proposer')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="proposerPhone" label={t('participation.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="demandCodes" label={t('participation.consultation.demandCodes')}>
          <Input placeholder="JD2611…" />
        </Form.Item>
      </PostFormModal>
      <PostFormModal
        open={supporting !== null}
        title={`${t('participation.consultation.support')}：${supporting?.title ?? ''}`}
        onClose={() => setSupporting(null)}
        toRequest={(body) => ({ path: `/topics/${supporting?.id}/supports`, body })}
      >
        <PersonFields />
        <Form.Item name="household" label={t('participation.consultation.household')}>
          <Input maxLength={50} />
        </Form.Item>
      </PostFormModal>
    </Card>
  );
}
