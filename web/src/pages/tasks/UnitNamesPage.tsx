import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useDemandUnits } from '../../api/demand-queries.ts';
import { taskKeys, useNameMappings, useUnmatchedNames } from '../../api/task-queries.ts';
import type { UnmatchedName } from '../../api/task-types.ts';
import { formatTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

function MapRow({ item }: { item: UnmatchedName }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useDemandUnits();
  const [codes, setCodes] = useState<string[]>(item.suggestions.slice(0, 1).map((s) => s.code));
  const map = useMutation({
    mutationFn: (unitCodes: string[]) =>
      api<{ tasksUpdated: number }>('/api/task-unit-names/mappings', {
        method: 'POST',
        body: { name: item.name, unitCodes },
      }),
    onSuccess: (r) => {
      void message.success(t('unitNames.mapped', { name: item.name, count: r.tasksUpdated }));
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
  const options = [
    ...item.suggestions.map((s) => ({ value: s.code, label: `${s.name}（${t('unitNames.suggested')}）` })),
    ...[...units.departments, ...units.streets]
      .filter((u) => !item.suggestions.some((s) => s.code === u.code))
      .map((u) => ({ value: u.code, label: u.name })),
  ];
  return (
    <Space wrap>
      <Select
        mode="multiple"
        showSearch
        optionFilterProp="label"
        value={codes}
        onChange={setCodes}
        options={options}
        style={{ minWidth: 280 }}
        aria-label={t('unitNames.unitsFor', { name: item.name })}
      />
      <Button
        type="primary"
        disabled={codes.length === 0}
        loading={map.isPending}
        onClick={() => map.mutate(codes)}
      >
        {t('unitNames.map')}
      </Button>
      <Button loading={map.isPending} onClick={() => map.mutate([])}>
        {t('unitNames.notOurs')}
      </Button>
    </Space>
  );
}

/** 单位名称匹配: names a plan used that matched no unit, mapped once by a person; and the mappings so far. */
export default function UnitNamesPage() {
  const { t } = useTranslation();
  const unmatched = useUnmatchedNames();
  const mappings = useNameMappings();
  return (
    <>
      <PageHeader
        title={t('unitNames.title')}
        sub={t('unitNames.sub')}
        extra={<LinkButton to="/tasks">{t('planImport.back')}</LinkButton>}
      />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('unitNames.unmatched')} data-testid="unmatched">
          <Table<UnmatchedName>
            rowKey="nameKey"
            size="small"
            loading={unmatched.isFetching}
            dataSource={unmatched.data ?? []}
            pagination={false}
            locale={{ emptyText: t('unitNames.allMatched') }}
            columns={[
              { title: t('planImport.writtenName'), dataIndex: 'name', width: 220 },
              { title: t('unitNames.tasks'), dataIndex: 'tasks', width: 80, align: 'right' },
              { title: t('unitNames.mapTo'), render: (_v, r) => <MapRow item={r} /> },
            ]}
          />
        </Card>
        <Card size="small" title={t('unitNames.mappings')}>
          <Table
            rowKey="nameKey"
            size="small"
            loading={mappings.isFetching}
            dataSource={mappings.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('planImport.writtenName'), dataIndex: 'name', width: 220 },
              {
                title: t('planImport.units'),
                dataIndex: 'units',
                render: (u: { code: string; name: string }[]) =>
                  u.length === 0 ? <Tag>{t('unitNames.notOurs')}</Tag> : u.map((x) => x.name).join('、'),
              },
              { title: t('unitNames.by'), dataIndex: 'updatedBy', width: 120 },
              {
                title: t('audit.at'),
                dataIndex: 'updatedAt',
                width: 170,
                render: (v: string) => formatTime(v),
              },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
