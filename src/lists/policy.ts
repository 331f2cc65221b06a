import { ALL_STAFF, authorize, type PolicyRule, type Principal } from '../core/auth/authorize.ts';

/** Who may do what with lists, work requests, forms, meetings and service-station cases. */
export const listsPolicy = {
  /** Lists are the district's published reference: every staff member cites and checks them. */
  readLists: { action: 'list.read', roles: ALL_STAFF, scoped: false },
  importList: { action: 'list.import', roles: ['district_admin'], scoped: true },
  proposeItem: {
    action: 'access_proposal.create',
    roles: ['dept_handler', 'street_dispatcher', 'district_admin'],
    scoped: true,
  },
  decideProposal: { action: 'access_proposal.decide', roles: ['district_admin'], scoped: true },
  readProposals: { action: 'access_proposal.read', roles: ALL_STAFF, scoped: false },
  fileWorkRequest: {
    action: 'work_request.create',
    roles: ['dept_handler', 'street_dispatcher', 'district_admin'],
    scoped: true,
  },
  /** The streets and communities to pick from when filing a request, a form or a meeting. */
  readTargets: {
    action: 'burden_target.read',
    roles: ['dept_handler', 'street_dispatcher', 'district_admin'],
    scoped: true,
  },
  readWorkRequests: { action: 'work_request.read', roles: ALL_STAFF, scoped: true },
  acknowledgeNotice: {
    action: 'work_notice.acknowledge',
    roles: ['community_worker', 'street_dispatcher', 'district_admin'],
    scoped: true,
  },
  registerForm: { action: 'form.register', roles: ['dept_handler', 'district_admin'], scoped: true },
  readForms: { action: 'form.read', roles: ALL_STAFF, scoped: true },
  registerMeeting: {
    action: 'meeting.register',
    roles: ['dept_handler', 'street_dispatcher', 'district_admin'],
    scoped: true,
  },
  /**
   * Registered meetings: whoever reads the burden report, and departments — which see the meetings
   * they registered (or that involve a unit inside their own subtree), never another unit's.
   */
  readMeetings: {
    action: 'meeting.read',
    roles: [
      'district_admin',
      'street_dispatcher',
      'community_worker',
      'supervisor',
      'auditor',
      'dept_handler',
    ],
    scoped: true,
  },
  readBurdenReport: {
    action: 'burden.report',
    roles: ['district_admin', 'street_dispatcher', 'community_worker', 'supervisor', 'auditor'],
    scoped: true,
  },
  serveResidents: {
    action: 'service_case.write',
    roles: ['community_worker', 'street_dispatcher', 'district_admin'],
    scoped: true,
  },
  readServiceCases: {
    action: 'service_case.read',
    roles: ['community_worker', 'street_dispatcher', 'district_admin', 'supervisor', 'auditor'],
    scoped: true,
  },
} as const satisfies Record<string, PolicyRule>;

/**
 * Authorizes an action aimed at a street or community from outside its tree. Departments serve the
 * whole district, so a department handler reaches any unit of their own district; everyone else
 * only their own subtree. Another district is always `FORBIDDEN_SCOPE`.
 */
export function authorizeToward(
  principal: Principal,
  rule: PolicyRule,
  target: { districtCode: string; path: string },
): void {
  const resource = { districtCode: target.districtCode, paths: [target.path] };
  authorize(principal, { ...rule, scoped: false });
  if (target.districtCode === principal.districtCode && principal.roles.includes('dept_handler')) {
    if ((rule.roles as readonly string[]).includes('dept_handler')) return;
  }
  authorize(principal, rule, resource);
}
