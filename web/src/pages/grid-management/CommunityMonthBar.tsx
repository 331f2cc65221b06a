import { DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUnits } from '../../api/queries.ts';
import { useMe } from '../../app/session.ts';
import { beijingToday } from '../grid-work/grid-work-api.ts';

export interface CommunityChoice {
  code: string;
  name: string;
}

/**
 * The communities the person may pick: their own community, a street's communities, or every
 * community for district-wide roles (the server checks each request's jurisdiction anyway).
 */
export function useCommunities(): { items: CommunityChoice[]; loading: boolean } {
  const me = useMe().data;
  const unit = me?.user.unit;
  const own = unit?.level === 'community';
  const street = unit?.level === 'street';
  const below = useUnits({ parent: unit?.code ?? '' }, Boolean(street));
  const all = useUnits({ level: 'community' }, Boolean(unit) && !own && !street);
  if (!unit) return { items: [], loading: true };
  if (own) return { items: [{ code: unit.code, name: unit.name }], loading: false };
  const q = street ? below : all;
  return {
    items: (q.data ?? []).filter((u) => u.level === 'community').map((u) => ({ code: u.code, name: u.name })),
    loading: q.isPending,
  };
}

/** The chosen community and month, kept in the URL (?community=&month=) beside the tab. */
export function useCommunityMonth(communities: CommunityChoice[]) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('community');
  const community = communities.find((c) => c.code === asked)?.code ?? communities[0]?.code;
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? (params.get('month') as string)
    : beijingToday().slice(0, 7);
  // one navigation for both (two in a row would each start from the same old URL)
  const set = (values: { community?: string; month?: string }) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(values)) if (v) p.set(k, v);
        return p;
      },
      { replace: true },
    );
  return {
    community,
    month,
    setCommunity: (c: string) => set({ community: c }),
    setMonth: (m: string) => set({ month: m }),
    open: (c: string, m: string) => set({ community: c, month: m }),
  };
}

/** Community and month pickers with the tab's own buttons on the right. */
export function CommunityMonthBar({
  communities,
  loading,
  state,
  extra,
}: {
  communities: CommunityChoice[];
  loading: boolean;
  state: ReturnType<typeof useCommunityMonth>;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap align="center" justify="space-between">
      <Flex gap={8} wrap align="center">
        <Select
          style={{ minWidth: 200 }}
          showSearch
          optionFilterProp="label"
          loading={loading}
          value={state.community}
          onChange={state.setCommunity}
          placeholder={t('gridMgmt.pickCommunity')}
          aria-label={t('gridMgmt.community')}
          options={communities.map((c) => ({ value: c.code, label: c.name }))}
          data-testid="pick-community"
        />
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${state.month}-01`)}
          onChange={(d) => d && state.setMonth(d.format('YYYY-MM'))}
          disabledDate={(d) => d.format('YYYY-MM') > beijingToday().slice(0, 7)}
          aria-label={t('gridMgmt.month')}
          data-testid="pick-month"
        />
      </Flex>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
