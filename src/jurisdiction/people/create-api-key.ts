import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import { API_KEY_PREFIX, sha256 } from '../../core/auth/sessions.ts';
import { apiKeys } from '../../core/auth/tables.ts';
import { findUserById } from '../../core/auth/users-store.ts';
import type { Db } from '../../core/db/connection.ts';
import { notFound } from '../../core/errors.ts';
import { randomToken, uuidv7 } from '../../core/ids.ts';

export interface CreateApiKeyOptions {
  db: Db;
  userId: string;
  name: string;
  actor: AuditActor;
  requestId?: string | null;
}

/** Issues an API key for a (machine) user. The key is returned once; only its SHA-256 is stored. */
export async function createApiKey(
  options: CreateApiKeyOptions,
): Promise<{ id: string; key: string; prefix: string }> {
  return options.db.transaction(async (tx) => {
    const user = await findUserById(tx, options.userId);
    if (!user) throw notFound('用户', options.userId);
    const key = `${API_KEY_PREFIX}${randomToken(24)}`;
    const id = uuidv7();
    const prefix = key.slice(0, 10);
    await tx.insert(apiKeys).values({
      id,
      districtCode: user.districtCode,
      userId: user.id,
      name: options.name,
      prefix,
      keyHash: sha256(key),
    });
    await appendAudit(tx, {
      districtCode: user.districtCode,
      actor: options.actor,
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: id,
      details: { user: user.username, name: options.name, prefix },
      requestId: options.requestId ?? null,
    });
    return { id, key, prefix };
  });
}
