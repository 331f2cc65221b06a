import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatBeijing, formatBeijingEndOfDay } from '../../core/calendar/format.ts';
import { importCalendarOverrides } from '../../core/calendar/import-overrides.ts';
import { createWorkCalendar, type TimeLimitSpec, type WorkCalendar } from '../../core/calendar/index.ts';
import { CalendarRegistry } from '../../core/calendar/store.ts';
import { AppError } from '../../core/errors.ts';
import { listJurisdictions } from '../../jurisdiction/store.ts';
import { COMMON_OPTIONS, cliActor, configFrom, output, withDatabase } from '../common.ts';

export const calendarHelp = `jiedao calendar due --from 2026-09-30T10:00+08:00 (--working-days N | --hours N | --working-hours N) [--json]
  按中国法定节假日与调休计算办理时限（有数据库时计入已导入的节假日安排）。
jiedao calendar import FILE [--scope national|district] [--year 2027] [--source 文号]
  导入国务院办公厅节假日安排通知（全文 .txt）或日期清单（JSON：[{date, kind: workday|holiday, name}]）。`;

/** `jiedao calendar due|import`. */
export async function runCalendar(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ...COMMON_OPTIONS,
      from: { type: 'string' },
      'working-days': { type: 'string' },
      hours: { type: 'string' },
      'working-hours': { type: 'string' },
      scope: { type: 'string', default: 'national' },
      year: { type: 'string' },
      source: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.help) return void console.log(calendarHelp);
  const config = configFrom(values);
  if (positionals[0] === 'due') {
    const from = values.from ? new Date(values.from) : undefined;
    if (!from || Number.isNaN(from.getTime()))
      throw new AppError(
        'VALIDATION_FAILED',
        `--from 须为带时区的时间，如 2026-09-30T10:00+08:00\n${calendarHelp}`,
      );
    const specs: TimeLimitSpec[] = [];
    if (values['working-days']) specs.push({ unit: 'working_days', amount: Number(values['working-days']) });
    if (values.hours) specs.push({ unit: 'calendar_hours', amount: Number(values.hours) });
    if (values['working-hours'])
      specs.push({ unit: 'working_hours', amount: Number(values['working-hours']) });
    const spec = specs[0];
    if (specs.length !== 1 || !spec || !(spec.amount > 0))
      throw new AppError(
        'VALIDATION_FAILED',
        `请指定 --working-days、--hours、--working-hours 中的一项\n${calendarHelp}`,
      );
    // Imported overrides live in the database; use it when there is one, else the shipped data.
    const calendar = hasDatabase(config)
      ? await withDatabase(config, (db) => storedCalendar(db.db))
      : createWorkCalendar();
    const { due, coverage } = calendar.computeDeadline(from, spec);
    const result = {
      due: due.toISOString(),
      dueLocal: formatBeijing(due),
      dueAsStated: formatBeijingEndOfDay(due),
      spec,
      coverage,
    };
    return output(values.json, result, () => [result.dueAsStated, ...coverage.warnings].join('\n'));
  }
  if (positionals[0] === 'import' && positionals[1]) {
    const file = positionals[1];
    const text = readFileSync(file, 'utf8');
    const isJson = file.endsWith('.json');
    const result = await withDatabase(config, async (database) => {
      const [district] = await listJurisdictions(database.db);
      if (!district)
        throw new AppError('NOT_FOUND', '尚未建立辖区：先运行 jiedao init (no jurisdiction yet)');
      return importCalendarOverrides({
        db: database.db,
        scope: values.scope === 'district' ? district.districtCode : 'national',
        notice: isJson ? undefined : text,
        entries: isJson ? JSON.parse(text) : undefined,
        year: values.year ? Number(values.year) : undefined,
        source: values.source ?? path.basename(file),
        actor: cliActor(),
        districtCode: district.districtCode,
      });
    });
    return output(values.json, result, () =>
      [
        `已导入 ${result.year ?? ''} 年节假日安排 ${result.entries.length} 天`,
        ...result.warnings.map((w) => `  注意：${w}`),
      ].join('\n'),
    );
  }
  throw new AppError('BAD_REQUEST', `用法错误\n${calendarHelp}`);
}

function hasDatabase(config: { databaseUrl: string | undefined; dataDir: string }): boolean {
  return Boolean(config.databaseUrl) || existsSync(path.join(config.dataDir, 'PG_VERSION'));
}

async function storedCalendar(db: Parameters<CalendarRegistry['get']>[0]): Promise<WorkCalendar> {
  const [district] = await listJurisdictions(db);
  return new CalendarRegistry().get(db, district?.districtCode ?? 'national');
}
