import { AppError } from '../errors.ts';
import { traceAuthorization } from './authorization-trace.ts';
import { DISTRICT_WIDE_ROLES, type Role } from './roles.ts';

/** The authenticated caller, as every use case and route sees it. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  districtCode: string;
  unitId: string;
  unitPath: string;
  unitLevel: string;
  roles: Role[];
  via: 'session' | 'api_key' | 'cli';
}

/**
 * One rule of a capability's policy file: who may do the action, and whether the target must lie in
 * the caller's jurisdiction. Routes name the rule they need; the matrix test enumerates them all.
 */
export interface PolicyRule {
  action: string;
  roles: readonly Role[];
  /** Check the target's paths against the caller's scope (false only for district-wide reference data). */
  scoped: boolean;
}

/** What a scoped check needs of a target: its district and the org-unit paths it belongs to. */
export interface ScopedResource {
  districtCode: string;
  /** Any one of these inside the caller's scope grants access (e.g. location OR assigned department). */
  paths: readonly string[];
}

/** District-wide roles see from the district's root; everyone else from their own unit down. */
export function scopePath(principal: Principal): string {
  if (principal.roles.some((r) => DISTRICT_WIDE_ROLES.has(r))) {
    const root = principal.unitPath.split('/').filter(Boolean)[0];
    return root ? `/${root}/` : principal.unitPath;
  }
  return principal.unitPath;
}

export type Decision = { allowed: true } | { allowed: false; code: 'FORBIDDEN' | 'FORBIDDEN_SCOPE' };

/** Pure decision: role first, then district, then subtree. */
export function decide(principal: Principal, rule: PolicyRule, resource?: ScopedResource): Decision {
  if (!principal.roles.some((r) => rule.roles.includes(r))) return { allowed: false, code: 'FORBIDDEN' };
  if (!rule.scoped || !resource) return { allowed: true };
  if (resource.districtCode !== principal.districtCode) return { allowed: false, code: 'FORBIDDEN_SCOPE' };
  const scope = scopePath(principal);
  return resource.paths.some((p) => p.startsWith(scope))
    ? { allowed: true }
    : { allowed: false, code: 'FORBIDDEN_SCOPE' };
}

/** Throws the API's 403 unless allowed; the HTTP layer audits every denial it renders. */
export function authorize(principal: Principal, rule: PolicyRule, resource?: ScopedResource): void {
  const decision = decide(principal, rule, resource);
  traceAuthorization({
    action: rule.action,
    scoped: rule.scoped,
    withResource: resource !== undefined,
    allowed: decision.allowed,
  });
  if (decision.allowed) return;
  if (decision.code === 'FORBIDDEN') {
    throw new AppError('FORBIDDEN', `当前角色无权执行此操作：${rule.action} (role not allowed)`, {
      action: rule.action,
    });
  }
  throw new AppError(
    'FORBIDDEN_SCOPE',
    `无权访问本辖区以外的数据：${rule.action} (outside your jurisdiction)`,
    {
      action: rule.action,
    },
  );
}

/** Every staff role: for reads any logged-in staff member may make within their scope. */
export const ALL_STAFF: readonly Role[] = [
  'district_admin',
  'hotline_operator',
  'street_dispatcher',
  'dept_handler',
  'community_worker',
  'grid_worker',
  'supervisor',
  'auditor',
];
