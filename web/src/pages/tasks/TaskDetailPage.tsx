import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  List,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { taskKeys, useTask } from '../../api/task-queries.ts';
import type { TaskDetail } from '../../api/task-types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TASK_REPORTERS, TASK_SUPERVISORS, TaskStatusTag } from './rag.tsx';

interface ProgressForm {
  period?: string;
  text: string;
  evidenceName?: string;
  evidenceRef?: string;
  done?: boolean;
}

function ProgressFormCard({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProgressForm>();
  const report = useMutation({
    mutationFn: (v: ProgressForm) =>
      api(`/api/tasks/${task.id}/progress`, {
        method: 'POST',
        body: {
          period: v.period || undefined,
          text: v.text,
          attachments: v.evidenceName && v.evidenceRef ? [{ name: v.evidenceName, ref: v.evidenceRef }] : [],
          done: v.done === true,
        },
      }),
    onSuccess: () => {
      void message.success(t('taskDetail.reported'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
  return (
    <Card size="small" title={t('taskDetail.report')} data-testid="progress-form">
      <Form<ProgressForm> form={form} layout="vertical" onFinish={(v) => report.mutate(v)}>
        <Form.Item
          name="text"
          label={t('taskDetail.progressText')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={10000} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="period"
            label={t('taskDetail.period')}
            rules={[{ pattern: /^\d{4}-((0[1-9]|1[0-2])|Q[1-4])$/, message: t('taskDetail.periodHint') }]}
          >
            <Input placeholder={t('taskDetail.periodHint')} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="evidenceName" label={t('taskDetail.evidenceName')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="evidenceRef" label={t('taskDetail.evidenceRef')}>
            <Input maxLength={1000} />
          </Form.Item>
        </Space>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox>{t('taskDetail.done')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={report.isPending}>
          {t('taskDetail.submitReport')}
        </Button>
      </Form>
    </Card>
  );
}

function CommentForm({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text: string }>();
  const comment = useMutation({
    mutationFn: (text: string) => api(`/api/tasks/${task.id}/comments`, { method: 'POST', body: { text } }),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: taskKeys.task(task.id) });
    },
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => comment.mutate(v.text)} data-testid="comment-form">
      <Form.Item
        name="text"
        label={t('taskDetail.comment')}
        rules={[{ required: true, message: t('users.required') }]}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
      </Form.Item>
      <Button htmlType="submit" loading={comment.isPending}>
        {t('taskDetail.addComment')}
      </Button>
    </Form>
  );
}

/** 任务详情: the task, its units (lead/co, done), reported progress, supervisors' comments and the forms. */
export default function TaskDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const q = useTask(id);
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  const task = q.data;
  return (
    <>
      <PageHeader
        title={t('taskDetail.title', { no: task.no })}
        sub={task.plan.title}
        extra={<LinkButton to={`/tasks/plans/${task.plan.id}`}>{t('taskDetail.back')}</LinkButton>}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small">
              <Typography.Paragraph style={{ fontSize: 15 }}>{task.content}</Typography.Paragraph>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
                bordered
                styles={{ label: { whiteSpace: 'nowrap', width: 88 } }}
              >
                <Descriptions.Item label={t('tasks.status')}>
                  <Space wrap size={4}>
                    <TaskStatusTag status={task.status} />
                    {task.reason !== task.statusName ? <span>{task.reason}</span> : null}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('tasks.deadline')}>
                  {task.deadline ?? t('tasks.noDeadline')}
                </Descriptions.Item>
                <Descriptions.Item label={t('tasks.section')}>{task.section ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('tasks.lead')}>{task.lead.join('、')}</Descriptions.Item>
                <Descriptions.Item label={t('tasks.co')} span={2}>
                  {task.co.join('、') || '—'}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('taskDetail.units')}>
              <Space wrap size={4}>
                {task.units.map((u) => (
                  <Tag
                    key={`${u.role}-${u.unit?.code ?? u.writtenName}`}
                    color={u.done ? 'green' : u.role === 'lead' ? 'blue' : 'default'}
                  >
                    {u.role === 'lead' ? t('taskDetail.leadShort') : t('taskDetail.coShort')}：
                    {u.unit?.name ?? `${u.writtenName}（${t('taskDetail.unmatched')}）`}
                    {u.done ? ` ✓` : ''}
                  </Tag>
                ))}
              </Space>
            </Card>
            {hasAnyRole(me, TASK_REPORTERS) ? <ProgressFormCard task={task} /> : null}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('taskDetail.progress')} data-testid="progress-list">
              {task.progress.length === 0 ? (
                <span className="jd-muted">{t('taskDetail.noProgress')}</span>
              ) : (
                <Timeline
                  items={task.progress.map((p) => ({
                    key: p.id,
                    color: p.done ? 'green' : 'blue',
                    children: (
                      <div>
                        <Typography.Text strong>
                          {p.unit} · {p.period}
                        </Typography.Text>
                        {p.done ? (
                          <Tag color="green" style={{ marginInlineStart: 6 }}>
                            {t('taskStatus.done')}
                          </Tag>
                        ) : null}
                        <div className="jd-muted">
                          {formatTime(p.reportedAt)} · {p.reportedBy}
                        </div>
                        <div style={{ whiteSpace: 'pre-wrap' }}>{p.text}</div>
                        {p.attachments.map((a) => (
                          <Tag key={a.ref}>{`${a.name}：${a.ref}`}</Tag>
                        ))}
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
            <Card size="small" title={t('taskDetail.comments')}>
              <List
                size="small"
                dataSource={task.comments}
                locale={{ emptyText: t('taskDetail.noComments') }}
                renderItem={(c) => (
                  <List.Item>
                    <List.Item.Meta title={`${c.author} · ${formatTime(c.createdAt)}`} description={c.text} />
                  </List.Item>
                )}
              />
              {hasAnyRole(me, TASK_SUPERVISORS) ? <CommentForm task={task} /> : null}
            </Card>
          </Space>
        </Col>
      </Row>
    </>
  );
}
