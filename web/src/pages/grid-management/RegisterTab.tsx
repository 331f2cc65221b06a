import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { formatTime } from '../../components/format.ts';
import { CommunityMonthBar, useCommunities, useCommunityMonth } from './CommunityMonthBar.tsx';
import {
  codeOfPath,
  mgmtKeys,
  type ProblemItem,
  type ProblemRegister,
  usePendingForStreet,
  useRegister,
} from './grid-management-api.ts';
import { AddItemModal, ItemActionModal, SignOffModal } from './RegisterDialogs.tsx';

type Dialog =
  | { kind: 'add' | 'major' | 'sign_off' }
  | { kind: 'item'; item: ProblemItem; action: 'assign' | 'resolve' };

/**
 * 网格反映问题和意见建议交办登记表: the community drafts lines from its grid events, adds lines and
 * submits; the street signs off with a 包办领导 for every line; major items go at once. Only the
 * steps the server lists (allowedActions) are offered. Excel in the paper form's shape.
 */
export function RegisterTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const communities = useCommunities();
  const state = useCommunityMonth(communities.items);
  const register = useRegister(state.community, state.month);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const r = (k: string) => t(`gridMgmt.register.${k}`);
  const step = useMutation({
    mutationFn: (kind: 'draft-from-events' | 'submit') =>
      api<ProblemRegister>(`/api/problem-registers/${state.community}/${state.month}/${kind}`, {
        method: 'POST',
      }),
    onSuccess: (data, kind) => {
      queryClient.setQueryData(mgmtKeys.register(data.community.code, data.month), data);
      void queryClient.invalidateQueries({ queryKey: mgmtKeys.pending });
      void message.success(
        kind === 'submit'
          ? t('gridMgmt.saved')
          : t('gridMgmt.register.drafted', { count: data.items.length }),
      );
    },
  });
  const reg = register.data;
  const may = (a: ProblemRegister['allowedActions'][number]) => reg?.allowedActions.includes(a) ?? false;
  const onItem = (item: ProblemItem, action: 'assign' | 'resolve') =>
    setDialog({ kind: 'item', item, action });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <PendingForStreet
        names={new Map(communities.items.map((c) => [c.code, c.name]))}
        open={state.open}
        onItem={onItem}
      />
      <CommunityMonthBar
        communities={communities.items}
        loading={communities.loading}
        state={state}
        extra={
          state.community ? (
            <>
              {may('draft_from_events') ? (
                <Button onClick={() => step.mutate('draft-from-events')} loading={step.isPending}>
                  {r('draft')}
                </Button>
              ) : null}
              {may('add_item') ? (
                <Button onClick={() => setDialog({ kind: 'add' })}>{r('add')}</Button>
              ) : null}
              {may('report_major') ? (
                <Button danger onClick={() => setDialog({ kind: 'major' })}>
                  {r('reportMajor')}
                </Button>
              ) : null}
              {may('submit') ? (
                <Popconfirm title={r('submitConfirm')} onConfirm={() => step.mutate('submit')}>
                  <Button type="primary" loading={step.isPending} data-testid="register-submit">
                    {r('submit')}
                  </Button>
                </Popconfirm>
              ) : null}
              {may('sign_off') ? (
                <Button
                  type="primary"
                  onClick={() => setDialog({ kind: 'sign_off' })}
                  data-testid="register-sign-off"
                >
                  {r('signOff')}
                </Button>
              ) : null}
              <ExportButton
                path={`/api/problem-registers/${state.community}/${state.month}`}
                query={{ format: 'xlsx' }}
                testId="export-register"
              />
            </>
          ) : null
        }
      />
      {register.isError ? (
        <ErrorResult error={register.error} onRetry={() => void register.refetch()} />
      ) : null}
      {reg ? (
        <Space wrap>
          <Tag
            color={{ draft: 'default', submitted: 'blue', signed_off: 'green' }[reg.status]}
            data-testid="register-status"
            data-status={reg.status}
          >
            {r(`status.${reg.status}`)}
          </Tag>
          {reg.submittedAt ? (
            <span className="jd-muted">
              {t('gridMgmt.register.submittedBy', { who: reg.submittedBy, at: formatTime(reg.submittedAt) })}
            </span>
          ) : null}
          {reg.signedOffAt ? (
            <span className="jd-muted" data-testid="register-signed-off">
              {t('gridMgmt.register.signedOffBy', {
                leader: reg.signedOffLeader,
                at: formatTime(reg.signedOffAt),
              })}
            </span>
          ) : null}
        </Space>
      ) : null}
      <ItemTable
        title={r('items')}
        items={reg?.items ?? []}
        loading={register.isPending && Boolean(state.community)}
        onItem={onItem}
        testId="register-items"
      />
      {reg && reg.majorItems.length > 0 ? (
        <ItemTable
          title={r('major')}
          items={reg.majorItems}
          loading={false}
          onItem={onItem}
          testId="register-major"
        />
      ) : null}
      {dialog && reg && (dialog.kind === 'add' || dialog.kind === 'major') ? (
        <AddItemModal register={reg} major={dialog.kind === 'major'} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'sign_off' && reg ? (
        <SignOffModal register={reg} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'item' ? (
        <ItemActionModal item={dialog.item} kind={dialog.action} onClose={() => setDialog(null)} />
      ) : null}
    </Space>
  );
}

function ItemTable({
  title,
  items,
  loading,
  onItem,
  testId,
}: {
  title: string;
  items: ProblemItem[];
  loading: boolean;
  onItem: (item: ProblemItem, action: 'assign' | 'resolve') => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const r = (k: string) => t(`gridMgmt.register.${k}`);
  return (
    <Table<ProblemItem>
      title={() => title}
      rowKey="id"
      size="small"
      pagination={false}
      loading={loading}
      dataSource={items}
      locale={{ emptyText: r('empty') }}
      scroll={{ x: 800 }}
      data-testid={testId}
      columns={[
        { title: '#', width: 48, render: (_: unknown, _i, n) => n + 1 },
        { title: r('kind'), dataIndex: 'kind', width: 90, render: (k: string) => r(`kinds.${k}`) },
        { title: r('content'), dataIndex: 'content' },
        { title: r('reportedBy'), dataIndex: 'reportedBy', width: 100 },
        {
          title: t('gridMgmt.events.status'),
          dataIndex: 'status',
          width: 90,
          render: (s: string) => <Tag data-status={s}>{r(`itemStatus.${s}`)}</Tag>,
        },
        {
          title: r('responsibleLeader'),
          dataIndex: 'responsibleLeader',
          width: 110,
          render: (v: string | null) => v ?? '—',
        },
        { title: r('result'), dataIndex: 'result', render: (v: string | null) => v ?? '—' },
        {
          title: '',
          width: 130,
          render: (_: unknown, item) =>
            (item.allowedActions ?? []).map((a) => (
              <Button key={a} size="small" onClick={() => onItem(item, a)} data-testid={`item-${a}`}>
                {r(a)}
              </Button>
            )),
        },
      ]}
    />
  );
}

/** The street's inbox: submitted registers to sign off and major items waiting for a leader. */
function PendingForStreet({
  names,
  open,
  onItem,
}: {
  names: Map<string, string>;
  open: (community: string, month: string) => void;
  onItem: (item: ProblemItem, action: 'assign' | 'resolve') => void;
}) {
  const { t } = useTranslation();
  const pending = usePendingForStreet(hasAnyRole(useMe().data, ['street_dispatcher', 'district_admin']));
  const data = pending.data;
  if (!data || (data.registers.length === 0 && data.major.every((m) => !m.allowedActions?.length)))
    return null;
  const r = (k: string) => t(`gridMgmt.register.${k}`);
  return (
    <Card size="small" title={r('pending')} data-testid="register-pending">
      <Flex gap={8} wrap>
        {data.registers.map((reg) => {
          const code = codeOfPath(reg.communityPath);
          return (
            <Button key={reg.id} onClick={() => open(code, reg.month)} data-testid="register-pending-item">
              {names.get(code) ?? code} · {reg.month} · {r('open')}
            </Button>
          );
        })}
        {data.major
          .filter((m) => m.allowedActions?.includes('assign'))
          .map((m) => (
            <Button key={m.id} danger onClick={() => onItem(m, 'assign')}>
              {r('pendingMajor')}：{m.content.slice(0, 16)}
            </Button>
          ))}
      </Flex>
    </Card>
  );
}
