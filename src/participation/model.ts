import { z } from 'zod';
import { maskIdNumber, maskName, maskPhone } from '../core/privacy.ts';

/**
 * What every participation register shares: a person's fields (personal data under PIPL), civil
 * dates, service hours, and how a person is shown in lists (masked) and when revealed (full).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * Whether an 18-character resident identity number (GB 11643-1999) is well formed: 17 digits, a check
 * character matching the ISO 7064 MOD 11-2 sum, and a birth date that exists and is not in the future.
 */
export function isValidIdNumber(id: string, today = new Date()): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  if (ID_CHECK[sum % 11] !== id[17]) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const t = new Date(`${birth}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === birth && t <= today;
}

/** A civil date `YYYY-MM-DD` that exists. */
export const civilDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, '日期不存在');

/** A person’s name as registers record it. */
export const personName = z.string().trim().min(2, '姓名至少 2 个字').max(30);
/** A mobile number or a landline with area code. */
export const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话号码格式不正确（手机 11 位或带区号的座机）');
/** An 18-character resident identity number, upper-cased, checked. */
export const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isValidIdNumber(v), '身份证号码不正确（18 位，校验位不符或出生日期无效）');

/** Service hours: more than nothing, at most a day, in half hours (how registers count them). */
export const hours = z
  .number()
  .positive('时长须大于 0')
  .max(24, '单次服务时长不超过 24 小时')
  .refine((h) => Number.isInteger(h * 2), '时长以半小时计（如 1.5）');

/** A community’s 12-digit statistical code. */
export const communityCode = z.string().regex(/^\d{12}$/, '社区代码应为 12 位数字');

/** A reason for seeing personal data in full (it is written to the audit log). */
export const RevealInput = z.object({ reason: z.string().trim().min(2, '请说明查看理由').max(200) });
export type RevealInput = z.infer<typeof RevealInput>;

/** A person as lists and exports show them: name, phone and ID number masked. */
export const MaskedPerson = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
});
export type MaskedPerson = z.infer<typeof MaskedPerson>;

/** Masks a person for lists and exports: 王**, 139****2222, 1101**********002X. */
export function maskPerson(p: {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
}): MaskedPerson {
  return {
    name: maskName(p.name) ?? '',
    phone: maskPhone(p.phone ?? null),
    idNumber: maskIdNumber(p.idNumber ?? null),
  };
}

/** Review of a service record by the community: confirm or reject (with a reason). */
export const ReviewServiceInput = z
  .object({ confirm: z.boolean(), note: z.string().trim().max(500).nullish() })
  .refine((v) => v.confirm || (v.note && v.note.length >= 2), {
    message: '退回服务记录须说明理由',
    path: ['note'],
  });
export type ReviewServiceInput = z.infer<typeof ReviewServiceInput>;

/** `YYYY`, `YYYY-MM`, `YYYY-Qn` or `YYYY-Hn`. */
export const periodKey = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/, '期间格式应为 YYYY、YYYY-MM、YYYY-Qn 或 YYYY-Hn');

/** `format=json|xlsx` of list and report routes. */
export const xlsxFormat = z.enum(['json', 'xlsx']).default('json');

/** A ratio as a percentage with one decimal, for Excel and messages (`12.5%`). */
export const percent = (r: number | null): string => (r === null ? '' : `${(r * 100).toFixed(1)}%`);
