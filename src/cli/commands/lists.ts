import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addDays } from '../../core/calendar/zoned-time.ts';
import type { Db } from '../../core/db/connection.ts';
import { AppError } from '../../core/errors.ts';
import { getUnitByCode, listJurisdictions } from '../../jurisdiction/store.ts';
import { buildBurdenReport } from '../../lists/burden/build-burden-report.ts';
import { burdenReportXlsx } from '../../lists/burden/burden-report-xlsx.ts';
import { importList } from '../../lists/import-list.ts';
import {
  chinaToday,
  districtUnitCode,
  LIST_KIND_NAMES,
  LIST_KINDS,
  type ListKind,
} from '../../lists/model.ts';
import { detectFormat, rowsFromFile } from '../../lists/read-list-file.ts';
import { findEffectiveVersion, listItemsOf } from '../../lists/store.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const listsHelp = `jiedao lists import FILE --kind KIND --document 批准文件 --effective YYYY-MM-DD [--title 标题] [--scope 单位编码] [--json]
  从 Excel（.xlsx）或 CSV（UTF-8）导入清单，生成新版本；任何一行有问题则整份不导入并列出全部问题。
  KIND：${LIST_KINDS.map((k) => `${k}（${LIST_KIND_NAMES[k]}）`).join('、')}
  表头：编号、事项名称、类别、诉求分类、责任部门、依据；服务事项另有 办理条件、申请材料、办理时限、办理地点、可代办
jiedao lists show --kind KIND [--unit 单位编码] [--json]        某单位现行清单
jiedao lists burden-report [--from D] [--to D] [--street CODE] [--xlsx FILE] [--json]   社区减负情况统计`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  kind: { type: 'string' },
  scope: { type: 'string' },
  title: { type: 'string' },
  document: { type: 'string' },
  effective: { type: 'string' },
  unit: { type: 'string' },
  district: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  street: { type: 'string' },
  xlsx: { type: 'string' },
} as const;

function kindOf(value: string | undefined): ListKind {
  if (value && (LIST_KINDS as readonly string[]).includes(value)) return value as ListKind;
  throw new AppError('VALIDATION_FAILED', `--kind 须为 ${LIST_KINDS.join('|')}：${value ?? '（缺少）'}`);
}

async function districtOf(db: Db, code: string | undefined): Promise<string> {
  if (code) return code;
  const all = await listJurisdictions(db);
  if (all.length === 1 && all[0]) return all[0].districtCode;
  throw new AppError(
    'BAD_REQUEST',
    all.length === 0 ? '尚未建立辖区（jiedao init）' : '有多个辖区，请用 --district 指定',
  );
}

/** `jiedao lists import|show|burden-report`. */
export async function runLists(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  if (values.help) return void console.log(listsHelp);
  const [sub, file] = positionals;
  const config = configFrom(values);

  if (sub === 'import') {
    if (!file) throw new AppError('BAD_REQUEST', `缺少清单文件\n${listsHelp}`);
    const kind = kindOf(values.kind);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new AppError('INVALID_LIST_FILE', `无法读取文件 ${file}：${(err as Error).message}`);
    }
    const rows = await rowsFromFile(bytes, detectFormat(file, bytes));
    const result = await withDatabase(config, async ({ db }) =>
      importList({
        db,
        districtCode: await districtOf(db, values.district),
        kind,
        scopeCode: values.scope,
        meta: {
          title: values.title ?? LIST_KIND_NAMES[kind],
          approvingDocument: values.document ?? '',
          effectiveFrom: values.effective ?? '',
        },
        rows,
        fileName: path.basename(file),
        actor: cliActor(),
      }),
    );
    const v = result.version;
    return output(
      values.json,
      {
        versionId: v.id,
        kind: v.kind,
        scopeCode: v.scopeCode,
        versionNo: v.versionNo,
        effectiveFrom: v.effectiveFrom,
        itemCount: result.itemCount,
      },
      () =>
        `已导入${LIST_KIND_NAMES[kind]}第${v.versionNo}版（${v.scopeCode}），${result.itemCount} 项，自 ${v.effectiveFrom} 起施行`,
    );
  }

  if (sub === 'show') {
    const kind = kindOf(values.kind);
    const found = await withDatabase(config, async ({ db }) => {
      const districtCode = await districtOf(db, values.district);
      const unit = await getUnitByCode(db, values.unit ?? districtUnitCode(districtCode));
      if (!unit) throw new AppError('NOT_FOUND', `单位不存在：${values.unit}`);
      const version = await findEffectiveVersion(db, { districtCode, kind, unitPath: unit.path });
      if (!version) throw new AppError('NOT_FOUND', `${unit.name}尚无现行${LIST_KIND_NAMES[kind]}`);
      return { version, items: await listItemsOf(db, version.id) };
    });
    const { version, items } = found;
    return output(
      values.json,
      {
        version: {
          id: version.id,
          versionNo: version.versionNo,
          title: version.title,
          approvingDocument: version.approvingDocument,
          effectiveFrom: version.effectiveFrom,
        },
        items: items.map((i) => ({
          itemCode: i.itemCode,
          name: i.name,
          category: i.category,
          demandCategories: i.demandCategories,
          responsibleUnitCode: i.responsibleUnitCode,
          details: i.details,
        })),
      },
      () =>
        [
          `${version.title} 第${version.versionNo}版（${version.approvingDocument}，${version.effectiveFrom} 起）`,
          ...items.map((i) => `  ${i.itemCode}\t${i.name}`),
        ].join('\n'),
    );
  }

  if (sub === 'burden-report') {
    const today = chinaToday();
    const from = values.from ?? `${today.slice(0, 4)}-01-01`;
    const to = values.to ?? addDays(today, 1);
    const report = await withDatabase(config, async ({ db }) => {
      const districtCode = await districtOf(db, values.district);
      let withinPath = `/${districtUnitCode(districtCode)}/`;
      if (values.street) {
        const street = await getUnitByCode(db, values.street);
        if (!street || street.districtCode !== districtCode)
          throw new AppError('NOT_FOUND', `街道不存在：${values.street}`);
        withinPath = street.path;
      }
      return buildBurdenReport({ db, districtCode, withinPath, from, to });
    });
    if (values.xlsx) writeFileSync(values.xlsx, await burdenReportXlsx(report));
    const t = report.totals;
    return output(values.json, report, () =>
      [
        `社区减负情况（${report.from} 至 ${report.to}，不含末日）：社区 ${report.rows.length} 个`,
        `收到工作请求 ${t.requestsReceived} 件（受理 ${t.requestsAccepted}、拒收 ${t.requestsRefused}），在用报表/系统 ${t.formsActive} 个，报备会议 ${t.meetings} 次`,
        ...(values.xlsx ? [`已导出：${values.xlsx}`] : []),
      ].join('\n'),
    );
  }
  throw new AppError('BAD_REQUEST', `用法错误\n${listsHelp}`);
}
