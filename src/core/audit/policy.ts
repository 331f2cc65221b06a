import type { PolicyRule } from '../auth/authorize.ts';

export const auditPolicy = {
  readLog: { action: 'audit.read', roles: ['auditor', 'district_admin'], scoped: false },
  verify: { action: 'audit.verify', roles: ['auditor', 'district_admin'], scoped: false },
} as const satisfies Record<string, PolicyRule>;
