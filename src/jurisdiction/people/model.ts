import { z } from 'zod';
import { ROLES } from '../../core/auth/roles.ts';

export const RoleSchema = z.enum(ROLES);

export const AddUserInput = z.object({
  username: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字、下划线、点或连字符，以字母开头'),
  displayName: z.string().trim().min(1).max(50),
  phone: z
    .string()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确')
    .nullish(),
  /** Org-unit code (12-digit division code, 15-digit grid code or a department code). */
  unitCode: z.string().min(1),
  roles: z.array(RoleSchema).min(1),
  password: z.string().min(1),
});
export type AddUserInput = z.infer<typeof AddUserInput>;

/** What the API shows of a user: an allow-list, with the phone masked unless revealed. */
export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  phoneMasked: z.boolean(),
  roles: z.array(z.string()),
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  active: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** Whether the person logs in with a one-time code too (lists only; admins reset a lost one). */
  totpEnabled: z.boolean().optional(),
});
export type UserView = z.infer<typeof UserView>;
