import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import type { ListItem, ListVersion } from './lists-api.ts';

/** 在用清单: the versions in force, each item, each exported to Excel. */
export function ListsTab() {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ListVersion | null>(null);
  const versions = useQuery({
    queryKey: ['lists', 'versions'],
    queryFn: () => api<{ items: ListVersion[] }>('/api/lists/versions').then((r) => r.items),
  });
  const items = useQuery({
    queryKey: ['lists', 'version', open?.id],
    queryFn: () => api<{ items: ListItem[] }>(`/api/lists/versions/${open?.id}`).then((r) => r.items),
    enabled: Boolean(open),
  });
  const l = (k: string) => t(`listsPolicy.lists.${k}`);
  if (versions.isError) return <ErrorResult error={versions.error} onRetry={() => void versions.refetch()} />;
  if (open)
    return (
      <Card
        size="small"
        title={`${open.title}（${open.kindName} · v${open.versionNo}）`}
        extra={
          <Space wrap>
            <ExportButton
              path={`/api/lists/versions/${open.id}/export.xlsx`}
              size="small"
              testId="export-list"
            />
            <Button size="small" onClick={() => setOpen(null)}>
              {l('back')}
            </Button>
          </Space>
        }
      >
        {items.isError ? <ErrorResult error={items.error} onRetry={() => void items.refetch()} /> : null}
        <Table<ListItem>
          rowKey="id"
          size="small"
          loading={items.isPending}
          dataSource={items.data ?? []}
          scroll={{ x: 700 }}
          data-testid="list-items"
          columns={[
            { title: l('code'), dataIndex: 'itemCode', width: 110 },
            { title: l('name'), dataIndex: 'name' },
            { title: l('category'), dataIndex: 'category', width: 120 },
            { title: l('basis'), dataIndex: 'basis' },
          ]}
        />
      </Card>
    );
  return (
    <Table<ListVersion>
      rowKey="id"
      size="small"
      loading={versions.isPending}
      dataSource={(versions.data ?? []).filter(
        (v) => !v.effectiveTo || v.effectiveTo >= dayjs().format('YYYY-MM-DD'),
      )}
      scroll={{ x: 900 }}
      data-testid="list-versions"
      columns={[
        { title: l('kind'), dataIndex: 'kindName', width: 160 },
        { title: l('title'), dataIndex: 'title' },
        { title: l('version'), dataIndex: 'versionNo', width: 60 },
        { title: l('document'), dataIndex: 'approvingDocument' },
        { title: l('effective'), dataIndex: 'effectiveFrom', width: 110 },
        { title: l('items'), dataIndex: 'itemCount', width: 70 },
        {
          title: '',
          width: 200,
          render: (_: unknown, v) => (
            <Space wrap>
              <Button size="small" type="link" onClick={() => setOpen(v)}>
                {l('open')}
              </Button>
              <ExportButton path={`/api/lists/versions/${v.id}/export.xlsx`} size="small" />
            </Space>
          ),
        },
      ]}
    />
  );
}
