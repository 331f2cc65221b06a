/**
 * Turns the rows of an uploaded list (CSV or the first sheet of an .xlsx) into list items (pure).
 * Headers are matched by their usual Chinese names; every problem is collected with its row number
 * so the whole file can be refused at once with everything that needs fixing.
 */
import { defaultTaxonomy, leafCategories } from '../demands/classify/taxonomy.ts';
import { ITEM_CODE_PREFIX, type ListKind, type ServiceDetails, type ServiceTimeLimit } from './model.ts';

type Field =
  | 'itemCode'
  | 'name'
  | 'category'
  | 'demandCategories'
  | 'responsibleUnit'
  | 'basis'
  | 'conditions'
  | 'materials'
  | 'timeLimit'
  | 'whereHandled'
  | 'proxyAllowed';

/** Header names people use for each field (lower-case English ones for machine-made files). */
export const HEADER_ALIASES: Record<Field, readonly string[]> = {
  itemCode: ['编号', '事项编号', '事项编码', 'code', 'item_code'],
  name: ['事项名称', '名称', '服务事项', '职责事项', '工作事项', 'name'],
  category: ['类别', '事项类别', '分类', 'category'],
  demandCategories: ['诉求分类', '需求分类', '诉求类别', 'demand_categories'],
  responsibleUnit: ['责任部门', '责任单位', '主责部门', 'department', 'responsible_unit'],
  basis: ['依据', '设定依据', '法律依据', '政策依据', 'basis'],
  conditions: ['办理条件', '受理条件', 'conditions'],
  materials: ['申请材料', '所需材料', '办理材料', 'materials'],
  timeLimit: ['办理时限', '承诺时限', '时限', 'time_limit'],
  whereHandled: ['办理地点', '办理地址', '受理地点', 'where_handled'],
  proxyAllowed: ['可代办', '是否可代办', 'proxy_allowed'],
};

export interface ListFileProblem {
  /** 1-based row number in the file (as a spreadsheet shows it). */
  row: number;
  column?: string;
  message: string;
}

/** An item as read from the file; the responsible unit is still the text written in the cell. */
export interface ParsedListItem {
  row: number;
  itemCode: string;
  name: string;
  category: string | null;
  demandCategories: string[];
  responsibleUnit: string | null;
  basis: string | null;
  details: ServiceDetails | null;
}

export interface ParsedListFile {
  items: ParsedListItem[];
  problems: ListFileProblem[];
}

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "5" / "十五" / "二十" / "三十" → number (up to 99); undefined when not a number. */
function toNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return undefined;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? CN_DIGITS[tens] : undefined;
  return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
}

/**
 * 办理时限 as written in catalogs: 即办/即时办结/当场办结 → 0 working days; "5个工作日", "五个工作日",
 * "5日"/"5天" (catalogs mean working days) → working days; "4小时"/"4个工作小时" → working hours.
 */
export function parseTimeLimit(text: string): ServiceTimeLimit | undefined {
  const t = text.replace(/\s+/g, '');
  if (/^(即办|即时办结|即时办理|当场办结|当场办理|立即办理|即办件|0)$/.test(t)) {
    return { amount: 0, unit: 'working_days' };
  }
  const m = /^([0-9]+|[一二两三四五六七八九十]+)个?(工作日|日|天|工作小时|小时)(内)?(办结)?$/.exec(t);
  if (!m) return undefined;
  const amount = toNumber(m[1] as string);
  if (amount === undefined || amount > 365) return undefined;
  return { amount, unit: (m[2] as string).includes('小时') ? 'working_hours' : 'working_days' };
}

/** "1.身份证原件；2.户口簿" / one per line → ["身份证原件", "户口簿"]; "无" → []. */
export function splitMaterials(text: string): string[] {
  if (/^\s*(无|—|-)?\s*$/.test(text)) return [];
  return text
    .split(/[；;\n\r]+/)
    .map((m) => m.replace(/^\s*[（(]?\d+[)）.、．]\s*/, '').trim())
    .filter((m) => m !== '');
}

function parseYesNo(text: string): boolean | undefined {
  const t = norm(text);
  if (t === '') return true;
  if (['是', '可', '可以', '可代办', 'y', 'yes', 'true', '1'].includes(t)) return true;
  if (['否', '不可', '不可以', '不可代办', 'n', 'no', 'false', '0'].includes(t)) return false;
  return undefined;
}

/**
 * A label → level-2 code lookup built once per file: the code itself, the `一级/二级` path, or a
 * level-2 name that is unique in the taxonomy (the rules of the demands taxonomy's resolveCategory).
 */
function categoryResolver(): (label: string) => { code: string } | undefined {
  const leaves = leafCategories(defaultTaxonomy());
  const byKey = new Map<string, { code: string }>();
  const nameCount = new Map<string, number>();
  for (const leaf of leaves) nameCount.set(leaf.name, (nameCount.get(leaf.name) ?? 0) + 1);
  for (const leaf of leaves) {
    if (nameCount.get(leaf.name) === 1) byKey.set(leaf.name, leaf);
    byKey.set(leaf.path, leaf);
    byKey.set(leaf.code, leaf);
  }
  return (label) => byKey.get(label.trim());
}

function findHeader(
  rows: readonly (readonly string[])[],
): { index: number; columns: Map<Field, number> } | null {
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const cells = (rows[r] ?? []).map(norm);
    const columns = new Map<Field, number>();
    for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, readonly string[]][]) {
      const wanted = new Set(aliases.map(norm));
      const at = cells.findIndex((c) => wanted.has(c));
      if (at >= 0) columns.set(field, at);
    }
    if (columns.has('name')) return { index: r, columns };
  }
  return null;
}

/**
 * Reads list items of `kind` from rows. The header row is found among the first ten rows (a title
 * above it, as in exported sheets, is fine); single-cell lines below the table (notes, signatures)
 * are skipped. Item codes missing from the file are generated (FWSX-001 …).
 */
export function parseListRows(kind: ListKind, rows: readonly (readonly string[])[]): ParsedListFile {
  const problems: ListFileProblem[] = [];
  const header = findHeader(rows);
  if (!header) {
    return {
      items: [],
      problems: [{ row: 1, message: '未找到表头：须有“事项名称”列 (header row with 事项名称 not found)' }],
    };
  }
  const { columns } = header;
  const cell = (row: readonly string[], f: Field) => {
    const at = columns.get(f);
    return at === undefined ? '' : (row[at] ?? '').trim();
  };
  const resolveCategory = categoryResolver();
  const items: ParsedListItem[] = [];
  const seen = new Map<string, number>();
  for (let r = header.index + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rowNo = r + 1;
    const filled = row.filter((c) => c.trim() !== '').length;
    const name = cell(row, 'name');
    if (filled === 0 || (filled === 1 && name === '')) continue;
    const problem = (column: string, message: string) => problems.push({ row: rowNo, column, message });
    if (name === '') problem('事项名称', '缺少事项名称');
    const itemCode =
      cell(row, 'itemCode') || `${ITEM_CODE_PREFIX[kind]}-${String(items.length + 1).padStart(3, '0')}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/.test(itemCode)) problem('编号', `事项编号格式不对：${itemCode}`);
    const dup = seen.get(itemCode);
    if (dup !== undefined) problem('编号', `事项编号与第${dup}行重复：${itemCode}`);
    seen.set(itemCode, rowNo);
    const demandCategories: string[] = [];
    for (const label of cell(row, 'demandCategories')
      .split(/[,，、;；\s]+/)
      .filter(Boolean)) {
      const found = resolveCategory(label);
      if (found) demandCategories.push(found.code);
      else problem('诉求分类', `未知的诉求分类：${label}`);
    }
    let details: ServiceDetails | null = null;
    if (kind === 'service_catalog') {
      const limitText = cell(row, 'timeLimit');
      const timeLimit = parseTimeLimit(limitText);
      if (!timeLimit) problem('办理时限', limitText ? `无法识别的办理时限：${limitText}` : '缺少办理时限');
      const whereHandled = cell(row, 'whereHandled');
      if (!whereHandled) problem('办理地点', '缺少办理地点');
      const proxyAllowed = parseYesNo(cell(row, 'proxyAllowed'));
      if (proxyAllowed === undefined) problem('可代办', `应填“是”或“否”：${cell(row, 'proxyAllowed')}`);
      details = {
        conditions: cell(row, 'conditions'),
        materials: splitMaterials(cell(row, 'materials')),
        timeLimit: timeLimit ?? { amount: 0, unit: 'working_days' },
        whereHandled,
        proxyAllowed: proxyAllowed ?? true,
      };
    }
    items.push({
      row: rowNo,
      itemCode,
      name,
      category: cell(row, 'category') || null,
      demandCategories: [...new Set(demandCategories)],
      responsibleUnit: cell(row, 'responsibleUnit') || null,
      basis: cell(row, 'basis') || null,
      details,
    });
  }
  if (items.length === 0 && problems.length === 0)
    problems.push({ row: header.index + 2, message: '清单没有任何事项' });
  return { items, problems };
}
