import { z } from 'zod';
import { pointInputSchema } from '../core/geo/point.ts';

/** Posts held on a grid (or, for the secretary, in a community). */
export const POSTS = ['grid_worker', 'street_lane_chief', 'building_chief', 'party_secretary'] as const;
export type Post = (typeof POSTS)[number];
export const POST_NAMES: Record<Post, string> = {
  grid_worker: '网格员',
  street_lane_chief: '街巷长',
  building_chief: '楼栋长',
  party_secretary: '社区党委书记',
};

/** A month `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
/** A civil date `YYYY-MM-DD` that exists. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, '日期不存在');

const BEIJING_MS = 8 * 3600_000;

/** The Beijing civil date of an instant (China keeps no daylight saving time). */
export const beijingDate = (at: Date): string =>
  new Date(at.getTime() + BEIJING_MS).toISOString().slice(0, 10);

/** The Beijing month of an instant. */
export const beijingMonth = (at: Date): string => beijingDate(at).slice(0, 7);

/** The instants a Beijing month spans: [first day 00:00, next month's first day 00:00). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - BEIJING_MS);
  const to = new Date(Date.UTC(y, m, 1) - BEIJING_MS);
  return { from, to };
}

/** 2026-05 → 2026年5月 */
export const monthZh = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** 2026-05-03 → 2026年5月3日 */
export const dateZh = (date: string): string =>
  `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** Up to nine photo/evidence files (ids from `POST /api/files`). */
export const fileIdsSchema = z.array(z.uuid()).max(9).default([]);

/** A point in WGS-84 degrees (or GCJ-02 with `crs: 'gcj02'`, converted; see core/geo/point.ts). */
export const pointSchema = pointInputSchema;

/** Whether a database error is a unique-constraint violation (either driver). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}
