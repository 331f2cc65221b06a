import { z } from 'zod';
import { civilDate, communityCode, hours, idNumber, personName, phone } from '../model.ts';

export const MEMBER_KINDS = ['in_service', 'retired', 'other'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
export const MEMBER_KIND_NAMES: Record<MemberKind, string> = {
  in_service: '在职党员',
  retired: '离退休党员',
  other: '其他（流动党员等）',
};

/** What members serve at (the columns of a community's 服务记录 register). */
export const SERVICE_KINDS = [
  'volunteer',
  'policy',
  'pairing',
  'environment',
  'safety',
  'consultation',
  'whistle',
  'other',
] as const;
export const SERVICE_KIND_NAMES: Record<(typeof SERVICE_KINDS)[number], string> = {
  volunteer: '志愿服务',
  policy: '政策宣传',
  pairing: '结对帮扶',
  environment: '环境整治',
  safety: '平安巡防',
  consultation: '议事协商',
  whistle: '吹哨报到',
  other: '其他',
};

const unitCode = z.string().trim().min(6).max(20);

/** 党员到社区报到: the member, their home community and (in service) their unit. */
export const RegisterPartyMemberInput = z
  .object({
    communityCode,
    name: personName,
    phone: phone.nullish(),
    idNumber: idNumber.nullish(),
    kind: z.enum(MEMBER_KINDS).default('in_service'),
    /** The unit in the department tree (its report-in rate counts the member). */
    unitCode: unitCode.nullish(),
    /** 工作单位 as written, for units outside the tree. */
    workUnit: z.string().trim().max(100).nullish(),
    skills: z.string().trim().max(200).nullish(),
    userId: z.uuid().nullish(),
    registeredOn: civilDate.optional(),
  })
  .refine((v) => v.kind !== 'in_service' || Boolean(v.unitCode || v.workUnit), {
    message: '在职党员须填写工作单位',
    path: ['unitCode'],
  });
export type RegisterPartyMemberInput = z.input<typeof RegisterPartyMemberInput>;

/** 单位到街道报到: the unit, the street and the unit's declared in-service members. */
export const RegisterUnitInput = z.object({
  unitCode,
  streetCode: z.string().regex(/^\d{12}$/, '街道代码应为 12 位数字'),
  inServiceMembers: z.number().int().min(0).max(100_000),
  contactName: personName.nullish(),
  contactPhone: phone.nullish(),
  agreement: z.string().trim().max(2000).nullish(),
  registeredOn: civilDate.optional(),
});
export type RegisterUnitInput = z.input<typeof RegisterUnitInput>;

/** A service a member gave: what, which kind, when, how long. */
export const RecordMemberServiceInput = z.object({
  title: z.string().trim().min(2, '请填写服务内容').max(200),
  kind: z.enum(SERVICE_KINDS).default('volunteer'),
  servedOn: civilDate,
  hours,
  note: z.string().trim().max(500).nullish(),
});
export type RecordMemberServiceInput = z.input<typeof RecordMemberServiceInput>;

/** 转出/退出: from which day and why. */
export const DeregisterInput = z.object({
  leftOn: civilDate.optional(),
  reason: z.string().trim().min(2, '请说明原因').max(200),
});
export type DeregisterInput = z.input<typeof DeregisterInput>;
