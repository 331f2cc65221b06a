import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  assessmentKeys,
  type Item,
  num,
  pct,
  type RecordRow,
  type ResultView,
  type SubjectRow,
  useRecords,
  useResult,
} from './assessment-api.ts';

const OUTCOME_COLOR: Record<string, string> = {
  numerator: 'green',
  denominator: 'red',
  pending: 'default',
  excluded: 'default',
  counted: 'blue',
};

/** The records behind one subject's indicator: what each is, its code, and how it counted. */
function RecordsDrawer({
  resultId,
  target,
  onClose,
}: {
  resultId: string;
  target: { subject: SubjectRow; item: Item } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const records = useRecords(resultId, target?.subject.code ?? null, target?.item.key ?? null);
  return (
    <Drawer
      open={Boolean(target)}
      width={720}
      onClose={onClose}
      title={target ? `${target.subject.name} · ${target.item.name}` : ''}
    >
      {records.isError ? (
        <ErrorResult error={records.error} />
      ) : (
        <Table<RecordRow>
          rowKey={(r) => `${r.type}:${r.id}:${r.code}`}
          size="small"
          loading={records.isFetching}
          dataSource={records.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: t('assessment.recordType'), dataIndex: 'typeName', width: 110 },
            {
              title: t('assessment.recordCode'),
              dataIndex: 'code',
              width: 170,
              render: (code: string | null, r) =>
                r.type === 'demand' ? (
                  <LinkButton type="link" size="small" to={`/demands/${r.id}`}>
                    {code}
                  </LinkButton>
                ) : (
                  (code ?? r.id)
                ),
            },
            {
              title: t('assessment.outcome'),
              dataIndex: 'outcomeName',
              width: 110,
              render: (v: string, r) => <Tag color={OUTCOME_COLOR[r.outcome]}>{v}</Tag>,
            },
            { title: t('assessment.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ]}
        />
      )}
    </Drawer>
  );
}

/** One subject's breakdown: groups and indicators with value, score, weights and points. */
function Breakdown({ row, onDrill }: { row: SubjectRow; onDrill: (item: Item) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Item>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={row.items}
      columns={[
        {
          title: t('assessment.indicator'),
          dataIndex: 'name',
          render: (v: string, i) => (
            <span style={{ paddingLeft: i.depth * 16, fontWeight: i.kind === 'group' ? 600 : 400 }}>{v}</span>
          ),
        },
        {
          title: t('assessment.value'),
          dataIndex: 'value',
          width: 80,
          align: 'right',
          render: (v: number | null) => pct(v),
        },
        {
          title: t('assessment.fraction'),
          key: 'fraction',
          width: 90,
          align: 'right',
          render: (_: unknown, i) =>
            typeof i.numerator === 'number' ? `${i.numerator}/${i.denominator}` : '',
        },
        { title: t('assessment.score'), dataIndex: 'score', width: 70, align: 'right', render: num },
        {
          title: t('assessment.weight'),
          dataIndex: 'weight',
          width: 70,
          align: 'right',
          render: (v: number) => pct(v),
        },
        {
          title: t('assessment.effectiveWeight'),
          dataIndex: 'effectiveWeight',
          width: 80,
          align: 'right',
          render: (v: number) => pct(v),
        },
        { title: t('assessment.points'), dataIndex: 'points', width: 70, align: 'right', render: num },
        {
          title: '',
          key: 'drill',
          width: 80,
          render: (_: unknown, i) =>
            i.kind === 'indicator' && i.value !== null ? (
              <Button size="small" type="link" onClick={() => onDrill(i)}>
                {t('assessment.records')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** One result version: ranking, breakdown per subject, drill-down, publication and Excel. */
export function ResultPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const result = useResult(id);
  const [target, setTarget] = useState<{ subject: SubjectRow; item: Item } | null>(null);
  const publish = useMutation({
    mutationFn: () => api<ResultView>(`/api/assessment/results/${id}/publish`, { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
    onError: (err) =>
      notification.error({ message: t('assessment.publishFailed'), description: errorText(t, err) }),
  });
  if (result.isError) return <ErrorResult error={result.error} onRetry={() => void result.refetch()} />;
  const r = result.data;
  const office = hasAnyRole(me.data, ['district_admin', 'supervisor']);
  return (
    <>
      <PageHeader
        title={r ? `${r.schemeName} · ${r.summary.periodLabel}` : t('assessment.title')}
        extra={
          <Space wrap>
            <LinkButton to="/assessment">{t('assessment.back')}</LinkButton>
            <ExportButton path={`/api/assessment/results/${id}`} query={{ format: 'xlsx' }} />
            {r?.status === 'draft' && office ? (
              <Popconfirm title={t('assessment.publishConfirm')} onConfirm={() => publish.mutate()}>
                <Button type="primary" loading={publish.isPending}>
                  {t('assessment.publish')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      {r ? (
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('assessment.status')}>
              {r.statusName}（{t('assessment.versionN', { n: r.version })}）
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.profile')}>{r.profileId}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.asOf')}>
              {r.asOf.slice(0, 16).replace('T', ' ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.subjects')}>
              {t('assessment.rankedOf', { ranked: r.summary.ranked, subjects: r.summary.subjects })}
            </Descriptions.Item>
            {r.summary.excellent ? (
              <Descriptions.Item label={t('assessment.excellentQuota')}>
                {pct(r.summary.excellent.rate)} · {r.summary.excellent.count}
              </Descriptions.Item>
            ) : null}
            {r.reason ? (
              <Descriptions.Item label={t('assessment.reason')}>{r.reason}</Descriptions.Item>
            ) : null}
          </Descriptions>
          <Table<SubjectRow>
            rowKey="code"
            size="small"
            dataSource={r.rows}
            pagination={false}
            expandable={{
              expandedRowRender: (row) => (
                <Breakdown row={row} onDrill={(item) => setTarget({ subject: row, item })} />
              ),
            }}
            columns={[
              {
                title: t('assessment.rank'),
                dataIndex: 'rank',
                width: 64,
                render: (v: number | null) => v ?? '—',
              },
              { title: t('assessment.subject'), dataIndex: 'name' },
              { title: t('assessment.total'), dataIndex: 'total', width: 90, align: 'right', render: num },
              {
                title: t('assessment.grade'),
                key: 'grade',
                width: 120,
                render: (_: unknown, row) => (
                  <>
                    {row.excellent ? <Tag color="green">{t('assessment.excellent')}</Tag> : null}
                    {row.vetoed ? <Tag color="red">{t('assessment.vetoed')}</Tag> : null}
                  </>
                ),
              },
            ]}
          />
        </Card>
      ) : (
        <Card loading />
      )}
      <RecordsDrawer resultId={id} target={target} onClose={() => setTarget(null)} />
    </>
  );
}
