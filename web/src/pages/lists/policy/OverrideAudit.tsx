import { useQueries } from '@tanstack/react-query';
import { Collapse, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { AuditEntry, Items } from '../../../api/types.ts';
import { ClampedText } from '../../../components/ClampedText.tsx';
import { formatTime } from '../../../components/format.ts';
import { LP } from '../lists-api.ts';
import { showValue } from './policy-types.ts';

const ACTIONS = ['policy.override.set', 'policy.override.remove', 'policy.activate'] as const;
type Change = { value?: unknown; source?: string };

/** The audit trail of the district's policy changes (activations, overrides set and removed), newest first. */
export function OverrideAudit() {
  const { t } = useTranslation();
  const l = (k: string, o?: Record<string, unknown>) => t(`listsPolicy.admin.${k}`, o ?? {});
  const results = useQueries({
    queries: ACTIONS.map((action) => ({
      queryKey: [LP, 'audit', action],
      queryFn: () => api<Items<AuditEntry>>('/api/audit', { query: { action, limit: 100 } }),
    })),
  });
  const rows = results.flatMap((r) => r.data?.items ?? []).sort((a, b) => b.seq - a.seq);
  const describe = (e: AuditEntry): string => {
    const d = e.details as { before?: unknown; after?: unknown; reason?: string };
    if (e.action === 'policy.activate') return `${String(d.before)} → ${String(d.after)}`;
    const change = (e.action === 'policy.override.set' ? d.after : d.before) as Change | null;
    return change ? `${showValue(change.value)}（${change.source ?? ''}）` : '';
  };
  return (
    <Collapse
      size="small"
      style={{ marginTop: 12 }}
      items={[
        {
          key: 'audit',
          label: l('auditTitle', { count: rows.length }),
          children: (
            <Table<AuditEntry>
              rowKey="seq"
              size="small"
              loading={results.some((r) => r.isPending)}
              dataSource={rows}
              pagination={{ pageSize: 10 }}
              scroll={{ x: 800 }}
              data-testid="policy-audit"
              columns={[
                { title: l('at'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
                { title: l('actor'), dataIndex: 'actor', width: 90 },
                {
                  title: l('action'),
                  dataIndex: 'action',
                  width: 110,
                  render: (a: string) => <Tag>{l(`actions.${a.replaceAll('.', '_')}`)}</Tag>,
                },
                { title: l('rule'), dataIndex: 'targetId', width: 220 },
                {
                  title: l('change'),
                  render: (_: unknown, e) => {
                    const reason = (e.details as { reason?: string }).reason;
                    const text = `${describe(e)}${reason ? `；${l('reason')}：${reason}` : ''}`;
                    return (
                      <ClampedText rows={2} title={text}>
                        {text}
                      </ClampedText>
                    );
                  },
                },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
