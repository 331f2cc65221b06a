import { ALL_STAFF, type PolicyRule } from '../auth/authorize.ts';

/** In-app notifications and the outbox's state. */
export const outboxPolicy = {
  /** Notices addressed to units in the caller's scope. */
  readNotifications: { action: 'notification.read', roles: ALL_STAFF, scoped: true },
  markRead: { action: 'notification.mark_read', roles: ALL_STAFF, scoped: true },
  status: { action: 'outbox.status', roles: ['district_admin', 'auditor'], scoped: false },
} as const satisfies Record<string, PolicyRule>;
