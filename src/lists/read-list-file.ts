import { AppError } from '../core/errors.ts';
import { readXlsxRows } from '../core/export/xlsx.ts';
import { parseCsv } from './parse-csv.ts';

export type ListFileFormat = 'csv' | 'xlsx';

/** The format of an uploaded file: .xlsx files are zip archives ("PK"), anything else is CSV text. */
export function detectFormat(fileName: string, bytes: Uint8Array): ListFileFormat {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.csv$/i.test(fileName)) return 'csv';
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv';
}

/** Rows of strings from an .xlsx (first sheet) or a UTF-8 CSV; an unreadable file → `INVALID_LIST_FILE`. */
export async function rowsFromFile(bytes: Uint8Array, format: ListFileFormat): Promise<string[][]> {
  try {
    if (format === 'xlsx') return await readXlsxRows(Buffer.from(bytes));
    return parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new AppError(
      'INVALID_LIST_FILE',
      `无法读取清单文件（${format === 'xlsx' ? 'Excel' : 'CSV，须为 UTF-8 编码'}）：${(err as Error).message} (unreadable list file)`,
      { problems: [{ row: 0, message: (err as Error).message }] },
    );
  }
}
