/** The policy API's views as the screens read them (src/policy/views.ts is the source of truth). */

export interface ResolvedRule {
  key: string;
  value: unknown;
  source: string;
  note?: string | null;
  profileId: string;
  fellBackToGeneric: boolean;
  overridden: boolean;
}
export interface PolicyOverride {
  ruleKey: string;
  value: unknown;
  source: string;
  setBy: string;
  setAt: string;
}
export interface ActivePolicy {
  profileId: string;
  profileName: string;
  overrides: PolicyOverride[];
  rules: ResolvedRule[];
}

export const showValue = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
