/**
 * Loads the bundled policy profiles and resolves single rules with the fallback chain
 * district override → active profile → `generic`.
 */
import fs from 'node:fs';
import { AppError } from '../core/errors.ts';
import {
  issuesOf,
  type OverridesInput,
  type PolicyProfile,
  type Provenance,
  parseOrThrow,
  policyProfileSchema,
  type ResolvedRule,
  RULE_KEYS,
  RULE_VALUE_SCHEMAS,
  type RuleEntry,
  type RuleKey,
  type RuleOverride,
  type RuleOverrides,
  ruleOverrideSchema,
  ruleOverridesSchema,
} from './model.ts';

/** The fallback profile: complete by construction (checked at load). */
export const GENERIC_PROFILE_ID = 'generic';

/** Ids of the bundled presets (PRODUCT.md §5). */
export const PROFILE_IDS = [
  'beijing-shijingshan-2019',
  'nanjing-2014',
  'yinchuan-xingqing-2018',
  'xiangyang-2020',
  GENERIC_PROFILE_ID,
] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

// One literal URL per file (not a template) so bundlers and `tsc` tooling can see every asset.
const PROFILE_FILES: Record<ProfileId, URL> = {
  'beijing-shijingshan-2019': new URL('./profiles/beijing-shijingshan-2019.json', import.meta.url),
  'nanjing-2014': new URL('./profiles/nanjing-2014.json', import.meta.url),
  'yinchuan-xingqing-2018': new URL('./profiles/yinchuan-xingqing-2018.json', import.meta.url),
  'xiangyang-2020': new URL('./profiles/xiangyang-2020.json', import.meta.url),
  generic: new URL('./profiles/generic.json', import.meta.url),
};

let cache: ReadonlyMap<string, PolicyProfile> | undefined;

// Profiles are shared from the cache: freezing stops one caller's mutation leaking into the next.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Validates a profile document (e.g. one a district uploads). Throws `VALIDATION_FAILED` with the
 * Zod issues when it does not match {@link policyProfileSchema}.
 */
export function parseProfile(json: unknown): PolicyProfile {
  return parseOrThrow(policyProfileSchema, json, '政策配置格式无效 (invalid policy profile)');
}

function readBundled(id: ProfileId): PolicyProfile {
  const json: unknown = JSON.parse(fs.readFileSync(PROFILE_FILES[id], 'utf8'));
  const result = policyProfileSchema.safeParse(json);
  // A broken bundled file is our bug, not the user's input: INTERNAL, with the issues for the log.
  if (!result.success) {
    throw new AppError('INTERNAL', `内置政策配置无效：${id} (invalid bundled policy profile)`, {
      id,
      issues: issuesOf(result.error),
    });
  }
  if (result.data.id !== id) {
    throw new AppError('INTERNAL', `内置政策配置 id 与文件名不符：${id} (profile id mismatch)`, { id });
  }
  return result.data;
}

/**
 * Loads and validates every bundled profile once (then cached). Also enforces that `generic`
 * defines every rule key, because fallback must always find a value.
 */
export function loadProfiles(): ReadonlyMap<string, PolicyProfile> {
  if (cache) return cache;
  const map = new Map<string, PolicyProfile>();
  for (const id of PROFILE_IDS) map.set(id, deepFreeze(readBundled(id)));
  const generic = map.get(GENERIC_PROFILE_ID);
  const missing = RULE_KEYS.filter((k) => generic?.rules[k] === undefined);
  if (missing.length > 0) {
    throw new AppError('INTERNAL', '通用政策配置缺少规则 (generic profile incomplete)', { missing });
  }
  cache = map;
  return map;
}

/** All bundled profiles, in {@link PROFILE_IDS} order. */
export function listProfiles(): PolicyProfile[] {
  return [...loadProfiles().values()];
}

/** A bundled profile by id; unknown id → `NOT_FOUND`. */
export function getProfile(id: string): PolicyProfile {
  const profiles = loadProfiles();
  const profile = profiles.get(id);
  if (!profile) {
    throw new AppError('NOT_FOUND', `未知的政策配置：${id} (unknown policy profile)`, {
      id,
      known: [...profiles.keys()],
    });
  }
  return profile;
}

/** Type guard for untrusted rule keys (CLI flags, query strings). */
export function isRuleKey(key: string): key is RuleKey {
  return Object.hasOwn(RULE_VALUE_SCHEMAS, key);
}

function assertRuleKey(key: string): asserts key is RuleKey {
  if (!isRuleKey(key)) {
    throw new AppError('VALIDATION_FAILED', `未知的政策规则：${key} (unknown policy rule)`, { key });
  }
}

/**
 * Validates a whole overrides object (e.g. before storing it). Each override needs a value of the
 * rule's own schema, a `source` citation, `by` and an ISO `at`; otherwise `VALIDATION_FAILED`.
 */
export function parseOverrides(input: unknown): RuleOverrides {
  return parseOrThrow(ruleOverridesSchema, input, '政策规则覆盖无效 (invalid policy overrides)');
}

function overrideFor<K extends RuleKey>(overrides: OverridesInput, key: K): RuleOverride<K> | undefined {
  // Unknown keys are rejected even when not the one asked for: a typo must not pass silently.
  for (const k of Object.keys(overrides)) assertRuleKey(k);
  const raw = overrides[key];
  if (raw === undefined) return undefined;
  // Re-validated on every use: overrides usually arrive from storage typed as unknown JSON.
  return parseOrThrow(
    ruleOverrideSchema(RULE_VALUE_SCHEMAS[key]),
    raw,
    `政策规则覆盖无效：${key}（须有合规数值与依据）(invalid override, citation required)`,
  ) as RuleOverride<K>;
}

function entryOf<K extends RuleKey>(profile: PolicyProfile, key: K): RuleEntry<K> | undefined {
  // The schema guarantees rules[key] matches RULE_VALUE_SCHEMAS[key]; TS cannot correlate the
  // mapped type with a generic K, hence the cast.
  return profile.rules[key] as RuleEntry<K> | undefined;
}

/**
 * Resolves one rule: a district override wins, else the profile's own rule, else `generic`'s.
 * `profile` is a loaded profile or a bundled id. Throws `NOT_FOUND` for an unknown profile id and
 * `VALIDATION_FAILED` for an unknown rule key or an invalid / uncited override.
 */
export function resolveRule<K extends RuleKey>(
  profile: PolicyProfile | string,
  key: K,
  overrides?: OverridesInput,
): ResolvedRule<K> {
  assertRuleKey(key);
  const active = typeof profile === 'string' ? getProfile(profile) : profile;
  const override = overrides ? overrideFor(overrides, key) : undefined;
  if (override) {
    return {
      key,
      value: override.value,
      source: override.source,
      profileId: active.id,
      fellBackToGeneric: false,
      overridden: true,
      override: { by: override.by, at: override.at },
    };
  }
  const own = entryOf(active, key);
  if (own) return { key, ...own, profileId: active.id, fellBackToGeneric: false, overridden: false };
  const fallback = entryOf(getProfile(GENERIC_PROFILE_ID), key);
  if (!fallback) {
    // loadProfiles() guarantees completeness; reaching here means the invariant was broken.
    throw new AppError('INTERNAL', `通用政策配置缺少规则：${key} (generic profile incomplete)`, { key });
  }
  return { key, ...fallback, profileId: GENERIC_PROFILE_ID, fellBackToGeneric: true, overridden: false };
}

/** The provenance part of a resolved rule, to spread into a computed figure. */
export function provenanceOf(rule: Provenance): Provenance {
  const { source, profileId, fellBackToGeneric, overridden, note, override } = rule;
  return {
    source,
    profileId,
    fellBackToGeneric,
    overridden,
    ...(note === undefined ? {} : { note }),
    ...(override === undefined ? {} : { override }),
  };
}
