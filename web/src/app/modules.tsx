import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  CommentOutlined,
  CompassOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { Role } from '../api/types.ts';

const WorkbenchPage = lazy(() => import('../pages/workbench/WorkbenchPage.tsx'));
const JurisdictionPage = lazy(() => import('../pages/jurisdiction/JurisdictionPage.tsx'));
const GridImportPage = lazy(() => import('../pages/jurisdiction/GridImportPage.tsx'));
const DepartmentsPage = lazy(() => import('../pages/DepartmentsPage.tsx'));
const UsersPage = lazy(() => import('../pages/UsersPage.tsx'));
const AuditPage = lazy(() => import('../pages/AuditPage.tsx'));
const IntakePage = lazy(() => import('../pages/demands/IntakePage.tsx'));
const DemandListPage = lazy(() => import('../pages/demands/DemandListPage.tsx'));
const DemandDetailPage = lazy(() => import('../pages/demands/DemandDetailPage.tsx'));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage.tsx'));
const TaskPlansPage = lazy(() => import('../pages/tasks/TaskPlansPage.tsx'));
const PlanImportPage = lazy(() => import('../pages/tasks/PlanImportPage.tsx'));
const PlanBoardPage = lazy(() => import('../pages/tasks/PlanBoardPage.tsx'));
const TaskDetailPage = lazy(() => import('../pages/tasks/TaskDetailPage.tsx'));
const UnitNamesPage = lazy(() => import('../pages/tasks/UnitNamesPage.tsx'));
const AssessmentPage = lazy(() => import('../pages/assessment/AssessmentPage.tsx'));
const ParticipationPage = lazy(() => import('../pages/participation/ParticipationPage.tsx'));
const GridWorkPage = lazy(() => import('../pages/grid-work/GridWorkPage.tsx'));
const GridManagementPage = lazy(() => import('../pages/grid-management/GridManagementPage.tsx'));
const WhistlesPage = lazy(() => import('../pages/whistles/WhistlesPage.tsx'));
const SecurityPage = lazy(() => import('../pages/account/SecurityPage.tsx'));
const ListsPolicyPage = lazy(() => import('../pages/lists/ListsPolicyPage.tsx'));

/**
 * One entry per screen of the signed-in app: its route(s), its menu item and who may open it.
 * A new capability (demands, whistles, lists, tasks, assessment…) adds its entry here and, if it
 * has work waiting for people, a source in workbench-sources.ts; the layout, menu and role guard
 * follow. `roles` mirrors the server's policy files (the server still decides every request).
 */
export interface AppModule {
  key: string;
  /** i18n key of the menu label and page title. */
  label: string;
  icon: ReactNode;
  /** The menu target and first route. */
  path: string;
  /** Further routes of the same screen (detail views …). */
  extraPaths?: string[];
  roles: readonly Role[] | 'all';
  element: ReactNode;
  /** false: reachable by URL and links only. */
  menu?: boolean;
}

/** Roles whose unit is in the division tree (street → community → grid); others have no 辖区 view. */
const DIVISION_ROLES: readonly Role[] = [
  'district_admin',
  'hotline_operator',
  'street_dispatcher',
  'community_worker',
  'grid_worker',
  'supervisor',
  'auditor',
];

export const MODULES: AppModule[] = [
  {
    // everyone's own second factor; reached from the user menu
    key: 'account-security',
    label: 'account.title',
    icon: <ProfileOutlined />,
    path: '/account/security',
    roles: 'all',
    element: <SecurityPage />,
    menu: false,
  },
  {
    key: 'workbench',
    label: 'nav.workbench',
    icon: <DashboardOutlined />,
    path: '/workbench',
    roles: 'all',
    element: <WorkbenchPage />,
  },
  {
    key: 'intake',
    label: 'nav.intake',
    icon: <PhoneOutlined />,
    path: '/demands/intake',
    // the hotline's screen (src/demands/policy.ts create; other creators record grid events instead)
    roles: ['hotline_operator', 'district_admin'],
    element: <IntakePage />,
  },
  {
    key: 'demands',
    label: 'nav.demands',
    icon: <FileTextOutlined />,
    path: '/demands',
    // src/demands/policy.ts read: ALL_STAFF
    roles: 'all',
    element: <DemandListPage />,
  },
  {
    key: 'demand-detail',
    label: 'nav.demands',
    icon: <FileTextOutlined />,
    path: '/demands/:id',
    roles: 'all',
    element: <DemandDetailPage />,
    menu: false,
  },
  {
    key: 'dashboard',
    label: 'nav.dashboard',
    icon: <FundProjectionScreenOutlined />,
    path: '/dashboard',
    // src/demands/policy.ts measures
    roles: [
      'district_admin',
      'supervisor',
      'hotline_operator',
      'auditor',
      'street_dispatcher',
      'dept_handler',
    ],
    element: <DashboardPage />,
  },
  {
    key: 'tasks',
    label: 'nav.tasks',
    icon: <ScheduleOutlined />,
    path: '/tasks',
    // src/tasks/policy.ts readTasks
    roles: ['district_admin', 'supervisor', 'auditor', 'dept_handler', 'street_dispatcher'],
    element: <TaskPlansPage />,
  },
  {
    key: 'task-plan',
    label: 'nav.tasks',
    icon: <ScheduleOutlined />,
    path: '/tasks/plans/:id',
    roles: ['district_admin', 'supervisor', 'auditor', 'dept_handler', 'street_dispatcher'],
    element: <PlanBoardPage />,
    menu: false,
  },
  {
    key: 'task-item',
    label: 'nav.tasks',
    icon: <ScheduleOutlined />,
    path: '/tasks/item/:id',
    roles: ['district_admin', 'supervisor', 'auditor', 'dept_handler', 'street_dispatcher'],
    element: <TaskDetailPage />,
    menu: false,
  },
  {
    key: 'task-import',
    label: 'nav.taskImport',
    icon: <ScheduleOutlined />,
    path: '/tasks/import',
    // src/tasks/policy.ts importPlan
    roles: ['district_admin', 'supervisor'],
    element: <PlanImportPage />,
    menu: false,
  },
  {
    key: 'task-unit-names',
    label: 'nav.taskUnitNames',
    icon: <ScheduleOutlined />,
    path: '/tasks/unit-names',
    // src/tasks/policy.ts readUnitNames
    roles: ['district_admin', 'supervisor', 'auditor'],
    element: <UnitNamesPage />,
    menu: false,
  },
  {
    key: 'assessment',
    label: 'nav.assessment',
    icon: <TrophyOutlined />,
    path: '/assessment',
    extraPaths: ['/assessment/results/:id'],
    // src/assessment/policy.ts readSchemes / readResults: ALL_STAFF (each unit sees its own rows)
    roles: 'all',
    element: <AssessmentPage />,
  },
  {
    key: 'whistles',
    label: 'whistles.nav',
    icon: <NotificationOutlined />,
    path: '/whistles',
    extraPaths: ['/whistles/:id'],
    // src/whistles/policy.ts: blowers (street, community), summoned departments, oversight
    roles: [
      'street_dispatcher',
      'community_worker',
      'dept_handler',
      'district_admin',
      'supervisor',
      'auditor',
    ],
    element: <WhistlesPage />,
  },
  {
    key: 'grid-work',
    label: 'gridWork.nav',
    icon: <CompassOutlined />,
    path: '/grid-work',
    // src/grid-work/policy.ts patrol / reportEvent: the grid worker's phone screen
    roles: ['grid_worker'],
    element: <GridWorkPage />,
  },
  {
    key: 'grid-management',
    label: 'gridMgmt.nav',
    icon: <ClusterOutlined />,
    path: '/grid-management',
    extraPaths: ['/grid-management/events/:id'],
    // src/grid-work/policy.ts: managing levels and handlers of grid events, patrol sheets, the
    // problems register and staffing (each tab by role, see grid-management-api.ts TAB_ROLES)
    roles: [
      'community_worker',
      'street_dispatcher',
      'dept_handler',
      'district_admin',
      'supervisor',
      'auditor',
    ],
    element: <GridManagementPage />,
  },
  {
    key: 'lists-policy',
    label: 'listsPolicy.nav',
    icon: <ProfileOutlined />,
    path: '/lists',
    // src/lists/policy.ts readLists and src/policy/policy.ts readProfiles: ALL_STAFF (report tabs by role)
    roles: 'all',
    element: <ListsPolicyPage />,
  },
  {
    key: 'participation',
    label: 'participation.nav',
    icon: <CommentOutlined />,
    path: '/participation',
    extraPaths: ['/participation/:tab', '/participation/:tab/:id'],
    // src/participation/policy.ts read: ALL_STAFF (each sees their jurisdiction; actions by role)
    roles: 'all',
    element: <ParticipationPage />,
  },
  {
    key: 'jurisdiction',
    label: 'nav.jurisdiction',
    icon: <EnvironmentOutlined />,
    path: '/jurisdiction',
    extraPaths: ['/jurisdiction/:code'],
    roles: DIVISION_ROLES,
    element: <JurisdictionPage />,
  },
  {
    key: 'grid-import',
    label: 'nav.gridImport',
    icon: <CloudUploadOutlined />,
    path: '/grids/import',
    roles: ['district_admin'],
    element: <GridImportPage />,
  },
  {
    key: 'departments',
    label: 'nav.departments',
    icon: <ApartmentOutlined />,
    path: '/departments',
    roles: 'all',
    element: <DepartmentsPage />,
  },
  {
    key: 'users',
    label: 'nav.users',
    icon: <TeamOutlined />,
    path: '/users',
    // src/jurisdiction/people/policy.ts listUsers
    roles: [
      'district_admin',
      'street_dispatcher',
      'community_worker',
      'supervisor',
      'auditor',
      'dept_handler',
    ],
    element: <UsersPage />,
  },
  {
    key: 'audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    path: '/audit',
    // src/core/audit/policy.ts
    roles: ['auditor', 'district_admin'],
    element: <AuditPage />,
  },
];
