import { z } from 'zod';
import {
  LIST_KIND_NAMES,
  LIST_KINDS,
  type ListKind,
  serviceDetailsSchema,
  transfersSchema,
} from './model.ts';
import type { ListItemRow, ListVersionRow } from './tables.ts';

export const ListVersionView = z.object({
  id: z.string(),
  kind: z.enum(LIST_KINDS),
  kindName: z.string(),
  scopeCode: z.string(),
  versionNo: z.number(),
  title: z.string(),
  approvingDocument: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  origin: z.enum(['import', 'approval']),
  createdBy: z.string(),
  createdAt: z.string(),
  itemCount: z.number().optional(),
});
export type ListVersionView = z.infer<typeof ListVersionView>;

export const ListItemView = z.object({
  id: z.string(),
  itemCode: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  demandCategories: z.array(z.string()),
  responsibleUnitCode: z.string().nullable(),
  basis: z.string().nullable(),
  details: serviceDetailsSchema.nullable(),
  transfers: transfersSchema.nullable(),
  proposalId: z.string().nullable(),
});
export type ListItemView = z.infer<typeof ListItemView>;

/** Allow-listed view of a list version. */
export function presentVersion(v: ListVersionRow & { itemCount?: number }): ListVersionView {
  return {
    id: v.id,
    kind: v.kind,
    kindName: LIST_KIND_NAMES[v.kind as ListKind],
    scopeCode: v.scopeCode,
    versionNo: v.versionNo,
    title: v.title,
    approvingDocument: v.approvingDocument,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    origin: v.origin,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    ...(v.itemCount === undefined ? {} : { itemCount: v.itemCount }),
  };
}

/** Allow-listed view of a list item. */
export function presentItem(i: ListItemRow): ListItemView {
  return {
    id: i.id,
    itemCode: i.itemCode,
    name: i.name,
    category: i.category,
    demandCategories: i.demandCategories,
    responsibleUnitCode: i.responsibleUnitCode,
    basis: i.basis,
    details: i.details,
    transfers: i.transfers,
    proposalId: i.proposalId,
  };
}
