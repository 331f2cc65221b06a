import { z } from 'zod';
import { appendAudit } from '../core/audit/append-audit.ts';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Role } from '../core/auth/roles.ts';
import { findUserByUsername } from '../core/auth/users-store.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { uuidv7 } from '../core/ids.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { getAssignment, insertAssignment } from './assignments-store.ts';
import { beijingDate, dateSchema, isUniqueViolation, POST_NAMES, POSTS, type Post } from './model.ts';
import { gridWorkPolicy } from './policy.ts';
import type { GridAssignmentRow } from './tables.ts';

/** A post to fill: who (a staff account, or a resident by name for 街巷长/楼栋长), where, since when. */
export const AssignPostInput = z
  .object({
    unitCode: z.string().min(12).max(15),
    post: z.enum(POSTS),
    username: z.string().trim().min(1).max(64).optional(),
    personName: z.string().trim().min(2).max(50).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[\d+\-() ]{5,20}$/, '电话号码格式不正确')
      .optional(),
    area: z.string().trim().max(100).optional(),
    startedOn: dateSchema.optional(),
  })
  .refine((v) => v.username || v.personName, { message: '须指定账号或姓名', path: ['username'] });
export type AssignPostInput = z.input<typeof AssignPostInput>;

/** The staff role a post needs when it is held through an account. */
export const ROLE_OF_POST: Record<Post, Role | null> = {
  grid_worker: 'grid_worker',
  street_lane_chief: null,
  building_chief: null,
  party_secretary: 'community_worker',
};

/** The community a unit belongs to (a grid's parent, or the community itself). */
export const communityPathOf = (unit: OrgUnitRow): string =>
  unit.level === 'grid' ? unit.path.replace(/[^/]+\/$/, '') : unit.path;

/**
 * Puts a person on a grid post (网格员, 街巷长, 楼栋长) or designates the community's party
 * secretary. Grid workers and secretaries are staff accounts of that community with the matching
 * role; 街巷长/楼栋长 may be residents known by name. Audited.
 */
export async function assignPost(options: {
  db: Db;
  principal: Principal;
  input: AssignPostInput;
  requestId?: string | null;
}): Promise<GridAssignmentRow> {
  const input = AssignPostInput.parse(options.input);
  const { principal } = options;
  return options.db.transaction(async (tx) => {
    const unit = await getUnitByCode(tx, input.unitCode);
    if (!unit || unit.districtCode !== principal.districtCode || unit.tree !== 'division') {
      throw new AppError('NOT_FOUND', `网格或社区不存在：${input.unitCode} (unit not found)`);
    }
    const wantLevel = input.post === 'party_secretary' ? 'community' : 'grid';
    if (unit.level !== wantLevel) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${POST_NAMES[input.post]}应设在${wantLevel === 'grid' ? '网格' : '社区'}，而“${unit.name}”不是 (wrong unit level)`,
      );
    }
    const rule = input.post === 'party_secretary' ? gridWorkPolicy.designateSecretary : gridWorkPolicy.assign;
    authorize(principal, rule, { districtCode: unit.districtCode, paths: [unit.path] });
    const communityPath = communityPathOf(unit);
    const community = await getUnitByCode(tx, communityPath.split('/').filter(Boolean).pop() ?? '');
    if (!community) throw new AppError('INTERNAL', '找不到网格所属社区 (community missing)');

    let userId: string | null = null;
    let personName = input.personName ?? '';
    let phone = input.phone ?? null;
    const role = ROLE_OF_POST[input.post];
    if (input.username) {
      const user = await findUserByUsername(tx, input.username);
      if (!user || user.districtCode !== principal.districtCode || !user.active) {
        throw new AppError('NOT_FOUND', `账号不存在：${input.username} (user not found)`);
      }
      if (role && !user.roles.includes(role)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${user.displayName}没有担任${POST_NAMES[input.post]}所需的角色 (role missing)`,
          {
            requiredRole: role,
          },
        );
      }
      if (role && !user.unitPath.startsWith(communityPath)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `${user.displayName}不属于${community.name} (not in this community)`,
        );
      }
      userId = user.id;
      personName = user.displayName;
      phone ??= user.phone;
    } else if (role) {
      throw new AppError('VALIDATION_FAILED', `${POST_NAMES[input.post]}须指定系统账号 (account required)`);
    }
    const id = uuidv7();
    try {
      // A savepoint, so a duplicate becomes a clean 409 instead of an aborted transaction.
      await tx.transaction((sp) =>
        insertAssignment(sp, {
          id,
          districtCode: unit.districtCode,
          unitId: unit.id,
          unitCode: unit.code,
          unitName: unit.name,
          unitPath: unit.path,
          communityId: community.id,
          post: input.post,
          userId,
          personName,
          phone,
          area: input.area ?? null,
          startedOn: input.startedOn ?? beijingDate(new Date()),
          createdByLabel: principal.username,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError(
          'CONFLICT',
          input.post === 'party_secretary'
            ? `${community.name}已有在任的社区党委书记，请先卸任 (secretary already designated)`
            : `${personName}已在${unit.name}担任${POST_NAMES[input.post]} (already assigned)`,
        );
      }
      throw err;
    }
    await appendAudit(tx, {
      districtCode: unit.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: 'grid_assignment.create',
      targetType: 'grid_assignment',
      targetId: id,
      details: { unit: unit.code, post: input.post, userId, personName },
      requestId: options.requestId ?? null,
    });
    return (await getAssignment(tx, id)) as GridAssignmentRow;
  });
}
