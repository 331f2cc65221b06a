/** The staff roles of PRODUCT.md §2. */
export const ROLES = [
  'district_admin',
  'hotline_operator',
  'street_dispatcher',
  'dept_handler',
  'community_worker',
  'grid_worker',
  'supervisor',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  district_admin: '区级管理员',
  hotline_operator: '12345受理员',
  street_dispatcher: '街道派单员',
  dept_handler: '部门承办人',
  community_worker: '社区工作者',
  grid_worker: '网格员',
  supervisor: '督查/领导',
  auditor: '纪检审计',
};

/**
 * Roles whose work spans the whole district whatever unit they sit in (the hotline takes calls for
 * every street; the supervision office and auditors look at everyone). All other roles see their own
 * unit's subtree only.
 */
export const DISTRICT_WIDE_ROLES: ReadonlySet<Role> = new Set([
  'district_admin',
  'hotline_operator',
  'supervisor',
  'auditor',
]);

/** The unit levels a user with the role may belong to. */
export const ROLE_UNIT_LEVELS: Record<Role, readonly string[]> = {
  district_admin: ['district'],
  hotline_operator: ['district', 'center'],
  street_dispatcher: ['street'],
  dept_handler: ['department', 'stationed', 'company', 'center', 'resident_unit'],
  community_worker: ['community'],
  grid_worker: ['community', 'grid'],
  supervisor: ['district', 'center', 'department'],
  auditor: ['district', 'department'],
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
