import { toCsv, toXlsx, type ExportTable } from './evaluation-export';

const table: ExportTable = {
  title: 'street 2026-11-01~2026-11-30',
  columns: [
    { key: 'name', header: 'name' },
    { key: 'score', header: 'score' },
  ],
  rows: [
    { name: '望江街道', score: 91.5 },
    { name: 'a "quoted", name', score: null },
  ],
};

describe('exports', () => {
  it('writes CSV with a BOM, quoting what needs it and leaving nulls empty', () => {
    expect(toCsv(table)).toBe('\uFEFFname,score\r\n望江街道,91.5\r\n"a ""quoted"", name",\r\n');
  });

  it('writes an XLSX workbook (a zip)', async () => {
    const file = await toXlsx(table);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    expect(file.length).toBeGreaterThan(1000);
  });
});
