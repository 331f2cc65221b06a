import { ALL_STAFF, type PolicyRule } from '../../core/auth/authorize.ts';

/** Who may do what with user accounts. Scoped rules compare the target user's unit path. */
export const peoplePolicy = {
  listUsers: {
    action: 'user.list',
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
  readUser: { action: 'user.read', roles: ALL_STAFF, scoped: true },
  revealPhone: { action: 'user.reveal_phone', roles: ['district_admin', 'auditor'], scoped: true },
  createUser: { action: 'user.create', roles: ['district_admin'], scoped: true },
  unlockUser: { action: 'user.unlock', roles: ['district_admin'], scoped: true },
  createApiKey: { action: 'api_key.create', roles: ['district_admin'], scoped: true },
  /** Removes a user's second factor (a lost phone); the user enrols again. */
  resetTotp: { action: 'user.totp_reset', roles: ['district_admin'], scoped: true },
} as const satisfies Record<string, PolicyRule>;
