import { z } from 'zod';
import { authorize, decide, type Principal } from '../core/auth/authorize.ts';
import type { Db } from '../core/db/connection.ts';
import { getAncestors } from '../jurisdiction/store.ts';
import { communityOf } from './patrol-sheet.ts';
import { gridWorkPolicy } from './policy.ts';
import { getRegister, listMajorItems, listRegisterItems } from './register-store.ts';
import type { ProblemItemRow } from './tables.ts';

export const REGISTER_ACTIONS = [
  'add_item',
  'report_major',
  'draft_from_events',
  'submit',
  'sign_off',
] as const;
export type RegisterAction = (typeof REGISTER_ACTIONS)[number];

export const ItemView = z.object({
  id: z.string(),
  kind: z.enum(['problem', 'suggestion']),
  kindName: z.string(),
  content: z.string(),
  gridCode: z.string().nullable(),
  gridEventIds: z.array(z.string()),
  reportedBy: z.string(),
  major: z.boolean(),
  status: z.string(),
  responsibleLeader: z.string().nullable(),
  approvedBy: z.string().nullable(),
  assignedAt: z.string().nullable(),
  result: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  /** What the caller may do with this line now: `assign` (a major item's leader), `resolve` (落实情况). */
  allowedActions: z.array(z.enum(['assign', 'resolve'])).optional(),
});

export const RegisterView = z.object({
  id: z.string().nullable(),
  community: z.object({ code: z.string(), name: z.string() }),
  streetName: z.string().nullable(),
  month: z.string(),
  status: z.enum(['draft', 'submitted', 'signed_off']),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  signedOffLeader: z.string().nullable(),
  items: z.array(ItemView),
  /** 即报即办: the month's major items, outside the register. */
  majorItems: z.array(ItemView),
  /** What the caller may do with the register now (the screen offers only these). */
  allowedActions: z.array(z.enum(REGISTER_ACTIONS)),
});
export type RegisterView = z.infer<typeof RegisterView>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The allow-listed view of a register line. */
export function presentItem(i: ProblemItemRow): z.infer<typeof ItemView> {
  return {
    id: i.id,
    kind: i.kind,
    kindName: i.kind === 'problem' ? '问题' : '意见建议',
    content: i.content,
    gridCode: i.gridCode,
    gridEventIds: i.gridEventIds,
    reportedBy: i.reportedByLabel,
    major: i.major,
    status: i.status,
    responsibleLeader: i.responsibleLeader,
    approvedBy: i.approvedBy,
    assignedAt: iso(i.assignedAt),
    result: i.result,
    resolvedAt: iso(i.resolvedAt),
    createdAt: i.createdAt.toISOString(),
  };
}

/** A community's register of a month with its lines and major items (a draft view when none exists yet). */
export async function loadRegister(options: {
  db: Db;
  principal: Principal;
  communityCode: string;
  month: string;
}): Promise<RegisterView> {
  const { db, principal, month } = options;
  const community = await communityOf(db, principal.districtCode, options.communityCode);
  authorize(principal, gridWorkPolicy.read, {
    districtCode: community.districtCode,
    paths: [community.path],
  });
  const [register, major, chain] = await Promise.all([
    getRegister(db, community.id, month),
    listMajorItems(db, community.id, month),
    getAncestors(db, community),
  ]);
  const items = register ? await listRegisterItems(db, register.id) : [];
  const status = register?.status ?? 'draft';
  const may = mayOn(principal, community.path);
  const withActions = (i: ProblemItemRow) => ({ ...presentItem(i), allowedActions: itemActions(may, i) });
  return {
    id: register?.id ?? null,
    community: { code: community.code, name: community.name },
    streetName: chain.find((u) => u.level === 'street')?.name ?? null,
    month,
    status,
    submittedAt: iso(register?.submittedAt ?? null),
    submittedBy: register?.submittedByLabel ?? null,
    signedOffAt: iso(register?.signedOffAt ?? null),
    signedOffLeader: register?.signedOffLeader ?? null,
    items: items.map(withActions),
    majorItems: major.map(withActions),
    allowedActions: registerActions(may, status, items.length),
  };
}

type May = (rule: keyof typeof gridWorkPolicy) => boolean;

/** The caller's policy decisions on one community (role and jurisdiction, as every write checks them). */
export function mayOn(principal: Principal, communityPath: string): May {
  const scope = { districtCode: principal.districtCode, paths: [communityPath] };
  return (rule) => decide(principal, gridWorkPolicy[rule], scope).allowed;
}

/** The register's next steps: the community writes and submits a draft; the street signs off. */
export function registerActions(
  may: May,
  status: 'draft' | 'submitted' | 'signed_off',
  itemCount: number,
): RegisterAction[] {
  const out: RegisterAction[] = [];
  if (may('registerWrite')) out.push(...(status === 'draft' ? (['add_item'] as const) : []), 'report_major');
  if (status === 'draft' && may('registerSubmit')) {
    out.push('draft_from_events', ...(itemCount > 0 ? (['submit'] as const) : []));
  }
  if (status === 'submitted' && may('registerSignOff')) out.push('sign_off');
  return out;
}

/** A line's next step: a pending major item gets its leader at once; an assigned line its result. */
export function itemActions(may: May, i: ProblemItemRow): ('assign' | 'resolve')[] {
  if (i.major && i.status === 'submitted' && may('registerSignOff')) return ['assign'];
  if (i.status === 'assigned' && may('registerResult')) return ['resolve'];
  return [];
}
