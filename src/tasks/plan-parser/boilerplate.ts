/**
 * What surrounds a plan in the text people paste or extract: a web page's navigation and footer,
 * the notice that issued the plan, a signature. This finds the plan's title and where it ends.
 */
import { parseSectionHeading } from './classify-line.ts';
import { looksLikeUnitName } from './split-units.ts';

/** Words a plan's title ends on or contains; a line without one is not taken for the title. */
const TITLE_WORD = /(方案|计划|清单|分工|分解|安排|要点|措施|台账|细则|任务表|任务书)/;
/** Lines that mention a plan without being its title: the issuing notice, web metadata. */
const NOT_TITLE = /(^(关于印发|印发|转发|根据|按照|为了?|现将|经)|(通知|的函|通告|公告|批复)$|[_|>»]|\s-\s)/;

/** The line with any bracketed parts removed: `（2020—2022年）` or `（格式示例，…）` is no reason to reject. */
const withoutBrackets = (line: string): string => line.replace(/[(（][^()（）]*[)）]/g, '');

function isTitleLine(line: string): boolean {
  const bare = withoutBrackets(line);
  return (
    bare.length >= 4 &&
    bare.length <= 60 &&
    TITLE_WORD.test(bare) &&
    !/[。，,；;：:！？!?、]/.test(bare) &&
    !NOT_TITLE.test(bare) &&
    parseSectionHeading(line) === null
  );
}

/** A line wholly in brackets right after the title belongs to it (`（2020—2022年）`). */
const isBracketedLine = (line: string): boolean => /^[(（][^()（）]*[)）]$/.test(line);

/** The first half of a title wrapped across two lines: unpunctuated, and not a site, an office or a footer. */
function isTitleHead(line: string): boolean {
  return (
    line.length >= 6 &&
    line.length <= 40 &&
    !isFooterLine(line) &&
    !/[。，,；;：:！？!?、()（）《》<>_|]/.test(line) &&
    !NOT_TITLE.test(line) &&
    !/^(附件|首页|当前位置|索引号|发布)/.test(line) &&
    !/\d{4}年\d{1,2}月/.test(line) &&
    (line.startsWith('关于') || !looksLikeUnitName(line)) &&
    !/(网|网站|门户)$/.test(line)
  );
}

export interface TitleAt {
  title: string | null;
  /** Index of the title's last line, or -1 without a title. */
  lastLine: number;
}

/**
 * Finds the plan's title among the lines before its first task: the last title-like line (a
 * web page repeats a document's title in its metadata first), joined with the line before it
 * when the title was wrapped, and with a bracketed line or a cut-off last word after it.
 */
export function findTitle(lines: readonly string[]): TitleAt {
  let at = -1;
  let title = '';
  for (let i = lines.length - 1; i >= 0 && at === -1; i--) {
    const line = lines[i] ?? '';
    const before = lines[i - 1];
    // A title wrapped across two lines, possibly inside its key word (`工作` / `要点`).
    const joined =
      before !== undefined && isTitleHead(before) && !TITLE_WORD.test(before) ? before + line : null;
    if (joined !== null && isTitleLine(joined)) {
      at = i;
      title = joined;
    } else if (isTitleLine(line)) {
      at = i;
      title = line;
    }
  }
  if (at === -1) return { title: null, lastLine: -1 };
  let last = at;
  const after = lines[at + 1];
  // A short tail joins only a title cut before its last word (`…任务分解方` / `案`).
  const cutShort = !/(方案|计划|清单|分工|要点|措施|台账|细则|安排|任务表|任务书)$/.test(title);
  if (
    after !== undefined &&
    (isBracketedLine(after) || (cutShort && after.length <= 4 && /^[\p{Script=Han}]+$/u.test(after)))
  ) {
    title += after;
    last = at + 1;
  }
  return { title, lastLine: last };
}

const FOOTER_LINES: readonly RegExp[] = [
  /^(【?\s*(打印|关闭|收藏|返回)(本页|窗口|此页|本文|顶部)?\s*】?\s*)+$/,
  /^扫一扫.{0,16}$/,
  /^分享到.{0,30}$/,
  /^(相关链接|相关文件|相关阅读|相关新闻|相关解读|相关稿件|相关政策|政策解读|图片解读|文字解读)[:：]?$/,
  /^(上一篇|下一篇|上一条|下一条)[:：]?/,
  /^(主办单位|承办单位|主办|承办|技术支持|运维单位|网站管理|联系电话|联系地址)[:：]/,
  /(ICP备|公网安备|网站标识码|版权所有|copyright|©)/i,
  /^(责任编辑|编辑|审核|校对|来源|发布时间|发布日期|浏览次数|点击数|阅读次数|字号)[:：]/,
  /^【?(字体|字号)[:：]?\s*(大|中|小)/,
  /^(网站地图|联系我们|关于我们|隐私声明|无障碍浏览|返回顶部|返回首页)/,
  /^附件\d*[:：]/,
  /^抄送[:：]/,
  /^[(（]此件(公开发布|主动公开|不公开|依申请公开)[)）]$/,
  /^\d{4}年\d{1,2}月\d{1,2}日印发$/,
];

/** True for a web-page footer or document-footer line (【打印本页】, 网站标识码, 抄送:, …). */
export function isFooterLine(line: string): boolean {
  return FOOTER_LINES.some((re) => re.test(line));
}

const SIGNATURE_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

/**
 * True when line `i` is the date under a signature: a date alone on its line. A date right after
 * a label's colon (`完成时间:` / `2021年3月1日`) is that field's value instead.
 */
export function isSignatureDate(lines: readonly string[], i: number): boolean {
  return SIGNATURE_DATE.test(lines[i] ?? '') && !/[:：]$/.test(lines[i - 1] ?? '');
}

/** `附件` or `附件2` alone on a line: the issuing notice ends and the plan begins. */
export function isAttachmentMarker(line: string): boolean {
  return /^附件\s*[\d一二三四五六七八九十]*$/.test(line);
}

/**
 * Where a signature block starts when line `i` is its date: at the issuing office on the line
 * before, when that line reads as one.
 */
export function signatureStart(lines: readonly string[], i: number): number {
  const office = lines[i - 1] ?? '';
  return looksLikeUnitName(office) && !/[:：、，,；;]/.test(office) ? i - 1 : i;
}
