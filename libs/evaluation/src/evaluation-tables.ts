import { COUNTERS, RATE_KEYS, RATES } from './evaluation-counters';
import type { ExportTable } from './evaluation-export';
import type { EvaluationTable, OutstandingRow } from './evaluation.service';

/** A ranking as a flat table: rank, object, score and grade, every rate (with the reference's name), every counter. */
export function rankingTable(table: EvaluationTable): ExportTable {
  return {
    title: `${table.objectType} ${table.from}~${table.to}`,
    columns: [
      { key: 'rank', header: 'rank' },
      { key: 'id', header: 'id' },
      { key: 'name', header: 'name' },
      { key: 'score', header: 'score' },
      { key: 'grade', header: 'grade' },
      ...RATE_KEYS.map((key) => ({ key, header: `${key} ${RATES[key].label}` })),
      ...COUNTERS.map((key) => ({ key, header: key })),
    ],
    rows: table.rows.map((row) => ({
      rank: row.rank,
      id: row.id,
      name: row.name,
      score: row.score,
      grade: row.grade,
      ...row.rates,
      ...row.counters,
    })),
  };
}

export function outstandingTable(by: string, rows: OutstandingRow[]): ExportTable {
  return {
    title: `outstanding by ${by}`,
    columns: [
      { key: 'areaId', header: by },
      { key: 'areaName', header: 'name' },
      { key: 'matterKind', header: 'matter kind' },
      { key: 'matterCode', header: 'matter code' },
      { key: 'matterName', header: 'matter' },
      { key: 'open', header: 'open' },
      { key: 'overdue', header: 'overdue' },
    ],
    rows: rows.map((row) => ({ ...row })),
  };
}
