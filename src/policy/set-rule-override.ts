import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { isRuleKey, parseOverrides, resolveRule } from './load-profiles.ts';
import type { ResolvedRule, RuleKey } from './model.ts';
import { getActivePolicy, getOverride, upsertOverride } from './store.ts';

/**
 * Overrides one rule for the district. The value must pass that rule's own schema and `source`
 * (the district's approving document) is mandatory — both checked by the policy core's
 * `parseOverrides`, so the API, the CLI and stored rows obey exactly the same rules. Audited with
 * the previous override (if any). Returns the rule as computations will now resolve it.
 */
export async function setRuleOverride(options: {
  db: Db;
  districtCode: string;
  ruleKey: string;
  value: unknown;
  source: string;
  actor: AuditActor;
  requestId?: string | null;
}): Promise<ResolvedRule<RuleKey>> {
  const { ruleKey } = options;
  if (!isRuleKey(ruleKey)) {
    throw new AppError('VALIDATION_FAILED', `未知的政策规则：${ruleKey} (unknown policy rule)`, {
      key: ruleKey,
    });
  }
  const setAt = new Date();
  const candidate = {
    value: options.value,
    source: options.source,
    by: options.actor.label,
    at: setAt.toISOString(),
  };
  const parsed = parseOverrides({ [ruleKey]: candidate })[ruleKey];
  if (!parsed) throw new Error('parseOverrides dropped the override');
  return options.db.transaction(async (tx) => {
    const before = await getOverride(tx, options.districtCode, ruleKey);
    await upsertOverride(tx, {
      districtCode: options.districtCode,
      ruleKey,
      value: parsed.value,
      source: parsed.source,
      setBy: options.actor.label,
      setById: options.actor.id,
      setAt,
    });
    await appendAudit(tx, {
      districtCode: options.districtCode,
      actor: options.actor,
      action: 'policy.override.set',
      targetType: 'policy_rule',
      targetId: ruleKey,
      details: {
        before: before ? { value: before.value, source: before.source } : null,
        after: { value: parsed.value, source: parsed.source },
      },
      requestId: options.requestId ?? null,
    });
    const active = await getActivePolicy(tx, options.districtCode);
    return resolveRule(active.profileId, ruleKey, active.overrides);
  });
}
