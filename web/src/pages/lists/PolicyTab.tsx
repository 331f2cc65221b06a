import { useQuery } from '@tanstack/react-query';
import { Flex, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ClampedText } from '../../components/ClampedText.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ADMIN, useCan } from './lists-api.ts';
import { PolicyAdmin } from './policy/PolicyAdmin.tsx';
import { type ActivePolicy, type ResolvedRule, showValue } from './policy/policy-types.ts';

/** 政策配置: the active profile, each rule with its value and source; the district admin changes them. */
export function PolicyTab() {
  const { t } = useTranslation();
  const isAdmin = useCan(ADMIN);
  const policy = useQuery({
    queryKey: ['policy', 'active'],
    queryFn: () => api<ActivePolicy>('/api/policy/active'),
  });
  if (policy.isError) return <ErrorResult error={policy.error} onRetry={() => void policy.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {policy.data ? (
        <Flex gap={8} wrap align="center" data-testid="policy-profile">
          <Typography.Text strong>{t('listsPolicy.policy.profile')}：</Typography.Text>
          <Tag color="blue">{policy.data.profileName}</Tag>
          <Typography.Text type="secondary">
            {t('listsPolicy.policy.overrides', { count: policy.data.overrides.length })}
          </Typography.Text>
        </Flex>
      ) : null}
      {isAdmin && policy.data ? <PolicyAdmin policy={policy.data} /> : null}
      <Table<ResolvedRule>
        rowKey="key"
        size="small"
        loading={policy.isPending}
        dataSource={policy.data?.rules ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="policy-rules"
        columns={[
          {
            title: t('listsPolicy.policy.key'),
            dataIndex: 'key',
            width: 220,
            render: (key: string, r) => (
              <Space direction="vertical" size={2}>
                <Typography.Text code>{key}</Typography.Text>
                {r.overridden ? <Tag color="orange">{t('listsPolicy.policy.overridden')}</Tag> : null}
                {r.fellBackToGeneric ? <Tag>{t('listsPolicy.policy.fellBack')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('listsPolicy.policy.value'),
            dataIndex: 'value',
            width: 280,
            render: (v: unknown) => (
              <ClampedText rows={3} title={showValue(v)} style={{ fontSize: 12 }}>
                {showValue(v)}
              </ClampedText>
            ),
          },
          {
            title: t('listsPolicy.policy.source'),
            dataIndex: 'source',
            render: (source: string, r) => (
              <ClampedText rows={3} title={r.note ? `${source}（${r.note}）` : source}>
                {source}
                {r.note ? (
                  <Typography.Text type="secondary">
                    {' '}
                    （{t('listsPolicy.policy.note')}：{r.note}）
                  </Typography.Text>
                ) : null}
              </ClampedText>
            ),
          },
        ]}
      />
    </Space>
  );
}
