/**
 * Pure routing suggestion: which unit should own a demand of this category at this place, and why.
 * Rules (SJS 16; XY): on the street's duty list → the street (即接即办); else the responsible
 * department, preferring its unit stationed in the demand's street (派出所 …); utilities → the
 * company (24/7); nothing responsible → the district itself (《接诉即办条例》: 无法确定承办单位的派至区).
 */

export interface RoutingRule {
  category: string;
  target: 'street' | 'department' | 'utility';
  /** Department unit id when target = department (resolved from the short name at load time). */
  departmentId?: string | null;
  utility?: string | null;
  complexity: 'general' | 'complex';
}

export interface RoutingUnit {
  id: string;
  code: string;
  name: string;
  path: string;
  level: string;
  /** For stationed units: the street they serve. */
  servesUnitId: string | null;
  parentId: string | null;
  flags: string[];
}

export interface RoutingContext {
  rules: ReadonlyMap<string, RoutingRule>;
  units: ReadonlyMap<string, RoutingUnit>;
  /** Where unmatched demands go (the district's command centre, else the district). */
  fallbackUnitId: string;
  /** The district's own unit (copied on what goes straight to a street), when the district has one. */
  districtUnitId?: string;
  /**
   * Optional lookups built once per context (routing-context.ts): the company of each utility and the
   * unit a department stationed in a street (`deptId:streetId`), the first in `units` order — what the
   * scans below would find, without scanning ~2 000 units per demand.
   */
  utilities?: ReadonlyMap<string, RoutingUnit>;
  stationed?: ReadonlyMap<string, RoutingUnit>;
}

/** The lookups of a context, first match in `units` order (see RoutingContext). */
export function routingIndexes(units: ReadonlyMap<string, RoutingUnit>): {
  utilities: Map<string, RoutingUnit>;
  stationed: Map<string, RoutingUnit>;
} {
  const utilities = new Map<string, RoutingUnit>();
  const stationed = new Map<string, RoutingUnit>();
  for (const u of units.values()) {
    for (const f of u.flags)
      if (f.startsWith('utility:') && !utilities.has(f.slice(8))) utilities.set(f.slice(8), u);
    const key = `${u.parentId}:${u.servesUnitId}`;
    if (u.parentId && u.servesUnitId && !stationed.has(key)) stationed.set(key, u);
  }
  return { utilities, stationed };
}

export interface RouteSuggestion {
  owner: RoutingUnit;
  co: RoutingUnit[];
  kind: 'street' | 'department' | 'stationed' | 'utility' | 'district';
  roundTheClock: boolean;
  complexity: 'general' | 'complex';
  /** Human-readable reasons, Chinese first, shown beside the suggestion. */
  why: string[];
}

export function suggestRoute(
  ctx: RoutingContext,
  input: { categoryCode: string | null; categoryName?: string | null; streetId: string | null },
): RouteSuggestion {
  const fallback = ctx.units.get(ctx.fallbackUnitId) as RoutingUnit;
  const street = input.streetId ? ctx.units.get(input.streetId) : undefined;
  const rule = input.categoryCode ? ctx.rules.get(input.categoryCode) : undefined;
  const label = input.categoryName ? `“${input.categoryName}”` : (input.categoryCode ?? '');
  const toDistrict = (why: string): RouteSuggestion => ({
    owner: fallback,
    co: [],
    kind: 'district',
    roundTheClock: false,
    complexity: rule?.complexity ?? 'general',
    why: [why, '无法确定承办单位的诉求派至区级 (no responsible unit: to the district)'],
  });
  if (!rule) return toDistrict(`类别${label}不在职责清单中`);

  if (rule.target === 'street') {
    if (!street) return toDistrict(`类别${label}属街道职责清单，但诉求位置未定位到街道`);
    return {
      owner: street,
      co: [],
      kind: 'street',
      roundTheClock: false,
      complexity: rule.complexity,
      why: [`类别${label}在街道职责清单上：直派${street.name}（即接即办）`],
    };
  }
  if (rule.target === 'utility') {
    const company = ctx.utilities
      ? ctx.utilities.get(String(rule.utility))
      : [...ctx.units.values()].find((u) => u.flags.includes(`utility:${rule.utility}`));
    if (!company) return toDistrict(`类别${label}属公共服务企业，但本区未登记该企业`);
    const roundTheClock = company.flags.includes('24x7');
    return {
      owner: company,
      co: [],
      kind: 'utility',
      roundTheClock,
      complexity: rule.complexity,
      why: [
        `类别${label}由公共服务企业承办：${company.name}`,
        ...(roundTheClock ? ['水电气热企业 24 小时办理，时限按自然小时计算'] : []),
      ],
    };
  }
  const department = rule.departmentId ? ctx.units.get(rule.departmentId) : undefined;
  if (!department) return toDistrict(`类别${label}的责任部门未在本区登记`);
  const stationed = !street
    ? undefined
    : ctx.stationed
      ? ctx.stationed.get(`${department.id}:${street.id}`)
      : [...ctx.units.values()].find((u) => u.parentId === department.id && u.servesUnitId === street.id);
  const owner = stationed ?? department;
  return {
    owner,
    // Two-way dispatch: the street where it happens is named as co-handler of a department's demand.
    co: street ? [street] : [],
    kind: stationed ? 'stationed' : 'department',
    roundTheClock: false,
    complexity: rule.complexity,
    why: [
      `类别${label}按部门职责清单由${department.name}承办`,
      ...(stationed ? [`派至其派驻${street?.name}的${stationed.name}`] : []),
      ...(street ? [`双向派单：${street.name}协办`] : []),
    ],
  };
}
