import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { resolveRule } from './load-profiles.ts';
import type { ResolvedRule, RuleKey } from './model.ts';
import { deleteOverride, getActivePolicy, getOverride } from './store.ts';

/**
 * Drops the district's override of a rule, so the active profile (or `generic`) applies again.
 * Audited with the removed value. No override for the rule → `NOT_FOUND`.
 */
export async function removeRuleOverride(options: {
  db: Db;
  districtCode: string;
  ruleKey: string;
  actor: AuditActor;
  reason?: string | undefined;
  requestId?: string | null;
}): Promise<ResolvedRule<RuleKey>> {
  return options.db.transaction(async (tx) => {
    const before = await getOverride(tx, options.districtCode, options.ruleKey);
    if (!before) {
      throw new AppError('NOT_FOUND', `本区未覆盖该政策规则：${options.ruleKey} (no override)`, {
        key: options.ruleKey,
      });
    }
    await deleteOverride(tx, options.districtCode, options.ruleKey);
    await appendAudit(tx, {
      districtCode: options.districtCode,
      actor: options.actor,
      action: 'policy.override.remove',
      targetType: 'policy_rule',
      targetId: options.ruleKey,
      details: {
        before: { value: before.value, source: before.source },
        ...(options.reason ? { reason: options.reason } : {}),
      },
      requestId: options.requestId ?? null,
    });
    const active = await getActivePolicy(tx, options.districtCode);
    return resolveRule(active.profileId, before.ruleKey as RuleKey, active.overrides);
  });
}
