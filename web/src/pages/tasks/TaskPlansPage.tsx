import { ImportOutlined, LinkOutlined } from '@ant-design/icons';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePlans } from '../../api/task-queries.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TASK_SUPERVISORS } from './rag.tsx';

/** 督查督办: the imported plans with their red/yellow/green counts; supervisors import and map names. */
export default function TaskPlansPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const plans = usePlans();
  const supervisor = hasAnyRole(me, TASK_SUPERVISORS);
  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        extra={
          supervisor ? (
            <Space wrap>
              <LinkButton to="/tasks/unit-names" icon={<LinkOutlined />}>
                {t('tasks.unitNames')}
              </LinkButton>
              <LinkButton
                type="primary"
                to="/tasks/import"
                icon={<ImportOutlined />}
                data-testid="import-plan"
              >
                {t('tasks.import')}
              </LinkButton>
            </Space>
          ) : null
        }
      />
      {plans.isError ? (
        <ErrorResult error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <Card size="small" loading={plans.isPending}>
          {plans.data?.length === 0 ? (
            <Empty description={supervisor ? t('tasks.noPlansSupervisor') : t('tasks.noPlans')} />
          ) : (
            <List
              dataSource={plans.data ?? []}
              data-testid="plan-list"
              renderItem={(p) => (
                <List.Item
                  actions={[
                    <ExportButton key="x" path={`/api/task-plans/${p.id}/export.xlsx`} size="small" />,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Link to={`/tasks/plans/${p.id}`} data-testid="plan-link">
                        {p.title}
                      </Link>
                    }
                    description={
                      <Space wrap size={4}>
                        <span>{t('tasks.taskCount', { count: p.counts.tasks ?? 0 })}</span>
                        <Tag color="red">
                          {t('taskStatus.overdue')} {p.counts.overdue ?? 0}
                        </Tag>
                        <Tag color="gold">
                          {t('taskStatus.at_risk')} {p.counts.at_risk ?? 0}
                        </Tag>
                        <Tag color="green">
                          {t('taskStatus.on_track')} {p.counts.on_track ?? 0}
                        </Tag>
                        <Tag color="cyan">
                          {t('taskStatus.done')} {p.counts.done ?? 0}
                        </Tag>
                        <Typography.Text type="secondary">
                          {t('tasks.importedBy', { who: p.createdBy, at: formatTime(p.createdAt) })}
                        </Typography.Text>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </>
  );
}
