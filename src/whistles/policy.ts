import { ALL_STAFF, type PolicyRule } from '../core/auth/authorize.ts';

const BLOWERS = ['street_dispatcher', 'community_worker', 'district_admin'] as const;

/**
 * Who may do what with whistles. Both sides are scoped: the blower on its own unit's whistles, a
 * summoned unit on its own summons; anyone who can see either side may read the whistle.
 */
export const whistlePolicy = {
  blow: { action: 'whistle.blow', roles: ['street_dispatcher', 'community_worker'], scoped: true },
  read: { action: 'whistle.read', roles: ALL_STAFF, scoped: true },
  /** The blower's side: more summons, on-behalf check-ins, close with ratings, cancel. */
  manage: { action: 'whistle.manage', roles: BLOWERS, scoped: true },
  /** The summoned unit's side: check in, record actions. */
  respond: { action: 'whistle.respond', roles: ['dept_handler'], scoped: true },
  /** Measures of both sides, district-wide reference like the demand rankings. */
  measures: {
    action: 'whistle.measures',
    roles: ['district_admin', 'supervisor', 'auditor', 'street_dispatcher', 'dept_handler'],
    scoped: false,
  },
  /** The party-member registry of a community. */
  members: { action: 'party_member.manage', roles: BLOWERS, scoped: true },
  readMembers: { action: 'party_member.read', roles: ALL_STAFF, scoped: true },
} as const satisfies Record<string, PolicyRule>;
