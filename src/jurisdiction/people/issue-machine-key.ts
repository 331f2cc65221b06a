import type { AuditActor } from '../../core/audit/append-audit.ts';
import { findUserByUsername, type UserWithUnit } from '../../core/auth/users-store.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { randomToken } from '../../core/ids.ts';
import { getJurisdiction, listJurisdictions, listUnits } from '../store.ts';
import { addUser } from './add-user.ts';
import { createApiKey } from './create-api-key.ts';

export interface IssueMachineKeyOptions {
  db: Db;
  /** What the key is for (an Open311 gateway, the CTI system …): shown in key lists and the audit log. */
  name: string;
  /** Required only when the installation serves more than one district. */
  districtCode?: string | undefined;
  actor: AuditActor;
}

export interface IssuedMachineKey {
  key: string;
  keyId: string;
  prefix: string;
  districtCode: string;
  user: { id: string; username: string; unitName: string; created: boolean };
}

/** The machine user of a district: one per district, so every gateway's intake is attributable. */
export const machineUsername = (districtCode: string): string => `api-${districtCode}`;

/**
 * Issues an API key for machine clients of a district (`jiedao apikey create`). The key belongs to the
 * district's machine user — created on first use as a hotline operator in the command centre (the
 * district itself when there is none, e.g. after `init` without departments), then reused. Its
 * password is random and never shown: machine users cannot log in anyway. Both steps are audited.
 */
export async function issueMachineKey(options: IssueMachineKeyOptions): Promise<IssuedMachineKey> {
  const name = options.name.trim();
  if (!name || name.length > 100) throw new AppError('VALIDATION_FAILED', '密钥名称须为 1–100 个字符 (name)');
  const districtCode = await pickDistrict(options.db, options.districtCode);
  const username = machineUsername(districtCode);
  let user: UserWithUnit | undefined = await findUserByUsername(options.db, username);
  const created = !user;
  if (user && (!user.isMachine || user.districtCode !== districtCode)) {
    throw new AppError('CONFLICT', `用户名 ${username} 已被非机器用户占用 (username taken by a person)`);
  }
  if (!user) {
    user = await addUser({
      db: options.db,
      actor: options.actor,
      isMachine: true,
      input: {
        username,
        displayName: '接口机器用户',
        unitCode: await machineUnitCode(options.db, districtCode),
        roles: ['hotline_operator'],
        // Letters and digits guaranteed; 32 random bytes make it unguessable and it is never printed.
        password: `Mk9${randomToken(32)}`,
      },
    });
  }
  const key = await createApiKey({ db: options.db, userId: user.id, name, actor: options.actor });
  return {
    key: key.key,
    keyId: key.id,
    prefix: key.prefix,
    districtCode,
    user: { id: user.id, username: user.username, unitName: user.unitName, created },
  };
}

async function pickDistrict(db: Db, wanted: string | undefined): Promise<string> {
  if (wanted) {
    if (!(await getJurisdiction(db, wanted)))
      throw new AppError('NOT_FOUND', `辖区不存在：${wanted} (not found)`);
    return wanted;
  }
  const all = await listJurisdictions(db);
  if (all.length === 1 && all[0]) return all[0].districtCode;
  if (all.length === 0)
    throw new AppError('NOT_FOUND', '尚未建立辖区，请先运行 jiedao init (no district yet)');
  throw new AppError('BAD_REQUEST', '有多个辖区，请用 --district 指定 (several districts: pass --district)');
}

/** The command centre (指挥中心) of the district, else the district itself. */
async function machineUnitCode(db: Db, districtCode: string): Promise<string> {
  const root = `/${districtCode}000000/`;
  const [centre] = await listUnits(db, { districtCode, withinPath: root, level: 'center', limit: 1 });
  return centre?.code ?? `${districtCode}000000`;
}
