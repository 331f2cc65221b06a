import type { Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import type { ReviewServiceInput } from '../model.ts';
import { reviewPendingService, type ServiceRecords } from '../review-pending-service.ts';
import { getService, reviewService } from './store.ts';
import type { PartyMemberServiceRow } from './tables.ts';

export const memberServiceRecords: ServiceRecords<PartyMemberServiceRow> = {
  get: getService,
  write: reviewService,
  auditType: 'party_member_service',
  auditDetails: (s) => ({ memberId: s.memberId, hours: s.hours }),
};

/** The community confirms a member's service (its hours then count) or sends it back with a reason. */
export async function reviewMemberService(options: {
  db: Db;
  principal: Principal;
  serviceId: string;
  input: ReviewServiceInput;
  requestId?: string | null;
}): Promise<PartyMemberServiceRow> {
  return reviewPendingService(memberServiceRecords, options);
}
