import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import EventDetailPage from './EventDetailPage.tsx';
import { EventsTab } from './EventsTab.tsx';
import { TAB_ROLES } from './grid-management-api.ts';
import { IndicatorsTab } from './IndicatorsTab.tsx';
import { PatrolSheetTab } from './PatrolSheetTab.tsx';
import { PostsTab } from './PostsTab.tsx';
import { RegisterTab } from './RegisterTab.tsx';
import { StaffingTab } from './StaffingTab.tsx';

const TABS: { key: keyof typeof TAB_ROLES; pane: () => ReactNode }[] = [
  { key: 'events', pane: () => <EventsTab /> },
  { key: 'patrol', pane: () => <PatrolSheetTab /> },
  { key: 'register', pane: () => <RegisterTab /> },
  { key: 'indicators', pane: () => <IndicatorsTab /> },
  { key: 'posts', pane: () => <PostsTab /> },
  { key: 'staffing', pane: () => <StaffingTab /> },
];

/**
 * 网格管理 (communities, streets, departments, oversight): the grid-event register with the closed
 * loop's actions, the monthly patrol sheets and their signature, the problems register and its
 * sign-off, the indicators per unit, the posts on grids, the grid-worker staffing check — one tab
 * each, by role. `/grid-management/events/:id` is one event.
 */
export default function GridManagementPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  if (id) return <EventDetailPage id={id} />;
  const allowed = TABS.filter((tab) => hasAnyRole(me, TAB_ROLES[tab.key]));
  const active = allowed.find((tab) => tab.key === params.get('tab'))?.key ?? allowed[0]?.key;
  return (
    <>
      <PageHeader title={t('gridMgmt.title')} sub={t('gridMgmt.intro')} />
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={allowed.map((tab) => ({
          key: tab.key,
          label: t(`gridMgmt.tabs.${tab.key}`),
          children: tab.pane(),
        }))}
      />
    </>
  );
}
