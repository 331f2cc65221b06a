/** Levels of the division tree, top-down, and of the department tree. */
export const DIVISION_LEVELS = ['district', 'street', 'community', 'grid', 'building'] as const;
export const DEPARTMENT_KINDS = ['center', 'department', 'stationed', 'company', 'resident_unit'] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const LEVEL_NAMES: Record<string, string> = {
  district: '区县',
  street: '街道/乡镇',
  community: '社区/村',
  grid: '网格',
  building: '楼栋/片区',
  center: '指挥中心',
  department: '职能部门',
  stationed: '派出机构',
  company: '公共服务企业',
  resident_unit: '驻区单位',
};

/** The community flags that change staffing rules (policy profiles read them). */
export const COMMUNITY_FLAGS = ['old_compound', 'no_property', 'elderly', 'commercial'] as const;

/** "/110107000000/" + code + "/" — the materialised path of a child. */
export const childPath = (parentPath: string, code: string): string => `${parentPath}${code}/`;

/** Is `path` inside the subtree rooted at `scopePath` (itself included)? */
export const isWithin = (path: string, scopePath: string): boolean => path.startsWith(scopePath);
