import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useUnits } from '../../api/queries.ts';
import type { OrgUnit } from '../../api/types.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { useCommunities, useCommunityMonth } from './CommunityMonthBar.tsx';
import { mgmtKeys } from './grid-management-api.ts';
import { PostDialog } from './PostDialog.tsx';
import { type Assignment, GRID_POSTS, postKeys, useAssignments } from './posts-indicators-api.ts';

type Target = { code: string; name: string; level: 'grid' | 'community' };

/**
 * 网格岗位: per community, its party secretary and each grid's 网格员, 街巷长, 楼栋长, with 设岗 and
 * 离岗 where the server says the caller may (`may` on the list: the community and street assign,
 * the street designates the secretary).
 */
export function PostsTab() {
  const { t } = useTranslation();
  const { items: communities, loading } = useCommunities();
  const { community, setCommunity } = useCommunityMonth(communities);
  const grids = useUnits({ parent: community ?? '' }, Boolean(community));
  const posts = useAssignments(community);
  const [target, setTarget] = useState<Target | null>(null);
  const p = (k: string) => t(`gridMgmt.posts.${k}`);
  if (posts.isError) return <ErrorResult error={posts.error} onRetry={() => void posts.refetch()} />;
  const may = posts.data?.may ?? { assign: false, designateSecretary: false };
  const items = posts.data?.items ?? [];
  const secretary = items.find((a) => a.post === 'party_secretary');
  const name = communities.find((c) => c.code === community)?.name ?? '';
  const held = (grid: string, post: string) => items.filter((a) => a.unit.code === grid && a.post === post);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Select
        style={{ minWidth: 200 }}
        showSearch
        optionFilterProp="label"
        loading={loading}
        value={community}
        onChange={setCommunity}
        placeholder={t('gridMgmt.pickCommunity')}
        aria-label={t('gridMgmt.community')}
        options={communities.map((c) => ({ value: c.code, label: c.name }))}
        data-testid="pick-community"
      />
      {posts.data && !may.assign && !may.designateSecretary ? (
        <Alert type="info" showIcon message={p('readOnly')} />
      ) : null}
      <Card size="small" title={p('secretary')} data-testid="post-secretary">
        <Flex gap={12} align="center" wrap>
          {secretary ? (
            <Holder a={secretary} community={community ?? ''} canEnd={may.designateSecretary} />
          ) : (
            <span className="jd-muted">{p('noSecretary')}</span>
          )}
          {may.designateSecretary && !secretary && community ? (
            <Button
              size="small"
              onClick={() => setTarget({ code: community, name, level: 'community' })}
              data-testid="post-designate"
            >
              {p('designate')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Table<OrgUnit>
        rowKey="code"
        size="small"
        loading={grids.isPending || posts.isPending}
        dataSource={(grids.data ?? []).filter((u) => u.level === 'grid')}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: p('empty') }}
        data-testid="post-grids"
        columns={[
          {
            title: p('grid'),
            render: (_: unknown, g) => (
              <div>
                {g.name}
                <div className="jd-muted">{g.code}</div>
              </div>
            ),
          },
          ...GRID_POSTS.map((post) => ({
            title: p(`names.${post}`),
            key: post,
            render: (_: unknown, g: OrgUnit) => {
              const list = held(g.code, post);
              return list.length === 0 ? (
                <span className="jd-muted">{p('vacant')}</span>
              ) : (
                <Space direction="vertical" size={2}>
                  {list.map((a) => (
                    <Holder key={a.id} a={a} community={community ?? ''} canEnd={may.assign} />
                  ))}
                </Space>
              );
            },
          })),
          ...(may.assign
            ? [
                {
                  title: '',
                  key: 'assign',
                  width: 90,
                  render: (_: unknown, g: OrgUnit) => (
                    <Button
                      size="small"
                      type="primary"
                      ghost
                      onClick={() => setTarget({ code: g.code, name: g.name, level: 'grid' })}
                      data-testid="post-assign"
                    >
                      {p('assign')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {target && community ? (
        <PostDialog unit={target} community={community} onClose={() => setTarget(null)} />
      ) : null}
    </Space>
  );
}

/** One holder: name, area, masked phone, since when; 离岗 behind a confirmation when allowed. */
function Holder({ a, community, canEnd }: { a: Assignment; community: string; canEnd: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const post = t(`gridMgmt.posts.names.${a.post}`);
  const end = useMutation({
    mutationFn: () => api<Assignment>(`/api/grid-assignments/${a.id}/end`, { method: 'POST' }),
    onSuccess: async () => {
      void message.success(t('gridMgmt.posts.ended', { name: a.person.name, post }));
      await queryClient.invalidateQueries({ queryKey: postKeys.assignments(community) });
      void queryClient.invalidateQueries({ queryKey: mgmtKeys.staffing });
    },
  });
  return (
    <Space size={6} wrap data-testid="post-holder" data-post={a.post}>
      <Typography.Text strong>{a.person.name}</Typography.Text>
      {a.area ? <span>{a.area}</span> : null}
      {a.person.phone ? <span className="jd-muted">{a.person.phone}</span> : null}
      <span className="jd-muted">{t('gridMgmt.posts.since', { date: a.startedOn })}</span>
      {canEnd ? (
        <Popconfirm
          title={t('gridMgmt.posts.endConfirm', { name: a.person.name, post })}
          onConfirm={() => end.mutateAsync()}
          okText={t('gridMgmt.posts.end')}
          cancelText={t('common.cancel')}
        >
          <Button size="small" type="link" danger loading={end.isPending} data-testid="post-end">
            {t('gridMgmt.posts.end')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
