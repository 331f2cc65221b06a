import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Me, Role } from '../api/types.ts';

/**
 * A non-secret note that this browser logged in (the session cookie itself is httpOnly): without
 * it the app goes straight to the log-in page instead of asking /api/auth/me for a certain 401.
 */
const HINT_KEY = 'jd.session';

export const sessionHint = {
  has: (): boolean => localStorage.getItem(HINT_KEY) === '1',
  set: (): void => localStorage.setItem(HINT_KEY, '1'),
  clear: (): void => localStorage.removeItem(HINT_KEY),
};

export const ME_KEY = ['me'] as const;

/** The logged-in person (null before log-in). */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => (sessionHint.has() ? api<Me>('/api/auth/me') : null),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export const rolesOf = (me: Me | null | undefined): Role[] => (me?.roles.map((r) => r.code) ?? []) as Role[];

export function hasAnyRole(me: Me | null | undefined, roles: readonly Role[] | 'all'): boolean {
  if (!me) return false;
  if (roles === 'all') return true;
  return rolesOf(me).some((r) => roles.includes(r));
}

/** The code of the unit at the top of the person's jurisdiction (last code of the scope path). */
export function scopeRootCode(me: Me): string {
  const parts = me.scopePath.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? me.user.unit.code;
}
