import { appendAudit } from '../../core/audit/append-audit.ts';
import { authorize, type Principal } from '../../core/auth/authorize.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import { beijingDate } from '../periods.ts';
import { participationPolicy } from '../policy.ts';
import { departmentUnitByCode, streetByCode } from '../units.ts';
import { RegisterUnitInput } from './model.ts';
import { getUnitRegistration, upsertUnitRegistration } from './store.ts';
import type { PartyUnitRegistrationRow } from './tables.ts';

/**
 * 单位到街道报到: a department, stationed unit, company or resident unit registers with the street it
 * sits in, declaring its in-service party members (the report-in rate's denominator). The street or
 * the unit itself records it; registering again updates the declaration. Audited with before/after.
 */
export async function registerUnit(options: {
  db: Db;
  principal: Principal;
  input: RegisterUnitInput;
  requestId?: string | null;
}): Promise<PartyUnitRegistrationRow> {
  const input = RegisterUnitInput.parse(options.input);
  const { principal } = options;
  const today = beijingDate(new Date());
  if (input.registeredOn && input.registeredOn > today) {
    throw new AppError('VALIDATION_FAILED', '报到日期不能晚于今天 (registration date in the future)');
  }
  return options.db.transaction(async (tx) => {
    const unit = await departmentUnitByCode(tx, principal, input.unitCode);
    const street = await streetByCode(tx, principal, input.streetCode);
    authorize(principal, participationPolicy.registerUnit, {
      districtCode: unit.districtCode,
      paths: [unit.path, street.path],
    });
    const before = await getUnitRegistration(tx, unit.id);
    if (before && before.streetId !== street.id) {
      // Moving a unit to another street is for whoever answers for its current street or the unit.
      authorize(principal, participationPolicy.registerUnit, {
        districtCode: unit.districtCode,
        paths: [before.streetPath, unit.path],
      });
    }
    const saved = await upsertUnitRegistration(tx, {
      id: uuidv7(),
      districtCode: unit.districtCode,
      unitId: unit.id,
      unitCode: unit.code,
      unitName: unit.name,
      unitLevel: unit.level,
      unitPath: unit.path,
      streetId: street.id,
      streetCode: street.code,
      streetName: street.name,
      streetPath: street.path,
      inServiceMembers: input.inServiceMembers,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      agreement: input.agreement ?? null,
      registeredOn: input.registeredOn ?? before?.registeredOn ?? today,
      createdByLabel: principal.displayName,
    });
    await appendAudit(tx, {
      districtCode: unit.districtCode,
      actor: { id: principal.userId, label: principal.username },
      action: before ? 'party_unit.update' : 'party_unit.register',
      targetType: 'party_unit_registration',
      targetId: saved.id,
      details: {
        unit: unit.code,
        street: street.code,
        inServiceMembers: input.inServiceMembers,
        before: before ? { street: before.streetCode, inServiceMembers: before.inServiceMembers } : null,
      },
      requestId: options.requestId ?? null,
    });
    return saved;
  });
}
