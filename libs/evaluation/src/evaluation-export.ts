import writeXlsxFile, { type SheetData } from 'write-excel-file/node';

export type CellValue = string | number | null;

/** A table to export: the columns in order, and rows keyed by column. */
export interface ExportTable {
  title: string;
  columns: { key: string; header: string }[];
  rows: Record<string, CellValue>[];
}

/** RFC 4180 CSV with a BOM, so that Excel opens the Chinese names as UTF-8; numbers as they are. */
export function toCsv(table: ExportTable): string {
  const cell = (value: CellValue): string => {
    if (value === null) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [
    table.columns.map((column) => cell(column.header)).join(','),
    ...table.rows.map((row) => table.columns.map((column) => cell(row[column.key] ?? null)).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One sheet with a bold header row; numbers stay numbers. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const data: SheetData = [
    table.columns.map((column) => ({ value: column.header, fontWeight: 'bold' as const })),
    ...table.rows.map((row) =>
      table.columns.map((column) => {
        const value = row[column.key] ?? null;
        return value === null ? null : typeof value === 'number' ? { value, type: Number } : { value };
      }),
    ),
  ];
  // Sheet names are at most 31 characters and may not hold []:*?/\.
  const sheet = table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  return writeXlsxFile(data, { sheet }).toBuffer();
}
