import { authorize, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { AppError } from '../core/errors.ts';
import { getAncestors, getUnitByCode } from '../jurisdiction/store.ts';
import type { OrgUnitRow } from '../jurisdiction/tables.ts';
import { getSheet, listSheetEntries, sheetContentHash } from './patrol-store.ts';
import { gridWorkPolicy } from './policy.ts';
import type { PatrolEntryRow, PatrolSheetRow } from './tables.ts';

export interface WorkerTotals {
  workerId: string;
  workerName: string;
  days: number;
  hours: number;
  householdsVisited: number;
}

/** A community's month of the 网格工作纪实表, as the secretary signs it. */
export interface PatrolSheet {
  community: { id: string; code: string; name: string; path: string };
  streetName: string | null;
  month: string;
  status: 'open' | 'signed';
  entries: PatrolEntryRow[];
  totals: WorkerTotals[];
  signature: PatrolSheetRow | null;
  /** False when the entries no longer hash to what was signed (they were changed behind the API). */
  intact: boolean | null;
}

/** The community (of the caller's district) a sheet belongs to. */
export async function communityOf(db: Db, districtCode: string, code: string): Promise<OrgUnitRow> {
  const unit = await getUnitByCode(db, code);
  if (!unit || unit.districtCode !== districtCode || unit.level !== 'community') {
    throw new AppError('NOT_FOUND', `社区不存在：${code} (community not found)`);
  }
  return unit;
}

/** Per-worker days, hours and households of a month's entries. */
export function totalsByWorker(entries: readonly PatrolEntryRow[]): WorkerTotals[] {
  const by = new Map<string, WorkerTotals & { dates: Set<string> }>();
  for (const e of entries) {
    const t = by.get(e.workerId) ?? {
      workerId: e.workerId,
      workerName: e.workerName,
      days: 0,
      hours: 0,
      householdsVisited: 0,
      dates: new Set<string>(),
    };
    t.dates.add(e.date);
    t.hours += e.hours;
    t.householdsVisited += e.householdsVisited;
    by.set(e.workerId, t);
  }
  return [...by.values()].map(({ dates, ...t }) => ({ ...t, days: dates.size }));
}

/** Loads the sheet of one community and month (anyone whose scope covers the community). */
export async function loadPatrolSheet(options: {
  db: Db;
  principal: Principal;
  communityCode: string;
  month: string;
}): Promise<PatrolSheet> {
  const { db, principal, month } = options;
  const community = await communityOf(db, principal.districtCode, options.communityCode);
  authorize(principal, gridWorkPolicy.read, {
    districtCode: community.districtCode,
    paths: [community.path],
  });
  const [entries, signature, chain] = await Promise.all([
    listSheetEntries(db, community.id, month),
    getSheet(db, community.id, month),
    getAncestors(db, community),
  ]);
  return {
    community: { id: community.id, code: community.code, name: community.name, path: community.path },
    streetName: chain.find((u) => u.level === 'street')?.name ?? null,
    month,
    status: signature ? 'signed' : 'open',
    entries,
    totals: totalsByWorker(entries),
    signature: signature ?? null,
    intact: signature ? sheetContentHash(entries) === signature.contentHash : null,
  };
}
