import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Role } from '../../api/types.ts';
import { hasAnyRole, useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { BurdenTab } from './BurdenTab.tsx';
import { ImportTab } from './ImportTab.tsx';
import { ListsTab } from './ListsTab.tsx';
import { ADMIN, BURDEN_ROLES, REPORT_ROLES, SERVICE_READ_ROLES } from './lists-api.ts';
import { PolicyTab } from './PolicyTab.tsx';
import { ReportTab } from './ReportTab.tsx';
import { RegistryTab } from './registry/RegistryTab.tsx';
import { RequestsTab } from './requests/RequestsTab.tsx';
import { ServiceTab } from './service/ServiceTab.tsx';

/** Each tab with the roles that see it ('all': every staff member; the server decides each request). */
const TABS: { key: string; roles: readonly Role[] | 'all'; pane: () => ReactNode }[] = [
  { key: 'policy', roles: 'all', pane: () => <PolicyTab /> },
  { key: 'report', roles: REPORT_ROLES, pane: () => <ReportTab /> },
  { key: 'lists', roles: 'all', pane: () => <ListsTab /> },
  { key: 'import', roles: ADMIN, pane: () => <ImportTab /> },
  { key: 'requests', roles: 'all', pane: () => <RequestsTab /> },
  { key: 'registry', roles: 'all', pane: () => <RegistryTab /> },
  { key: 'burden', roles: BURDEN_ROLES, pane: () => <BurdenTab /> },
  { key: 'service', roles: SERVICE_READ_ROLES, pane: () => <ServiceTab /> },
];

/** Where a role starts: a department files work requests, a community worker serves residents. */
const HOME_TAB: Partial<Record<Role, string>> = { dept_handler: 'requests', community_worker: 'service' };

/**
 * 清单与政策: the policy profile and its overrides, the staffing/funding report, the lists in force and
 * their import, work requests (减负) with access-item proposals, the forms and meetings registry, the
 * burden report and the service station (便民服务) — one tab each, shown by role.
 */
export default function ListsPolicyPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const allowed = TABS.filter((tab) => hasAnyRole(me, tab.roles));
  const home = me?.roles.map((r) => HOME_TAB[r.code as Role]).find(Boolean) ?? 'policy';
  const asked = params.get('tab') ?? home;
  const active = allowed.find((tab) => tab.key === asked)?.key ?? 'policy';
  return (
    <>
      <PageHeader title={t('listsPolicy.title')} sub={t('listsPolicy.intro')} />
      <Tabs
        activeKey={active}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={allowed.map((tab) => ({
          key: tab.key,
          label: t(`listsPolicy.tabs.${tab.key}`),
          children: tab.pane(),
        }))}
      />
    </>
  );
}
