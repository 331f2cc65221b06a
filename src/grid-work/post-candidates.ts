import { z } from 'zod';
import { authorize, type Principal } from '../core/auth/authorize.ts';
import { listUsers } from '../core/auth/users-store.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getUnitByCode } from '../jurisdiction/store.ts';
import { communityPathOf, ROLE_OF_POST } from './assign-post.ts';
import type { Post } from './model.ts';
import { gridWorkPolicy } from './policy.ts';

export const CandidateView = z.object({
  username: z.string(),
  displayName: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
});
export type CandidateView = z.infer<typeof CandidateView>;

/**
 * The accounts that may fill a post on a grid (or, for the secretary, in a community): active staff of
 * that community holding the post's role (网格员 → grid_worker, 书记 → community_worker); for
 * 街巷长/楼栋长, any active staff of the community (residents are named by hand instead).
 * Only for those who may make the assignment.
 */
export async function postCandidates(options: {
  db: Db;
  principal: Principal;
  unitCode: string;
  post: Post;
}): Promise<CandidateView[]> {
  const { db, principal } = options;
  const unit = await getUnitByCode(db, options.unitCode);
  if (!unit || unit.districtCode !== principal.districtCode || unit.tree !== 'division') {
    throw new AppError('NOT_FOUND', `网格或社区不存在：${options.unitCode} (unit not found)`);
  }
  const rule = options.post === 'party_secretary' ? gridWorkPolicy.designateSecretary : gridWorkPolicy.assign;
  authorize(principal, rule, { districtCode: unit.districtCode, paths: [unit.path] });
  const role = ROLE_OF_POST[options.post];
  const users = await listUsers(db, {
    districtCode: unit.districtCode,
    withinPath: communityPathOf(unit),
    limit: 1000,
  });
  return users
    .filter((u) => u.active && (role === null || u.roles.includes(role)))
    .map((u) => ({
      username: u.username,
      displayName: u.displayName,
      unit: { code: u.unitCode, name: u.unitName },
    }));
}
