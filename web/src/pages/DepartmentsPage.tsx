import { Input, Segmented, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments, useUnits } from '../api/queries.ts';
import type { OrgUnit } from '../api/types.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

const KINDS = ['center', 'department', 'stationed', 'company', 'resident_unit'] as const;

/** 部门: the district's departments, stationed units, public-service companies and resident units. */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const departments = useDepartments();
  const [kind, setKind] = useState<string>('all');
  const [q, setQ] = useState('');

  // stationed units serve a street; streets outside the person's jurisdiction stay unnamed
  const streets = useUnits({ level: 'street' });
  const byId = useMemo(
    () => new Map([...(departments.data ?? []), ...(streets.data ?? [])].map((d) => [d.id, d])),
    [departments.data, streets.data],
  );
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (departments.data ?? []).filter(
      (d) =>
        (kind === 'all' || d.level === kind) &&
        (!needle ||
          d.name.toLowerCase().includes(needle) ||
          d.aliases.some((a) => a.toLowerCase().includes(needle))),
    );
  }, [departments.data, kind, q]);

  if (departments.isError)
    return <ErrorResult error={departments.error} onRetry={() => void departments.refetch()} />;
  const counts = new Map<string, number>();
  for (const d of departments.data ?? []) counts.set(d.level, (counts.get(d.level) ?? 0) + 1);

  return (
    <>
      <PageHeader title={t('departments.title')} sub={t('common.total', { count: rows.length })} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={kind}
          onChange={(v) => setKind(String(v))}
          options={[
            { value: 'all', label: `${t('departments.all')} ${departments.data?.length ?? ''}` },
            ...KINDS.filter((k) => counts.has(k)).map((k) => ({
              value: k,
              label: `${t(`levels.${k}`)} ${counts.get(k) ?? 0}`,
            })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('departments.search')}
          aria-label={t('departments.search')}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 240 }}
        />
      </Space>
      <Table<OrgUnit>
        rowKey="id"
        size="small"
        loading={departments.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 720 }}
        data-testid="departments-table"
        columns={[
          { title: t('departments.name'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
          {
            title: t('departments.kind'),
            dataIndex: 'level',
            width: 130,
            render: (v: string) => t(`levels.${v}`),
          },
          {
            title: t('departments.aliases'),
            dataIndex: 'aliases',
            render: (v: string[]) => v.map((a) => <Tag key={a}>{a}</Tag>),
          },
          {
            title: t('departments.serves'),
            dataIndex: 'servesUnitId',
            width: 140,
            render: (v: string | null) => (v ? (byId.get(v)?.name ?? t('common.none')) : t('common.none')),
          },
          {
            title: t('departments.flags'),
            dataIndex: 'flags',
            width: 160,
            render: (v: string[]) =>
              v.map((f) => (
                <Tag key={f} color={f === '24x7' ? 'green' : 'default'}>
                  {t(`flags.${f}`, { defaultValue: f })}
                </Tag>
              )),
          },
        ]}
      />
    </>
  );
}
