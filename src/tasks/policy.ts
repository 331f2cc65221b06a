import type { PolicyRule } from '../core/auth/authorize.ts';
import type { Role } from '../core/auth/roles.ts';

/** The supervision office and the district's administrators run plans; everyone else is supervised. */
const SUPERVISORS: readonly Role[] = ['district_admin', 'supervisor'];
/** Who sees tasks: district-wide roles all of them, departments and streets those naming their units. */
const READERS: readonly Role[] = [
  'district_admin',
  'supervisor',
  'auditor',
  'dept_handler',
  'street_dispatcher',
];

/**
 * Who may do what in task supervision (督查督办). Scoped rules compare the task's paths: its plan's
 * owner (the district root, which district-wide roles reach) and the paths of its lead/co units.
 */
export const tasksPolicy = {
  parsePlan: { action: 'task_plan.parse', roles: SUPERVISORS, scoped: false },
  importPlan: { action: 'task_plan.import', roles: SUPERVISORS, scoped: false },
  readTasks: { action: 'task.read', roles: READERS, scoped: true },
  exportPlan: { action: 'task_plan.export', roles: READERS, scoped: true },
  /** Reporting is the supervised units' job: a lead reports, a co-unit contributes. */
  reportProgress: { action: 'task.report', roles: ['dept_handler', 'street_dispatcher'], scoped: true },
  comment: { action: 'task.comment', roles: SUPERVISORS, scoped: true },
  /** The bulletin ranks every unit of the district: district-wide readers only. */
  readBulletin: { action: 'task.bulletin', roles: [...SUPERVISORS, 'auditor'], scoped: false },
  readUnitNames: { action: 'task_unit_name.read', roles: [...SUPERVISORS, 'auditor'], scoped: false },
  mapUnitName: { action: 'task_unit_name.map', roles: SUPERVISORS, scoped: false },
  sweepReminders: { action: 'task.remind', roles: SUPERVISORS, scoped: false },
  readReminders: { action: 'task_reminder.read', roles: READERS, scoped: true },
} as const satisfies Record<string, PolicyRule>;
