import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  assessmentKeys,
  pct,
  type ResultHeader,
  type ResultView,
  type SchemeView,
  useResults,
  useSchemes,
} from './assessment-api.ts';
import { ResultPanel } from './ResultPanel.tsx';
import { SchemeEditor } from './SchemeEditor.tsx';

const OFFICE = ['district_admin', 'supervisor'] as const;
const STATUS_COLOR = { draft: 'gold', published: 'green', superseded: 'default' } as const;
const EXAMPLE: Record<SchemeView['periodKind'], string> = {
  month: '2026-10',
  quarter: '2026-Q4',
  half_year: '2026-H2',
  year: '2026',
};

/**
 * 双向考核: the district's schemes (with each evaluator's share), their result versions, a run for a
 * period (the assessment office), and — at /assessment/results/:id — one result with its drill-down.
 */
export default function AssessmentPage() {
  const { id } = useParams();
  return id ? <ResultPanel id={id} /> : <SchemesView />;
}

function SchemesView() {
  const { t } = useTranslation();
  const me = useMe();
  const office = hasAnyRole(me.data, OFFICE);
  const schemes = useSchemes();
  const [selected, setSelected] = useState<SchemeView | null>(null);
  const [editing, setEditing] = useState<SchemeView | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title={t('assessment.title')}
        extra={
          office ? (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="new-scheme">
              {t('assessment.newScheme')}
            </Button>
          ) : null
        }
      />
      {schemes.isError ? (
        <ErrorResult error={schemes.error} onRetry={() => void schemes.refetch()} />
      ) : (
        <Card size="small" title={t('assessment.schemes')}>
          <Table<SchemeView>
            rowKey="id"
            size="small"
            loading={schemes.isFetching}
            dataSource={schemes.data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={t('assessment.noSchemes')} /> }}
            rowSelection={{
              type: 'radio',
              selectedRowKeys: selected ? [selected.id] : [],
              onChange: (_keys, rows) => setSelected(rows[0] ?? null),
            }}
            columns={[
              { title: t('assessment.name'), dataIndex: 'name' },
              { title: t('assessment.evaluated'), dataIndex: 'evaluatedName', width: 120 },
              {
                title: t('assessment.period'),
                dataIndex: 'periodKind',
                width: 80,
                render: (k: SchemeView['periodKind']) => t(`assessment.periods.${k}`),
              },
              { title: t('assessment.version'), dataIndex: 'version', width: 64 },
              {
                title: t('assessment.shares'),
                dataIndex: 'shares',
                render: (_: unknown, s) =>
                  s.shares.map((x) => (
                    <Tag key={x.evaluator}>
                      {x.nameZh} {pct(x.share)}
                    </Tag>
                  )),
              },
              ...(office
                ? [
                    {
                      title: '',
                      key: 'edit',
                      width: 72,
                      render: (_: unknown, s: SchemeView) => (
                        <Button size="small" onClick={() => setEditing(s)}>
                          {t('common.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {selected ? <SchemeResults scheme={selected} office={office} /> : null}
      {editing ? (
        <SchemeEditor scheme={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function SchemeResults({ scheme, office }: { scheme: SchemeView; office: boolean }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const results = useResults(scheme.id);
  const [period, setPeriod] = useState('');
  const [reason, setReason] = useState('');
  const run = useMutation({
    mutationFn: () =>
      api<ResultView>(`/api/assessment/schemes/${scheme.id}/runs`, {
        method: 'POST',
        body: { period, ...(reason ? { reason } : {}) },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: assessmentKeys.results(scheme.id) }),
    onError: (err) =>
      notification.error({ message: t('assessment.runFailed'), description: errorText(t, err) }),
  });
  return (
    <Card size="small" title={t('assessment.resultsOf', { name: scheme.name })} style={{ marginTop: 16 }}>
      {office ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Input
            aria-label={t('assessment.period')}
            placeholder={EXAMPLE[scheme.periodKind]}
            value={period}
            onChange={(e) => setPeriod(e.target.value.trim())}
            style={{ width: 120 }}
          />
          <Input
            aria-label={t('assessment.reason')}
            placeholder={t('assessment.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ width: 240 }}
          />
          <Button type="primary" disabled={!period} loading={run.isPending} onClick={() => run.mutate()}>
            {t('assessment.run')}
          </Button>
        </Space>
      ) : null}
      {results.isError ? (
        <ErrorResult error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <Table<ResultHeader>
          rowKey="id"
          size="small"
          loading={results.isFetching}
          dataSource={results.data ?? []}
          pagination={false}
          columns={[
            { title: t('assessment.period'), dataIndex: 'period', width: 100 },
            { title: t('assessment.version'), dataIndex: 'version', width: 64 },
            {
              title: t('assessment.status'),
              dataIndex: 'statusName',
              width: 96,
              render: (v: string, r) => <Tag color={STATUS_COLOR[r.status]}>{v}</Tag>,
            },
            {
              title: t('assessment.computedAt'),
              dataIndex: 'computedAt',
              render: (v: string) => v.slice(0, 16).replace('T', ' '),
            },
            { title: t('assessment.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            {
              title: '',
              key: 'open',
              width: 80,
              render: (_: unknown, r) => (
                <LinkButton size="small" to={`/assessment/results/${r.id}`}>
                  {t('assessment.open')}
                </LinkButton>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
