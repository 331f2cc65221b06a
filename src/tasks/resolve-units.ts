/**
 * Resolves the unit names a plan writes (`区委组织部`, `北京市石景山区城市管理委员会`, `各街道`) to the
 * district's departments and streets. Pure: the caller passes the directory (see unit-directory.ts).
 */
import { canonicalUnitName } from './plan-parser/normalize-text.ts';

/** A unit a name may resolve to: a department-tree unit or a street/township. */
export interface DirectoryUnit {
  id: string;
  code: string;
  name: string;
  shortName: string;
  aliases: readonly string[];
  tree: 'division' | 'department';
  level: string;
  path: string;
}

export interface UnitDirectory {
  /** `北京市`, `石景山区`: prefixes that full names carry and plans often drop. */
  provinceName: string;
  cityName: string;
  districtName: string;
  departments: readonly DirectoryUnit[];
  /** The district's streets and townships (level `street`). */
  streets: readonly DirectoryUnit[];
  /** Remembered decisions by name key (see `nameKeyOf`): the units, or none for "not ours". */
  mappings: ReadonlyMap<string, readonly DirectoryUnit[]>;
}

export type MatchKind = 'mapped' | 'ignored' | 'group' | 'exact' | 'alias' | 'fuzzy' | 'unmatched';

export interface UnitResolution {
  name: string;
  match: MatchKind;
  units: DirectoryUnit[];
  /** For an unmatched name: the closest units, for the person who maps it. */
  suggestions: DirectoryUnit[];
}

/** The key a name is remembered under: canonical brackets and widths, no spaces. */
export const nameKeyOf = (name: string): string => canonicalUnitName(name).replace(/等$/, '');

const isTownship = (u: DirectoryUnit): boolean => /[镇乡]$/.test(u.name);
const ALL_STREETS = (d: UnitDirectory) => [...d.streets];
const STREETS_ONLY = (d: UnitDirectory) => d.streets.filter((u) => !isTownship(u));
const TOWNSHIPS = (d: UnitDirectory) => d.streets.filter(isTownship);
// "Relevant departments" cannot be narrowed from the text: every functional department is named.
const DEPARTMENTS = (d: UnitDirectory) =>
  d.departments.filter((u) => u.level === 'department' || u.level === 'center');

/** Collective names and the set each stands for (fuzzy keys, so `石景山区各街道` is `各街道`). */
const GROUPS: [readonly string[], (d: UnitDirectory) => DirectoryUnit[]][] = [
  [['各街道', '各街道办事处', '各街道办', '各街道党工委', '各街道工委', '全区各街道'], STREETS_ONLY],
  [['各乡镇', '各镇', '各乡', '各乡镇党委', '各镇党委'], TOWNSHIPS],
  [['各街乡镇', '各街乡', '各街镇', '各街道(乡镇)', '各街道乡镇', '各街道和乡镇', '各行政区'], ALL_STREETS],
  [
    [
      '各相关部门',
      '各有关部门',
      '相关部门',
      '有关部门',
      '各部门',
      '各职能部门',
      '区直各部门',
      '各相关单位',
      '各有关单位',
    ],
    DEPARTMENTS,
  ],
];

interface Context {
  prefixes: string[];
  district: string;
}

/**
 * The loose spelling used for fuzzy matching, applied alike to plan names and unit names: no 中共 /
 * province / city prefix, the district's own name as `区`, 委员会 → 委, 人民政府 → 政府, 办公室 → 办,
 * a street's 办事处 / 党工委 suffix dropped, and a leading `区` (not `区委`) dropped.
 */
function fuzzyKey(name: string, ctx: Context): string {
  let k = nameKeyOf(name).replace(/^(中共|中国共产党)/, '');
  for (const prefix of ctx.prefixes) {
    if (prefix && k.startsWith(prefix + ctx.district)) k = k.slice(prefix.length);
  }
  if (ctx.district && k.startsWith(ctx.district)) k = `区${k.slice(ctx.district.length)}`;
  k = k
    .replaceAll('委员会', '委')
    .replaceAll('人民政府', '政府')
    .replace(/办公室$/, '办')
    .replace(/(街道|地区)(办事处|党工委|工委|党委)$/, '$1')
    .replace(/街道办$/, '街道');
  return k.replace(/^区(?!委)/, '');
}

/** Character bigrams' Dice coefficient: how much of two names' wording they share. */
function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** Is `short` what is left of `long` after dropping characters (区城管委 ⊂ 区城市管理委)? */
function isAbbreviation(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/**
 * The one unit whose name `key` abbreviates, the way Chinese office names are shortened (keeping
 * characters in order); undefined when none or several do, or when too much is left out.
 */
function abbreviationOf(key: string, keys: readonly [string, DirectoryUnit[]][]): DirectoryUnit | undefined {
  if (key.length < 3) return undefined;
  const found = new Set<DirectoryUnit>();
  for (const [k, list] of keys) {
    if (k.length <= key.length * 2 && isAbbreviation(key, k)) for (const u of list) found.add(u);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

const FUZZY_ACCEPT = 0.8;
const HIGHER_LEVEL = /^(市|省|国家|中央|国务院|自治区)/;
const SUGGEST_AT = 0.34;

function addTo(map: Map<string, DirectoryUnit[]>, key: string, unit: DirectoryUnit): void {
  const list = map.get(key) ?? [];
  if (!list.some((u) => u.id === unit.id)) list.push(unit);
  map.set(key, list);
}

/**
 * Builds a resolver over one directory (the indexes are built once per plan, not per name). Order:
 * a remembered mapping, a collective name, the exact name or short name, an alias, the fuzzy
 * spelling, a parenthesised alternate (`区民政局(区委社会工委)`: the outer name, else the inner one:
 * two names of one office), and finally a near-certain wording match. Two units under one key are
 * ambiguous and left unmatched, with both as suggestions.
 */
export function createUnitResolver(directory: UnitDirectory): (name: string) => UnitResolution {
  const ctx: Context = {
    prefixes: [...new Set([directory.provinceName, directory.cityName])],
    district: directory.districtName,
  };
  const units = [...directory.departments, ...directory.streets];
  const exact = new Map<string, DirectoryUnit[]>();
  const alias = new Map<string, DirectoryUnit[]>();
  const fuzzy = new Map<string, DirectoryUnit[]>();
  for (const u of units) {
    for (const n of [u.name, u.shortName]) addTo(exact, nameKeyOf(n), u);
    for (const a of u.aliases) addTo(alias, nameKeyOf(a), u);
    for (const n of [u.name, u.shortName, ...u.aliases]) addTo(fuzzy, fuzzyKey(n, ctx), u);
    // A street is also written without its 街道 suffix (八宝山) or with its office's name.
    if (u.tree === 'division') addTo(fuzzy, fuzzyKey(u.name.replace(/(街道|地区)$/, ''), ctx), u);
  }
  const groups = new Map<string, (d: UnitDirectory) => DirectoryUnit[]>();
  for (const [names, pick] of GROUPS) for (const n of names) groups.set(fuzzyKey(n, ctx), pick);
  const fuzzyKeys = [...fuzzy.entries()];

  const direct = (name: string): Omit<UnitResolution, 'name'> | null => {
    const key = nameKeyOf(name);
    const fkey = fuzzyKey(name, ctx);
    const pick = groups.get(fkey);
    if (pick) {
      const set = pick(directory);
      if (set.length > 0) return { match: 'group', units: set, suggestions: [] };
    }
    for (const [match, map, k] of [
      ['exact', exact, key],
      ['alias', alias, key],
      ['fuzzy', fuzzy, fkey],
    ] as const) {
      const found = map.get(k);
      if (found?.length === 1) return { match, units: found, suggestions: [] };
      if (found && found.length > 1) return { match: 'unmatched', units: [], suggestions: found };
    }
    return null;
  };

  return (name: string): UnitResolution => {
    const mapped = directory.mappings.get(nameKeyOf(name));
    if (mapped)
      return { name, match: mapped.length > 0 ? 'mapped' : 'ignored', units: [...mapped], suggestions: [] };
    const found = direct(name);
    if (found) return { name, ...found };
    const key = nameKeyOf(name);
    const inner = [...key.matchAll(/\(([^()]+)\)/g)].map((m) => m[1] ?? '');
    if (inner.length > 0) {
      for (const part of [key.replace(/\([^()]*\)/g, ''), ...inner]) {
        const alt = part ? direct(part) : null;
        if (alt && alt.match !== 'unmatched')
          return { name, ...alt, match: alt.match === 'group' ? 'group' : 'fuzzy' };
      }
    }
    const fkey = fuzzyKey(name, ctx);
    // A city's or the state's own body (市民政局) is never guessed to be the district's namesake.
    const otherLevel = HIGHER_LEVEL.test(fkey) || ctx.prefixes.some((p) => p && fkey.startsWith(p));
    if (!otherLevel) {
      const abbreviated = abbreviationOf(fkey, fuzzyKeys);
      if (abbreviated) return { name, match: 'fuzzy', units: [abbreviated], suggestions: [] };
    }
    const scored = fuzzyKeys
      .map(([k, list]) => ({ score: dice(fkey, k), list }))
      .filter((s) => s.score >= SUGGEST_AT)
      .sort((a, b) => b.score - a.score);
    const best = scored[0];
    const only = best?.list.length === 1 ? best.list[0] : undefined;
    // The runner-up that names another unit: a close second means the wording is not decisive.
    const second = scored.find((s) => !(s.list.length === 1 && s.list[0] === only));
    if (
      !otherLevel &&
      best &&
      only &&
      best.score >= FUZZY_ACCEPT &&
      (second?.score ?? 0) < best.score - 0.1
    ) {
      return { name, match: 'fuzzy', units: [only], suggestions: [] };
    }
    const suggestions: DirectoryUnit[] = [];
    for (const s of scored)
      for (const u of s.list) if (!suggestions.includes(u) && suggestions.length < 3) suggestions.push(u);
    return { name, match: 'unmatched', units: [], suggestions };
  };
}

/** Resolves a list of names against one directory (see `createUnitResolver`). */
export function resolveUnitNames(names: readonly string[], directory: UnitDirectory): UnitResolution[] {
  const resolve = createUnitResolver(directory);
  return names.map(resolve);
}
