import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { participationPolicy } from '../policy.ts';
import { SettingsInput } from './model.ts';
import { getSettings, saveSettings } from './store.ts';
import type { ParticipationSettingsRow } from './tables.ts';

/**
 * The district sets how many supports a proposal needs to become a topic. Proposals already made keep
 * the threshold they were made under. Audited with before and after.
 */
export async function updateSettings(options: {
  db: Db;
  principal: Principal;
  input: SettingsInput;
  requestId?: string | null;
}): Promise<ParticipationSettingsRow> {
  const input = SettingsInput.parse(options.input);
  const { principal } = options;
  authorize(principal, participationPolicy.settings);
  return options.db.transaction(async (tx) => {
    const before = await getSettings(tx, principal.districtCode);
    const saved = await saveSettings(tx, {
      districtCode: principal.districtCode,
      topicSupportThreshold: input.topicSupportThreshold,
      updatedByLabel: principal.displayName,
    });
    await appendAudit(tx, {
      districtCode: principal.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'participation_settings.update',
      targetType: 'participation_settings',
      targetId: principal.districtCode,
      details: { before: { topicSupportThreshold: before.topicSupportThreshold }, after: input },
      requestId: options.requestId ?? null,
    });
    return saved;
  });
}
