import { type AuditActor, appendAudit } from '../core/audit/append-audit.ts';
import type { Db } from '../core/db/connection.ts';
import { notFound } from '../core/errors.ts';
import { getJurisdiction, setPolicyProfile } from '../jurisdiction/store.ts';
import { getProfile } from './load-profiles.ts';

export interface ActivateProfileResult {
  districtCode: string;
  profileId: string;
  previousProfileId: string;
}

/**
 * Makes `profileId` (a bundled preset) the district's active policy profile, audited with before
 * and after. The district's single-rule overrides stay in force: they are the district's own
 * decisions and apply whichever preset they sit on. Unknown profile → `NOT_FOUND`.
 */
export async function activateProfile(options: {
  db: Db;
  districtCode: string;
  profileId: string;
  actor: AuditActor;
  /** Why (e.g. the district's decision document); kept in the audit row. */
  reason?: string | undefined;
  requestId?: string | null;
}): Promise<ActivateProfileResult> {
  const profile = getProfile(options.profileId);
  return options.db.transaction(async (tx) => {
    const jurisdiction = await getJurisdiction(tx, options.districtCode);
    if (!jurisdiction) throw notFound('辖区', options.districtCode);
    const previousProfileId = jurisdiction.policyProfile;
    await setPolicyProfile(tx, options.districtCode, profile.id);
    await appendAudit(tx, {
      districtCode: options.districtCode,
      actor: options.actor,
      action: 'policy.activate',
      targetType: 'jurisdiction',
      targetId: options.districtCode,
      details: {
        before: previousProfileId,
        after: profile.id,
        version: profile.version,
        ...(options.reason ? { reason: options.reason } : {}),
      },
      requestId: options.requestId ?? null,
    });
    return { districtCode: options.districtCode, profileId: profile.id, previousProfileId };
  });
}
