import type { RefusalReason } from './model.ts';

/**
 * Hints that a call may not be dispatchable (《北京市接诉即办工作条例》). Only hints: the operator
 * decides, and a refusal always records the operator's reason.
 */
const HINTS: { reason: RefusalReason; pattern: RegExp; say: string }[] = [
  {
    reason: 'emergency',
    pattern: /着火|起火|火灾|爆炸|抢劫|杀人|持刀|打架斗殴|车祸|交通事故|昏迷|心脏病发|急救|溺水|煤气中毒/,
    say: '疑似紧急警情：请转 110/119/120/122',
  },
  {
    reason: 'litigation',
    pattern: /起诉|诉讼|法院|仲裁|信访|上访|行政复议|纪委/,
    say: '可能已进入诉讼、仲裁或信访等程序',
  },
  {
    reason: 'unlawful',
    pattern: /帮我(查|调取).{0,6}(住址|身份证|手机号)|报复/,
    say: '可能违反法律法规或公序良俗',
  },
];

export interface RefusalHint {
  reason: RefusalReason;
  message: string;
  matched: string;
}

export function refusalHints(text: string): RefusalHint[] {
  const hints: RefusalHint[] = [];
  for (const h of HINTS) {
    const m = text.match(h.pattern);
    if (m) hints.push({ reason: h.reason, message: h.say, matched: m[0] });
  }
  return hints;
}
