import { ALL_STAFF, type PolicyRule } from '../core/auth/authorize.ts';

const COMMUNITY_UP = ['community_worker', 'street_dispatcher', 'district_admin'] as const;

/**
 * Who may do what in grid work. Scoped rules compare the record's org paths (grid, community,
 * owner or handler of a grid event) with the caller's unit subtree; district-wide roles see all.
 */
export const gridWorkPolicy = {
  read: { action: 'grid_work.read', roles: ALL_STAFF, scoped: true },
  /** Posts on grids: the community runs its grids; the street and district may too. */
  assign: { action: 'grid_assignment.manage', roles: COMMUNITY_UP, scoped: true },
  /** Who signs the community's sheet is decided above the community. */
  designateSecretary: {
    action: 'grid_assignment.designate_secretary',
    roles: ['street_dispatcher', 'district_admin'],
    scoped: true,
  },
  staffing: {
    action: 'grid_work.staffing',
    roles: ['community_worker', 'street_dispatcher', 'district_admin', 'supervisor', 'auditor'],
    scoped: true,
  },
  /** Only grid workers keep a patrol log, each their own. */
  patrol: { action: 'patrol.record', roles: ['grid_worker'], scoped: true },
  /** Signing is further limited to the community's designated party secretary. */
  signSheet: { action: 'patrol.sign', roles: ['community_worker'], scoped: true },
  reportEvent: { action: 'grid_event.report', roles: ['grid_worker', 'community_worker'], scoped: true },
  /** The managing level: register, reject, escalate, dispatch, decide extensions, close. */
  manageEvent: { action: 'grid_event.manage', roles: COMMUNITY_UP, scoped: true },
  /** The handling unit: dispose, ask for more time. */
  handleEvent: {
    action: 'grid_event.handle',
    roles: ['community_worker', 'street_dispatcher', 'dept_handler', 'district_admin'],
    scoped: true,
  },
  indicators: {
    action: 'grid_event.indicators',
    roles: [
      'community_worker',
      'street_dispatcher',
      'dept_handler',
      'district_admin',
      'supervisor',
      'auditor',
    ],
    scoped: true,
  },
  /** Problems register: workers and communities write, the street signs off and assigns leaders. */
  registerWrite: {
    action: 'problem_register.write',
    roles: ['grid_worker', 'community_worker'],
    scoped: true,
  },
  registerSubmit: { action: 'problem_register.submit', roles: ['community_worker'], scoped: true },
  registerSignOff: {
    action: 'problem_register.sign_off',
    roles: ['street_dispatcher', 'district_admin'],
    scoped: true,
  },
  registerResult: {
    action: 'problem_register.result',
    roles: ['street_dispatcher', 'community_worker', 'district_admin'],
    scoped: true,
  },
} as const satisfies Record<string, PolicyRule>;
