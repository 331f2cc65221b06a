import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** One column of an exported table: the header people read, the row key, a width in characters. */
export interface XlsxColumn<Row> {
  header: string;
  key: keyof Row & string;
  width?: number;
  /** Turns the value into what the cell shows (dates, enums in Chinese …). */
  format?: (value: Row[keyof Row], row: Row) => string | number | null;
}

export interface XlsxTable<Row> {
  /** Title printed above the table (the paper form's heading). */
  title: string;
  /** Lines under the title: period, unit, "制表时间" … */
  subtitle?: string[];
  sheetName?: string;
  columns: XlsxColumn<Row>[];
  rows: Row[];
  /** Lines under the table: signatures, notes. */
  footer?: string[];
}

/**
 * Builds an .xlsx workbook in the shape offices forward: a merged title row, optional subtitle lines,
 * a bold bordered header, the rows, optional footer lines. Every capability's Excel export uses this.
 */
export async function buildXlsx<Row>(...tables: XlsxTable<Row>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jiedao 街道社区治理平台';
  workbook.created = new Date();
  for (const table of tables) {
    const sheet = workbook.addWorksheet((table.sheetName ?? table.title).slice(0, 31));
    const width = Math.max(1, table.columns.length);
    const titleRow = sheet.addRow([table.title]);
    sheet.mergeCells(titleRow.number, 1, titleRow.number, width);
    titleRow.font = { bold: true, size: 14 };
    titleRow.alignment = { horizontal: 'center' };
    for (const line of table.subtitle ?? []) {
      const row = sheet.addRow([line]);
      sheet.mergeCells(row.number, 1, row.number, width);
    }
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    table.columns.forEach((c, i) => {
      sheet.getColumn(i + 1).width = c.width ?? Math.max(10, c.header.length * 2 + 2);
    });
    for (const r of table.rows) {
      sheet.addRow(
        table.columns.map((c) => {
          const value = r[c.key];
          if (c.format) return c.format(value, r);
          if (value instanceof Date) return value;
          return value === undefined ? null : (value as unknown as string | number | null);
        }),
      );
    }
    const last = sheet.lastRow?.number ?? header.number;
    for (let n = header.number; n <= last; n++) {
      sheet.getRow(n).eachCell({ includeEmpty: true }, (cell) => {
        cell.border = {
          top: { style: 'thin' },
          left: { style: 'thin' },
          bottom: { style: 'thin' },
          right: { style: 'thin' },
        };
        cell.alignment = { vertical: 'middle', wrapText: true };
      });
    }
    for (const line of table.footer ?? []) {
      const row = sheet.addRow([line]);
      sheet.mergeCells(row.number, 1, row.number, width);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sends a workbook as a download with a UTF-8 (Chinese) file name. */
export function sendXlsx(reply: FastifyReply, filename: string, buffer: Buffer): FastifyReply {
  const name = filename.endsWith('.xlsx') ? filename : `${filename}.xlsx`;
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(buffer);
}

/** Reads the first sheet of an .xlsx back into rows of strings (imports and tests use it). */
export async function readXlsxRows(buffer: Buffer | ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      // A merged range repeats its master's value in every cell: keep it once.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells.push(cellText(cell.value));
    });
    rows.push(cells);
  });
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
  }
  return String(v);
}
