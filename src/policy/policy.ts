import { ALL_STAFF, type PolicyRule } from '../core/auth/authorize.ts';

/** Who may read and change the district's policy profile, overrides and facts. */
export const policyPolicy = {
  /** The presets and pure computations are public reference material inside the district. */
  readProfiles: { action: 'policy.read', roles: ALL_STAFF, scoped: false },
  compute: { action: 'policy.compute', roles: ALL_STAFF, scoped: false },
  activate: { action: 'policy.activate', roles: ['district_admin'], scoped: true },
  override: { action: 'policy.override', roles: ['district_admin'], scoped: true },
  readReport: {
    action: 'policy.report',
    roles: ['district_admin', 'street_dispatcher', 'supervisor', 'auditor'],
    scoped: true,
  },
  recordFacts: {
    action: 'policy.community_facts',
    roles: ['district_admin', 'street_dispatcher'],
    scoped: true,
  },
} as const satisfies Record<string, PolicyRule>;
