import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  beijingIso,
  COMMUNITY_STAFF,
  type MeetingDetail,
  usePAction,
  usePList,
} from './participation-api.ts';

const CATEGORIES = ['resident_rep', 'resident', 'party_member', 'unit', 'staff', 'other'] as const;

interface RecordForm {
  heldAt: string;
  minutes: string;
  attendance: { name: string; category: string; present: boolean }[];
  resolutions: {
    topicId: string;
    content: string;
    decision: 'adopted' | 'not_adopted';
    kind: 'project' | 'task';
    ownerName: string;
    dueWithinWorkingDays?: number;
  }[];
}

function RecordMeeting({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const record = usePAction<unknown>();
  const [form] = Form.useForm<RecordForm>();
  return (
    <Card size="small" title={t('participation.meeting.record')}>
      <Form<RecordForm>
        form={form}
        layout="vertical"
        initialValues={{
          attendance: [{ name: '', category: 'resident_rep', present: true }],
          resolutions: meeting.topics.map((topic) => ({
            topicId: topic.id,
            content: '',
            decision: 'adopted',
            kind: 'task',
            ownerName: '',
          })),
        }}
        onFinish={(v) =>
          record.mutate({
            path: `/meetings/${meeting.id}/record`,
            body: { ...v, heldAt: beijingIso(v.heldAt), resolutions: v.resolutions ?? [] },
          })
        }
      >
        <Form.Item name="heldAt" label={t('participation.meeting.heldAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t('participation.meeting.minutes')}
          rules={[{ required: true, min: 10 }]}
        >
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={20000} />
        </Form.Item>
        <Typography.Text strong>{t('participation.meeting.attendance')}</Typography.Text>
        <Form.List name="attendance">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, min: 2 }]}>
                    <Input placeholder={t('participation.name')} maxLength={30} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'category']}>
                    <Select
                      style={{ width: 130 }}
                      options={CATEGORIES.map((c) => ({
                        value: c,
                        label: t(`participation.meeting.categories.${c}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'present']} valuePropName="checked">
                    <Checkbox>{t('participation.meeting.present')}</Checkbox>
                  </Form.Item>
                  <MinusCircleOutlined
                    onClick={() => remove(f.name)}
                    aria-label={t('participation.remove')}
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ category: 'resident', present: true })}
                block
              >
                {t('participation.meeting.addAttendee')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph strong style={{ marginTop: 12 }}>
          {t('participation.meeting.resolutions')}
        </Typography.Paragraph>
        <Form.List name="resolutions">
          {(fields) =>
            fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                type="inner"
                title={meeting.topics[i]?.title}
                style={{ marginBottom: 8 }}
              >
                <Form.Item name={[f.name, 'content']} rules={[{ required: true, min: 4 }]}>
                  <Input.TextArea
                    placeholder={t('participation.meeting.resolutionContent')}
                    autoSize={{ minRows: 2 }}
                  />
                </Form.Item>
                <Space wrap>
                  <Form.Item name={[f.name, 'decision']}>
                    <Select
                      style={{ width: 120 }}
                      options={['adopted', 'not_adopted'].map((d) => ({
                        value: d,
                        label: t(`participation.meeting.decisions.${d}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']}>
                    <Select
                      style={{ width: 120 }}
                      options={['task', 'project'].map((k) => ({
                        value: k,
                        label: t(`participation.meeting.kinds.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerName']} rules={[{ required: true, min: 2 }]}>
                    <Input placeholder={t('participation.meeting.owner')} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueWithinWorkingDays']}>
                    <InputNumber
                      min={1}
                      max={250}
                      placeholder={t('participation.meeting.dueDays')}
                      style={{ width: 140 }}
                    />
                  </Form.Item>
                </Space>
              </Card>
            ))
          }
        </Form.List>
        <Button type="primary" htmlType="submit" loading={record.isPending} block>
          {t('participation.meeting.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** 议事会: the agenda, and the record (sign-in, minutes, one resolution per topic) or what it decided. */
export default function MeetingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const q = usePList<MeetingDetail>(`/meetings/${id ?? ''}`, {}, Boolean(id));
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  const m = q.data;
  return (
    <>
      <PageHeader
        title={m.title}
        sub={`${m.community.name} · ${m.kindName}`}
        extra={<LinkButton to="/participation/consultation">{t('participation.back')}</LinkButton>}
      />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('participation.consultation.plannedAt')}>
              {formatTime(m.plannedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('participation.consultation.place')}>
              {m.place ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('participation.meeting.status')}>
              <Tag>{t(`participation.consultation.meetingStatus.${m.status}`)}</Tag>
            </Descriptions.Item>
            {m.heldAt ? (
              <Descriptions.Item label={t('participation.meeting.heldAt')}>
                {formatTime(m.heldAt)}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <List
            size="small"
            header={t('participation.consultation.agenda')}
            dataSource={m.topics}
            renderItem={(topic) => (
              <List.Item>
                {topic.title} <Tag>{topic.statusName}</Tag>
              </List.Item>
            )}
          />
        </Card>
        {m.status === 'held' ? (
          <Card size="small" title={t('participation.meeting.minutes')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {t('participation.meeting.presentN', { n: m.presentCount })}：
              {m.attendance
                .filter((a) => a.present)
                .map((a) => a.name)
                .join('、')}
            </Typography.Paragraph>
            <List
              size="small"
              dataSource={m.resolutions}
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta
                    title={r.content}
                    description={
                      <Space wrap size={4}>
                        <Tag>{t(`participation.meeting.kinds.${r.kind}`)}</Tag>
                        <span>{r.ownerName}</span>
                        {r.dueOn ? <span>{t('participation.dueOn', { date: r.dueOn })}</span> : null}
                        {r.projectId ? (
                          <LinkButton size="small" type="link" to={`/participation/projects/${r.projectId}`}>
                            {t('participation.meeting.openProject')}
                          </LinkButton>
                        ) : null}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        ) : null}
        {m.status === 'scheduled' && hasAnyRole(me, COMMUNITY_STAFF) ? <RecordMeeting meeting={m} /> : null}
      </Space>
    </>
  );
}
