import type { UserWithUnit } from '../../core/auth/users-store.ts';
import { maskPhone } from '../../core/privacy.ts';
import type { UserView } from './model.ts';

/** The allow-listed view of a user; the phone is masked unless `reveal` (the caller audited it). */
export function presentUser(user: UserWithUnit, options: { reveal?: boolean } = {}): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    phone: options.reveal ? user.phone : maskPhone(user.phone),
    phoneMasked: !options.reveal && user.phone !== null,
    roles: user.roles,
    unit: { code: user.unitCode, name: user.unitName, level: user.unitLevel },
    active: user.active,
    locked: user.lockedUntil !== null && user.lockedUntil.getTime() > Date.now(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
