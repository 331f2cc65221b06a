/**
 * Shapes of the API responses the web app reads (mirrors the server's Zod views in
 * src/jurisdiction/present-unit.ts, src/jurisdiction/people/model.ts, src/core/audit/routes.ts).
 */

export const ROLES = [
  'district_admin',
  'hotline_operator',
  'street_dispatcher',
  'dept_handler',
  'community_worker',
  'grid_worker',
  'supervisor',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const COMMUNITY_FLAGS = ['old_compound', 'no_property', 'elderly', 'commercial'] as const;
export type CommunityFlag = (typeof COMMUNITY_FLAGS)[number];

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  phoneMasked: boolean;
  roles: string[];
  unit: { code: string; name: string; level: string };
  active: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  /** In user lists: logs in with a one-time code too. */
  totpEnabled?: boolean;
}

export interface Me {
  user: UserView;
  roles: { code: string; name: string }[];
  scopePath: string;
}

export interface Jurisdiction {
  districtCode: string;
  name: string;
  fullName: string;
  policyProfile: string;
  isDemo: boolean;
  geometryIsSynthetic: boolean;
  counts: Record<string, number>;
}

export interface OrgUnit {
  id: string;
  code: string;
  name: string;
  shortName: string;
  tree: 'division' | 'department';
  level: string;
  parentId: string | null;
  path: string;
  households: number | null;
  population: number | null;
  areaKm2: number | null;
  flags: string[];
  aliases: string[];
  servesUnitId: string | null;
  attrsAreDemo: boolean;
  hasBoundary: boolean;
}

export interface OrgUnitDetail extends OrgUnit {
  ancestors: { id: string; code: string; name: string; path: string }[];
}

export interface UnitAttributesPatch {
  households?: number | null;
  population?: number | null;
  areaKm2?: number | null;
  flags?: CommunityFlag[];
}

export interface GridFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  properties: { code: string; name: string; community_code: string };
}

export interface GridCollection {
  type: 'FeatureCollection';
  features: GridFeature[];
}

export interface GridImportResult {
  districtCode: string;
  created: number;
  updated: number;
  warnings: string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  result: string;
  details: Record<string, unknown>;
  requestId: string | null;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  chains: { districtCode: string; rows: number; headSeq: number | null; headHash: string | null }[];
  problems: { districtCode?: string; seq?: number; kind?: string; message?: string; [k: string]: unknown }[];
}

export interface Items<T> {
  items: T[];
}
