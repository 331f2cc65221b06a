import { ALL_STAFF, type PolicyRule } from '../core/auth/authorize.ts';
import type { DemandActionKind } from './actions.ts';
import { ACTION_SIDE } from './actions.ts';

const HOTLINE = ['hotline_operator', 'district_admin'] as const;
const OWNER = ['street_dispatcher', 'dept_handler', 'community_worker', 'district_admin'] as const;

/** Who may do what with demands. Scoped rules compare the demand's location and unit paths. */
export const demandPolicy = {
  create: {
    action: 'demand.create',
    roles: ['hotline_operator', 'district_admin', 'grid_worker', 'community_worker', 'street_dispatcher'],
    scoped: true,
  },
  suggest: { action: 'demand.suggest', roles: ALL_STAFF, scoped: false },
  read: { action: 'demand.read', roles: ALL_STAFF, scoped: true },
  revealCaller: {
    action: 'demand.reveal_caller',
    roles: ['hotline_operator', 'district_admin', 'street_dispatcher', 'dept_handler', 'community_worker'],
    scoped: true,
  },
  hotline: { action: 'demand.hotline_action', roles: HOTLINE, scoped: true },
  owner: { action: 'demand.owner_action', roles: OWNER, scoped: true },
  supervisor: { action: 'demand.escalate', roles: ['supervisor', 'district_admin'], scoped: true },
  measures: {
    action: 'demand.measures',
    roles: [
      'district_admin',
      'supervisor',
      'hotline_operator',
      'auditor',
      'street_dispatcher',
      'dept_handler',
    ],
    scoped: false,
  },
  manageRules: { action: 'demand.manage_rules', roles: ['district_admin'], scoped: false },
  manageCalendar: { action: 'calendar.manage', roles: ['district_admin'], scoped: false },
} as const satisfies Record<string, PolicyRule>;

/** The rule for a lifecycle action. */
export function ruleForAction(kind: DemandActionKind): PolicyRule {
  const side = ACTION_SIDE[kind];
  return side === 'hotline'
    ? demandPolicy.hotline
    : side === 'owner'
      ? demandPolicy.owner
      : demandPolicy.supervisor;
}
