import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Items } from '../../../api/types.ts';
import { ErrorResult } from '../../../components/ErrorResult.tsx';
import { formatTime } from '../../../components/format.ts';
import { ADMIN, FILE_ROLES, type Proposal, useCan, useLp, useUnitNames } from '../lists-api.ts';
import { StaffName } from '../shared.tsx';
import { DecideModal } from './ProposalModals.tsx';

const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'red' } as const;

/**
 * 新增准入事项申请: every proposal with the authority, staff and funds that move with it, and its
 * approval record once decided; the district admin approves (the item becomes citable) or rejects.
 */
export function ProposalsCard({ onPropose }: { onPropose: () => void }) {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.proposals.${k}`, o ?? {});
  const canPropose = useCan(FILE_ROLES);
  const canDecide = useCan(ADMIN);
  const nameOf = useUnitNames();
  const [deciding, setDeciding] = useState<{ p: Proposal; d: 'approve' | 'reject' } | null>(null);
  const rows = useLp<Items<Proposal>>('/api/access-proposals');
  if (rows.isError) return <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <Card
      size="small"
      title={l('title')}
      extra={
        canPropose ? (
          <Button onClick={onPropose} data-testid="open-propose">
            {l('proposeTitle')}
          </Button>
        ) : null
      }
    >
      <Table<Proposal>
        rowKey="id"
        size="small"
        loading={rows.isPending}
        dataSource={rows.data?.items ?? []}
        scroll={{ x: 1000 }}
        data-testid="proposals"
        columns={[
          {
            title: l('itemName'),
            render: (_: unknown, p) => (
              <Space direction="vertical" size={2}>
                <span>{p.item.name}</span>
                <Typography.Text type="secondary">
                  {t(`listsPolicy.kinds.${p.listKind}`)} ·{' '}
                  {/^\d{6}0{6}$/.test(p.scopeCode) ? l('wholeDistrict') : nameOf(p.scopeCode)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: l('transfers'),
            width: 300,
            render: (_: unknown, p) => (
              <Space direction="vertical" size={0}>
                {(['authority', 'staff', 'funds'] as const).map((k) => (
                  <span key={k}>
                    <Typography.Text type="secondary">{l(`short.${k}`)}：</Typography.Text>
                    {p.transfers[k] || '—'}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: l('proposedBy'),
            width: 160,
            render: (_: unknown, p) => (
              <Space direction="vertical" size={0}>
                <StaffName name={p.proposedByName} username={p.proposedBy} testId="proposal-proposer" />
                <Typography.Text type="secondary">{formatTime(p.createdAt)}</Typography.Text>
              </Space>
            ),
          },
          {
            title: l('status'),
            width: 260,
            render: (_: unknown, p) => (
              <Space direction="vertical" size={2}>
                <Tag color={STATUS_COLOR[p.status]}>{l(`statuses.${p.status}`)}</Tag>
                {p.approval ? (
                  <Typography.Text type="secondary">
                    {l('approvalRecord', {
                      body: p.approval.approvingBody,
                      doc: p.approval.document,
                      on: p.approval.approvedOn,
                      code: p.resultItemCode ?? '',
                    })}
                  </Typography.Text>
                ) : null}
                {p.rejectionReason ? (
                  <Typography.Text type="danger">{p.rejectionReason}</Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: '',
            width: 140,
            render: (_: unknown, p) =>
              canDecide && p.status === 'pending' ? (
                <Space wrap>
                  <Button size="small" type="primary" onClick={() => setDeciding({ p, d: 'approve' })}>
                    {l('approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setDeciding({ p, d: 'reject' })}>
                    {l('reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <DecideModal
        proposal={deciding?.p ?? null}
        decision={deciding?.d ?? 'approve'}
        onClose={() => setDeciding(null)}
      />
    </Card>
  );
}
