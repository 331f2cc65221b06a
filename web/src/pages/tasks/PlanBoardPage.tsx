import { Badge, Card, Col, Empty, Input, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useBulletin, usePlan } from '../../api/task-queries.ts';
import type { Bulletin, TaskItem } from '../../api/task-types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ClampedText } from '../../components/ClampedText.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BOARD, BULLETIN_READERS, TaskStatusTag } from './rag.tsx';

function TaskCard({ task, accent }: { task: TaskItem; accent: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/tasks/item/${task.id}`}
      className="jd-task-card"
      data-testid="task-card"
      data-status={task.status}
    >
      <Card size="small" hoverable style={{ borderInlineStart: `4px solid ${accent}` }}>
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Typography.Text strong>
            {t('tasks.noN', { no: task.no })}
            {task.section ? <span className="jd-muted"> · {task.section}</span> : null}
          </Typography.Text>
          <ClampedText rows={2} title={task.content}>
            {task.content}
          </ClampedText>
          <span className="jd-muted">
            {t('tasks.lead')}：{task.lead.join('、') || '—'}
          </span>
          <Space wrap size={4}>
            <Tag>{task.deadline ?? t('tasks.noDeadline')}</Tag>
            <span className="jd-muted">{task.reason}</span>
          </Space>
        </Space>
      </Card>
    </Link>
  );
}

function BulletinView({ b }: { b: Bulletin }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="bulletin">
      <Card
        size="small"
        title={t('tasks.overdueTasks', { count: b.overdue.length })}
        extra={
          <ExportButton
            path={`/api/task-plans/${b.plan.id}/bulletin.xlsx`}
            size="small"
            label={t('tasks.exportBulletin')}
            testId="export-bulletin"
          />
        }
      >
        <Table
          rowKey="taskId"
          size="small"
          pagination={false}
          dataSource={b.overdue}
          columns={[
            { title: t('tasks.no'), dataIndex: 'no', width: 60 },
            { title: t('tasks.content'), dataIndex: 'content' },
            { title: t('tasks.deadline'), dataIndex: 'deadlineText', width: 120 },
            { title: t('tasks.daysOverdue'), dataIndex: 'daysOverdue', width: 90, align: 'right' },
            {
              title: t('tasks.pendingLeads'),
              dataIndex: 'pendingLeads',
              render: (v: string[]) => v.join('、'),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('tasks.unitRanking')}>
        <Table
          rowKey="unitCode"
          size="small"
          pagination={false}
          dataSource={b.ranking}
          columns={[
            { title: t('ranking.rank'), dataIndex: 'rank', width: 60 },
            { title: t('ranking.unit'), dataIndex: 'unitName' },
            { title: t('tasks.leadTasks'), dataIndex: 'leadTasks', width: 90, align: 'right' },
            { title: t('taskStatus.done'), dataIndex: 'done', width: 80, align: 'right' },
            { title: t('taskStatus.overdue'), dataIndex: 'overdue', width: 80, align: 'right' },
            { title: t('taskStatus.at_risk'), dataIndex: 'atRisk', width: 80, align: 'right' },
            {
              title: t('tasks.completionRate'),
              dataIndex: 'completionRate',
              width: 100,
              align: 'right',
              render: (v: number) => `${(v * 100).toFixed(0)}%`,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/**
 * 红黄绿看板: a plan's tasks in columns by status (逾期 red, 临期 yellow, 正常 green, 已完成), a
 * filter by unit or words, the table view, the bulletin (district-wide roles) and the Excel export.
 */
export default function PlanBoardPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const plan = usePlan(id);
  const [tab, setTab] = useState('board');
  const canBulletin = hasAnyRole(me, BULLETIN_READERS);
  const bulletin = useBulletin(id, canBulletin && tab === 'bulletin');
  const [q, setQ] = useState('');
  const tasks = useMemo(() => {
    const all = plan.data?.tasks ?? [];
    const needle = q.trim();
    if (!needle) return all;
    return all.filter(
      (x) =>
        x.content.includes(needle) ||
        x.lead.some((n) => n.includes(needle)) ||
        x.co.some((n) => n.includes(needle)) ||
        x.units.some((u) => u.unit?.name.includes(needle)),
    );
  }, [plan.data, q]);

  if (plan.isError) return <ErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  if (plan.isPending) return <Card loading />;
  const p = plan.data;

  return (
    <>
      <PageHeader
        title={p.title}
        sub={t('tasks.boardSub', { cadence: t(`planImport.${p.reportCadence}`), days: p.dueSoonDays })}
        extra={
          <Space wrap>
            <LinkButton to="/tasks">{t('planImport.back')}</LinkButton>
            <ExportButton path={`/api/task-plans/${p.id}/export.xlsx`} testId="export-plan" />
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="rag-summary">
        {BOARD.map((c) => (
          <Col xs={12} md={6} key={c.status}>
            <Card size="small" style={{ borderTop: `3px solid ${c.accent}` }}>
              <Space>
                <Badge color={c.accent} />
                <span>{t(`taskStatus.${c.status}`)}</span>
                <Typography.Text strong style={{ fontSize: 20 }} data-testid={`count-${c.status}`}>
                  {p.counts[c.status] ?? 0}
                </Typography.Text>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        tabBarExtraContent={
          tab === 'bulletin' ? null : (
            <Input.Search
              allowClear
              placeholder={t('tasks.filter')}
              aria-label={t('tasks.filter')}
              onChange={(e) => setQ(e.target.value)}
              style={{ width: 220 }}
            />
          )
        }
        items={[
          {
            key: 'board',
            label: t('tasks.board'),
            children: (
              <Row gutter={[12, 12]} data-testid="rag-board">
                {BOARD.map((c) => {
                  const items = tasks.filter((x) => x.status === c.status);
                  return (
                    <Col xs={24} md={12} xl={6} key={c.status}>
                      <section
                        aria-label={t(`taskStatus.${c.status}`)}
                        className="jd-board-col"
                        data-testid={`column-${c.status}`}
                        style={{ borderTop: `3px solid ${c.accent}` }}
                      >
                        <Typography.Title level={2} style={{ fontSize: 15, margin: '0 0 8px' }}>
                          {t(`taskStatus.${c.status}`)} · {items.length}
                        </Typography.Title>
                        {items.length === 0 ? (
                          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.none')} />
                        ) : (
                          <Space direction="vertical" size={8} style={{ width: '100%' }}>
                            {items.map((x) => (
                              <TaskCard key={x.id} task={x} accent={c.accent} />
                            ))}
                          </Space>
                        )}
                      </section>
                    </Col>
                  );
                })}
              </Row>
            ),
          },
          {
            key: 'list',
            label: t('tasks.list'),
            children: (
              <Table<TaskItem>
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: 900 }}
                dataSource={tasks}
                columns={[
                  { title: t('tasks.no'), dataIndex: 'no', width: 56 },
                  {
                    title: t('tasks.content'),
                    dataIndex: 'content',
                    render: (v: string, r) => <Link to={`/tasks/item/${r.id}`}>{v}</Link>,
                  },
                  {
                    title: t('tasks.lead'),
                    dataIndex: 'lead',
                    width: 180,
                    render: (v: string[]) => v.join('、'),
                  },
                  {
                    title: t('tasks.deadline'),
                    dataIndex: 'deadline',
                    width: 110,
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: t('tasks.status'),
                    dataIndex: 'status',
                    width: 220,
                    render: (_s, r) => (
                      <Space size={4} wrap>
                        <TaskStatusTag status={r.status} />
                        <span className="jd-muted">{r.reason}</span>
                      </Space>
                    ),
                  },
                  {
                    title: t('tasks.latest'),
                    dataIndex: 'latestProgress',
                    width: 220,
                    render: (v: TaskItem['latestProgress']) =>
                      v ? (
                        <ClampedText rows={1} title={v.text} style={{ maxWidth: 200 }}>
                          {v.unit}：{v.text}
                        </ClampedText>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            ),
          },
          ...(canBulletin
            ? [
                {
                  key: 'bulletin',
                  label: t('tasks.bulletin'),
                  children: bulletin.isError ? (
                    <ErrorResult error={bulletin.error} />
                  ) : bulletin.data ? (
                    <BulletinView b={bulletin.data} />
                  ) : (
                    <Card loading />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
