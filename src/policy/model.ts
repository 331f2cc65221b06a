/**
 * Policy profile model: the file format of a profile, the shape of a district override, and the
 * provenance every computed figure carries. Per-rule value schemas live in ./rule-values.ts and
 * are re-exported here so callers import one module.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import {
  RULE_KEYS,
  RULE_VALUE_SCHEMAS,
  type RuleKey,
  type RuleValue,
  type RuleValueSchemas,
} from './rule-values.ts';

export * from './rule-values.ts';

/** A citation is mandatory everywhere: a number without its clause is not policy, it is a guess. */
export const citationSchema = z
  .string({ error: '缺少政策依据 (source citation required)' })
  .trim()
  .min(1, '缺少政策依据 (source citation required)');

/** One rule inside a profile file: `{ value, source, note? }`. */
export function ruleEntrySchema<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, source: citationSchema, note: z.string().min(1).optional() });
}

/** One district override: the same value schema plus who changed it, when, and on what authority. */
export function ruleOverrideSchema<T extends z.ZodType>(value: T) {
  return z.strictObject({
    value,
    source: citationSchema,
    by: z.string().trim().min(1, '缺少修改人 (override author required)'),
    at: z.iso.datetime({ offset: true }),
  });
}

// Spelled out rather than ReturnType<typeof ruleEntrySchema<…>>: Zod's self-referential `this`
// types make a deferred RuleValueSchemas[K] fail the generic's constraint.
type EntrySchemas = {
  [K in RuleKey]: z.ZodOptional<
    z.ZodObject<
      { value: RuleValueSchemas[K]; source: z.ZodString; note: z.ZodOptional<z.ZodString> },
      z.core.$strict
    >
  >;
};
type OverrideSchemas = {
  [K in RuleKey]: z.ZodOptional<
    z.ZodObject<
      { value: RuleValueSchemas[K]; source: z.ZodString; by: z.ZodString; at: z.ZodISODateTime },
      z.core.$strict
    >
  >;
};

// Built from the catalogue so a new rule key cannot be forgotten here; the cast restores the
// per-key types that Object.fromEntries erases.
const rulesShape = Object.fromEntries(
  RULE_KEYS.map((k) => [k, ruleEntrySchema(RULE_VALUE_SCHEMAS[k]).optional()]),
) as unknown as EntrySchemas;

const overridesShape = Object.fromEntries(
  RULE_KEYS.map((k) => [k, ruleOverrideSchema(RULE_VALUE_SCHEMAS[k]).optional()]),
) as unknown as OverrideSchemas;

/** The rules of a profile; strict, so a misspelt key is an error rather than a silent fallback. */
export const profileRulesSchema = z.strictObject(rulesShape);

/** A profile file under ./profiles/<id>.json. */
export const policyProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id 须为 kebab-case'),
  name: z.string().min(1),
  version: z.int().positive(),
  effectiveFrom: z.iso.date(),
  description: z.string().min(1),
  rules: profileRulesSchema,
});

/** A district's overrides of single rules, keyed by rule key. */
export const ruleOverridesSchema = z.strictObject(overridesShape);

export type PolicyProfile = z.output<typeof policyProfileSchema>;
export type ProfileRules = PolicyProfile['rules'];
export type RuleEntry<K extends RuleKey> = { value: RuleValue<K>; source: string; note?: string };
export type RuleOverride<K extends RuleKey> = { value: RuleValue<K>; source: string; by: string; at: string };
export type RuleOverrides = z.output<typeof ruleOverridesSchema>;
/** What callers may pass as overrides (e.g. a jsonb column): validated on use. */
export type OverridesInput = Readonly<Record<string, unknown>>;

/** Where a value came from. Every computed figure spreads this so the output names its source. */
export interface Provenance {
  /** Citation of the clause (or, for an override, the district's own approving document). */
  source: string;
  /** The profile the value was taken from: the active one, or `generic` after a fallback. */
  profileId: string;
  /** True when the active profile lacks the rule and `generic` supplied it. */
  fellBackToGeneric: boolean;
  /** True when a district override replaced the profile value. */
  overridden: boolean;
  note?: string;
  override?: { by: string; at: string };
}

/** A computed figure: its own fields plus the provenance of the rule that produced it. */
export type Figure<T> = T & Provenance;

/** A rule resolved against a profile (+ overrides): its value and provenance. */
export interface ResolvedRule<K extends RuleKey> extends Provenance {
  key: K;
  value: RuleValue<K>;
}

/** Zod issues in a JSON-safe, path-as-strings form for `AppError.details`. */
export function issuesOf(error: z.ZodError): { path: string[]; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
}

/**
 * Parses `input` or throws `VALIDATION_FAILED` with the Chinese-first `message` and the issues,
 * so every entry point of this capability reports bad input the same way.
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, message: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION_FAILED', message, { issues: issuesOf(result.error) });
  return result.data;
}
