import { type AuditActor, appendAudit } from '../../core/audit/append-audit.ts';
import { assertPasswordPolicy, hashPassword } from '../../core/auth/passwords.ts';
import { ROLE_NAMES, ROLE_UNIT_LEVELS } from '../../core/auth/roles.ts';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  type UserWithUnit,
} from '../../core/auth/users-store.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { LEVEL_NAMES } from '../levels.ts';
import { getUnitByCode } from '../store.ts';
import { AddUserInput } from './model.ts';

export interface AddUserOptions {
  db: Db;
  input: AddUserInput;
  actor: AuditActor;
  requestId?: string | null;
  /** Machine users (API-key holders) are flagged so screens and reports can tell them apart. */
  isMachine?: boolean;
}

/**
 * Creates a staff user in one org unit with roles that fit the unit's level (a street dispatcher
 * sits in a street, a department handler in a department …). Audited; the password is never logged.
 */
export async function addUser(options: AddUserOptions): Promise<UserWithUnit> {
  const input = AddUserInput.parse(options.input);
  assertPasswordPolicy(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return options.db.transaction(async (tx) => {
    const unit = await getUnitByCode(tx, input.unitCode);
    if (!unit) throw new AppError('NOT_FOUND', `组织单位不存在：${input.unitCode} (unit not found)`);
    for (const role of input.roles) {
      if (!ROLE_UNIT_LEVELS[role].includes(unit.level)) {
        throw new AppError(
          'INVALID_ROLE_FOR_UNIT',
          `角色“${ROLE_NAMES[role]}”不能设在${LEVEL_NAMES[unit.level] ?? unit.level}“${unit.name}” (role does not fit the unit)`,
          { role, unitLevel: unit.level, allowedLevels: ROLE_UNIT_LEVELS[role] },
        );
      }
    }
    if (await findUserByUsername(tx, input.username)) {
      throw new AppError('CONFLICT', `用户名已存在：${input.username} (username taken)`);
    }
    const id = uuidv7();
    await insertUser(tx, {
      id,
      districtCode: unit.districtCode,
      username: input.username,
      displayName: input.displayName,
      phone: input.phone ?? null,
      orgUnitId: unit.id,
      roles: input.roles,
      passwordHash,
      isMachine: options.isMachine ?? false,
    });
    await appendAudit(tx, {
      districtCode: unit.districtCode,
      actor: options.actor,
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      details: { username: input.username, roles: input.roles, unit: unit.code },
      requestId: options.requestId ?? null,
    });
    const created = await findUserById(tx, id);
    if (!created) throw new AppError('INTERNAL', '用户创建失败 (user not created)');
    return created;
  });
}
