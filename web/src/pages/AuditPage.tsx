import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { AuditEntry, AuditVerifyResult, Items } from '../api/types.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { formatTime } from '../components/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';

const PAGE = 100;
const RESULT_COLOR: Record<string, string> = { ok: 'green', denied: 'red', failed: 'orange' };

/** 审计: the district's hash-chained audit log, newest first, and a button that verifies the chain. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const log = useInfiniteQuery({
    queryKey: ['audit', action],
    queryFn: ({ pageParam }) =>
      api<Items<AuditEntry>>('/api/audit', { query: { limit: PAGE, before: pageParam, action } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : last.items[last.items.length - 1]?.seq,
  });
  const verify = useMutation({
    mutationFn: () => api<AuditVerifyResult>('/api/audit/verify'),
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const chain = verify.data?.chains[0];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {verify.isPending ? t('audit.verifying') : t('audit.verify')}
          </Button>
        }
      />
      {verify.data ? (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={verify.data.ok ? 'success' : 'error'}
          data-testid="audit-verify-result"
          message={
            verify.data.ok
              ? t('audit.verifyOk', { rows: chain?.rows ?? 0, headSeq: chain?.headSeq ?? 0 })
              : t('audit.verifyBroken', { count: verify.data.problems.length })
          }
          description={
            <>
              {verify.data.problems.map((p) => (
                <div key={`${p.districtCode}-${p.seq}-${p.kind}`}>
                  #{p.seq} {p.message}
                </div>
              ))}
              {chain?.headHash ? (
                <div>
                  {t('audit.headHash')}：
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {chain.headHash}
                  </Typography.Text>
                </div>
              ) : null}
            </>
          }
        />
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('audit.filterAction')}
          aria-label={t('audit.filterAction')}
          onSearch={(v) => setAction(v.trim())}
          style={{ width: 300 }}
        />
      </Space>
      {log.isError ? (
        <ErrorResult error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          loading={log.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="audit-table"
          expandable={{
            expandedRowRender: (r) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                {JSON.stringify({ details: r.details, requestId: r.requestId, hash: r.hash }, null, 2)}
              </pre>
            ),
          }}
          columns={[
            { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
            { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatTime(v) },
            { title: t('audit.actor'), dataIndex: 'actor', width: 120 },
            { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
            {
              title: t('audit.target'),
              render: (_, r) => (
                <span>
                  {r.targetType} · <code>{r.targetId}</code>
                </span>
              ),
            },
            {
              title: t('audit.result'),
              dataIndex: 'result',
              width: 90,
              render: (v: string) => (
                <Tag color={RESULT_COLOR[v] ?? 'default'}>{t(`audit.results.${v}`, { defaultValue: v })}</Tag>
              ),
            },
          ]}
          footer={() =>
            log.hasNextPage ? (
              <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
                {t('audit.loadMore')}
              </Button>
            ) : (
              <span className="jd-muted">{t('audit.noMore')}</span>
            )
          }
        />
      )}
    </>
  );
}
