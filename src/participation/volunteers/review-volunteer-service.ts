import type { Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import type { ReviewServiceInput } from '../model.ts';
import { reviewPendingService, type ServiceRecords } from '../review-pending-service.ts';
import { getVolunteerService, reviewVolunteerServiceRow } from './store.ts';
import type { VolunteerServiceRow } from './tables.ts';

export const volunteerServiceRecords: ServiceRecords<VolunteerServiceRow> = {
  get: getVolunteerService,
  write: reviewVolunteerServiceRow,
  auditType: 'volunteer_service',
  auditDetails: (s) => ({ volunteerId: s.volunteerId, hours: s.hours }),
};

/** The community confirms a volunteer's hours (they then count) or sends them back with a reason. */
export async function reviewVolunteerService(options: {
  db: Db;
  principal: Principal;
  serviceId: string;
  input: ReviewServiceInput;
  requestId?: string | null;
}): Promise<VolunteerServiceRow> {
  return reviewPendingService(volunteerServiceRecords, options);
}
