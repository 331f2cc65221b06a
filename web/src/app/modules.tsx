import {
  ApartmentOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { Role } from '../api/types.ts';

const WorkbenchPage = lazy(() => import('../pages/workbench/WorkbenchPage.tsx'));
const JurisdictionPage = lazy(() => import('../pages/jurisdiction/JurisdictionPage.tsx'));
const GridImportPage = lazy(() => import('../pages/jurisdiction/GridImportPage.tsx'));
const DepartmentsPage = lazy(() => import('../pages/DepartmentsPage.tsx'));
const UsersPage = lazy(() => import('../pages/UsersPage.tsx'));
const AuditPage = lazy(() => import('../pages/AuditPage.tsx'));

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
    key: 'workbench',
    label: 'nav.workbench',
    icon: <DashboardOutlined />,
    path: '/workbench',
    roles: 'all',
    element: <WorkbenchPage />,
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
