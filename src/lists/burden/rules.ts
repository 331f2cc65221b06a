/**
 * The burden-reduction (减负) rules as pure decisions: is a request covered by the target's access
 * list, does a new item move authority/staff/funds with it, is a matter one a community may never
 * be made responsible for, is a department's form quota used up, who sees a registered meeting.
 */
import { LIST_KIND_NAMES, type ListKind, type Transfers } from '../model.ts';

/** The access-list rule of the active profile, as resolved (text to quote and its citation). */
export interface AccessRule {
  key: string;
  unlistedRefused: boolean;
  refusalText: string;
  source: string;
}

export type AccessDecision =
  | { accepted: true; itemId: string | null; unlisted: boolean }
  | { accepted: false; message: string; missing: { title: string; citedItemCode: string | null } };

/** Short form of a citation ("XQ 三(五) — …" → "XQ 三(五)") for messages. */
export const shortSource = (source: string): string => source.split(' — ')[0] ?? source;

/**
 * A request is accepted only when it cites an item of the access list in force for the target.
 * Refused otherwise, naming the work and the (missing) item and quoting the rule. A profile whose
 * rule does not refuse unlisted work lets it through, flagged `unlisted`.
 */
export function checkAccess(input: {
  listKind: ListKind;
  targetName: string;
  title: string;
  citedItemCode: string | null;
  /** The cited item as found on the list in force, or null. */
  citedItem: { id: string; name: string } | null;
  hasList: boolean;
  rule: AccessRule;
}): AccessDecision {
  if (input.citedItem) return { accepted: true, itemId: input.citedItem.id, unlisted: false };
  if (!input.rule.unlistedRefused) return { accepted: true, itemId: null, unlisted: true };
  const list = LIST_KIND_NAMES[input.listKind];
  const what = input.citedItemCode
    ? `所引事项编号 ${input.citedItemCode} 不在${input.targetName}现行${list}中`
    : `未引用${list}事项`;
  const noList = input.hasList ? '' : `（${input.targetName}尚无现行${list}）`;
  return {
    accepted: false,
    message: `工作事项“${input.title}”未列入准入清单：${what}${noList}。${input.rule.refusalText}（${shortSource(input.rule.source)}） (not on the access list)`,
    missing: { title: input.title, citedItemCode: input.citedItemCode },
  };
}

const TRANSFER_NAMES = { authority: '权（事权）', staff: '人（人员编制）', funds: '费（经费）' } as const;
export type TransferKind = keyof typeof TRANSFER_NAMES;

/** Which of the required transfers (权随事转、人随事转、费随事转) a proposal leaves blank. */
export function missingTransfers(
  transfers: Transfers,
  mustTransfer: readonly TransferKind[],
): TransferKind[] {
  return mustTransfer.filter((k) => !(transfers[k] ?? '').trim());
}

/** "权（事权）、费（经费）" for a message. */
export const transferNames = (kinds: readonly TransferKind[]): string =>
  kinds.map((k) => TRANSFER_NAMES[k]).join('、');

/** The first excluded matter (执法, 拆迁拆违 …) a community item's text mentions, if any. */
export function excludedMatterIn(
  texts: readonly (string | null)[],
  excluded: readonly string[],
): string | undefined {
  const joined = texts.filter(Boolean).join(' ');
  return excluded.find((m) => joined.includes(m));
}

/** True when a department already has as many active forms at a community as the rule allows. */
export function formQuotaUsed(activeForms: number, maxPerDepartment: number): boolean {
  return activeForms >= maxPerDepartment;
}

/** The number printed on a work notice: 提示〔2026〕12号. */
export function noticeNumber(year: number, seq: number): string {
  return `提示〔${year}〕${seq}号`;
}

/**
 * The next free generated code of a list (SQZR-031 after SQZR-030), so an approved item never
 * collides with an imported one.
 */
export function nextItemCode(prefix: string, existing: readonly string[]): string {
  let max = 0;
  for (const code of existing) {
    const m = new RegExp(`^${prefix}-(\\d+)$`).exec(code);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${String(max + 1).padStart(3, '0')}`;
}

/** A registered meeting as the visibility rule sees it: who organised it, which communities attend. */
export interface MeetingReach {
  organiserUnitCode: string;
  communityCodes: readonly string[];
}

/**
 * Whether a caller whose jurisdiction is the subtree `scope` may see a registered meeting: one
 * organised by a unit inside it (a department sees the meetings it registered) or summoning a
 * community inside it (a street or community sees what its staff are called to). `street`, when
 * given, narrows to meetings summoning a community of that street. `pathOf` gives a unit's path by
 * code; an unknown code (a unit since removed) matches nothing.
 */
export function meetingVisible(
  meeting: MeetingReach,
  pathOf: (code: string) => string | undefined,
  scope: string,
  street?: string,
): boolean {
  const inside = (code: string, root: string) => pathOf(code)?.startsWith(root) ?? false;
  const reaches =
    inside(meeting.organiserUnitCode, scope) || meeting.communityCodes.some((c) => inside(c, scope));
  return reaches && (street === undefined || meeting.communityCodes.some((c) => inside(c, street)));
}
