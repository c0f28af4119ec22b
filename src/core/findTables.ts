// Table recognition: find every 绩效自评表 on a sheet by its column titles, never by position.
// A sheet may hold several tables one under another; each has an optional preamble (title,
// budget block) above its indicator header, indicator rows, and optional 总分 / 评价等次 rows.
import { GridView, cellText } from './grid';
import {
  BudgetRole,
  ColumnRole,
  budgetSynonyms,
  columnSynonyms,
  labelIs,
  labelIsNormalized,
  matchRoleNormalized,
  normalizeLabel,
  rowLabels,
} from './headers';
import type { SheetGrid, TableKind } from './types';

export type ColumnMap = Partial<Record<ColumnRole, number>>;

export interface CellRef {
  row: number;
  col: number;
}

export interface FoundBudget {
  /** 0-based row of 年度资金总额. */
  row: number;
  cols: Partial<Record<BudgetRole, number>>;
}

export interface FoundRow {
  /** 0-based sheet row. */
  row: number;
  level1: string;
  /** The cell the 一级指标 label is written in (merged master), null when the table has no 一级 column. */
  level1Cell: CellRef | null;
  level2: string;
}

export interface FoundTable {
  sheet: string;
  /** 0-based inclusive bounds of the whole table (preamble to 总分/评价等次). */
  top: number;
  bottom: number;
  left: number;
  right: number;
  headerRow: number;
  columns: ColumnMap;
  budget: FoundBudget | null;
  /** Rows that carry an indicator (spacer rows and label-only rows are left out). */
  rows: FoundRow[];
  totalRow: number | null;
  /** Label cell of the 总分 row, and the first value cell right of the label (for tables without 分值/得分 columns). */
  totalValueCell: CellRef | null;
  gradeRow: number | null;
  gradeValueCell: CellRef | null;
  title: string;
  kind: TableKind;
}

/** Labels that start a new table's preamble: an indicator region never runs past them. */
const preambleLabels = [...rowLabels.budgetTotal, ...rowLabels.projectTitle, ...rowLabels.departmentTitle, '年度总体目标', '总体目标'];

function headerColumns(view: GridView, r: number): ColumnMap | null {
  const cols: ColumnMap = {};
  for (let c = 0; c < view.rowLength(r); c++) {
    const role = matchRoleNormalized(view.label(r, c), columnSynonyms);
    if (role && cols[role] === undefined) cols[role] = c;
  }
  const hasPair = cols.target !== undefined && cols.actual !== undefined;
  if (hasPair && (cols.name !== undefined || cols.weight !== undefined || cols.score !== undefined)) return cols;
  return null;
}

function firstText(view: GridView, r: number): { col: number; text: string } | null {
  for (let c = 0; c < view.rowLength(r); c++) {
    const t = cellText(view.raw(r, c));
    if (t) return { col: c, text: t };
  }
  return null;
}

/** The first cell right of `col` on row r that shows a value different from the label itself. */
function valueRightOf(view: GridView, r: number, col: number): CellRef | null {
  const label = view.text(r, col);
  for (let c = col + 1; c < view.rowLength(r); c++) {
    if (view.isBlank(r, c)) continue;
    if (view.text(r, c) === label) continue;
    return { row: r, col: c };
  }
  return null;
}

function rowHasLabel(view: GridView, r: number, labels: string[]): number {
  for (let c = 0; c < view.rowLength(r); c++) if (labelIsNormalized(view.label(r, c), labels)) return c;
  return -1;
}

function findBudget(view: GridView, from: number, to: number): FoundBudget | null {
  for (let r = from; r <= to; r++) {
    let labelCol = -1;
    for (let c = 0; c < view.rowLength(r) && labelCol < 0; c++) if (view.label(r, c).includes('资金总额')) labelCol = c;
    if (labelCol < 0) continue;
    // The budget column titles sit in one of the rows just above the 年度资金总额 row.
    for (let h = r - 1; h >= Math.max(from, r - 3); h--) {
      const cols: Partial<Record<BudgetRole, number>> = {};
      let found = 0;
      for (let c = labelCol + 1; c < view.rowLength(h); c++) {
        const role = matchRoleNormalized(view.label(h, c), budgetSynonyms);
        if (role && cols[role] === undefined) {
          cols[role] = c;
          found++;
        }
      }
      if (found >= 2 && cols.executed !== undefined) return { row: r, cols };
    }
  }
  return null;
}

/** A title label and its value in one cell ("项目名称：xxx"), or null. */
function inlineTitle(text: string): { title: string; kind: TableKind } | null {
  // [\s\S] rather than the /s flag: the pane bundle must parse as ES2017 (dotAll is ES2018).
  const m = /^\s*([^：:]{2,12})[：:]\s*(\S[\s\S]*)$/.exec(text);
  if (!m) return null;
  const label = normalizeLabel(m[1]);
  const kind: TableKind | null = rowLabels.projectTitle.includes(label) ? 'project' : rowLabels.departmentTitle.includes(label) ? 'department' : null;
  return kind ? { title: m[2].trim(), kind } : null;
}

function titleAndKind(view: GridView, sheetName: string, from: number, to: number): { title: string; kind: TableKind } {
  let title = '';
  let kind: TableKind = 'unknown';
  let heading = '';
  for (let r = from; r <= to; r++) {
    for (let c = 0; c < view.rowLength(r); c++) {
      const v = view.raw(r, c);
      if (typeof v !== 'string' || !v.trim()) continue;
      const isProject = labelIs(v, rowLabels.projectTitle);
      const isDept = labelIs(v, rowLabels.departmentTitle);
      if (isProject || isDept) {
        if (kind === 'unknown') kind = isProject ? 'project' : 'department';
        const cell = valueRightOf(view, r, c);
        if (!title && cell) {
          const t = view.text(cell.row, cell.col);
          if (!labelIs(t, ['主管部门', '实施单位'])) title = t;
        }
      } else if (inlineTitle(v)) {
        // "项目名称：基层党建经费" written in one cell.
        const inline = inlineTitle(v)!;
        if (kind === 'unknown') kind = inline.kind;
        if (!title) title = inline.title;
      } else if (!heading && /自评表|自评报告|绩效评价/.test(v)) {
        heading = v.trim().replace(/\s+/g, ' ');
      }
    }
  }
  if (heading.includes('部门整体')) kind = 'department';
  else if (kind === 'unknown' && heading.includes('项目')) kind = 'project';
  return { title: title || heading || sheetName, kind };
}

/** Every table on the sheet; pass a GridView to share its caches with the caller. */
export function findTables(sheet: SheetGrid | GridView): FoundTable[] {
  const view = sheet instanceof GridView ? sheet : new GridView(sheet);
  const headers: { row: number; cols: ColumnMap }[] = [];
  for (let r = 0; r < view.rowCount; r++) {
    const cols = headerColumns(view, r);
    if (cols) headers.push({ row: r, cols });
  }
  const tables: FoundTable[] = [];
  let regionStart = 0;
  for (let i = 0; i < headers.length; i++) {
    const { row: headerRow, cols } = headers[i];
    if (headerRow < regionStart) continue;
    const limit = i + 1 < headers.length ? headers[i + 1].row - 1 : view.rowCount - 1;
    const table = scanTable(view, view.grid.name, regionStart, headerRow, limit, cols);
    tables.push(table);
    regionStart = table.bottom + 1;
  }
  return tables;
}

function scanTable(view: GridView, sheetName: string, regionStart: number, headerRow: number, limit: number, cols: ColumnMap): FoundTable {
  const tableCols = Object.values(cols) as number[];
  const firstCol = Math.min(...tableCols);
  const lastCol = Math.max(...tableCols);
  const rows: FoundRow[] = [];
  let totalRow: number | null = null;
  let totalValueCell: CellRef | null = null;
  let gradeRow: number | null = null;
  let gradeValueCell: CellRef | null = null;
  let lastContent = headerRow;
  let level1 = '';
  let level1Cell: CellRef | null = null;
  let level2 = '';

  const labelAt = (r: number, c: number | undefined): { text: string; cell: CellRef } | null => {
    if (c === undefined) return null;
    const m = view.master(r, c);
    const text = cellText(view.raw(m.row, m.col));
    return text ? { text, cell: m } : null;
  };

  for (let r = headerRow + 1; r <= limit; r++) {
    const first = firstText(view, r);
    if (first) {
      const t = rowHasLabel(view, r, rowLabels.total);
      if (t >= 0 && t < (cols.target ?? lastCol)) {
        totalRow = r;
        lastContent = r;
        totalValueCell = valueRightOf(view, r, t);
        continue;
      }
      const g = rowHasLabel(view, r, rowLabels.grade);
      if (g >= 0 && g < (cols.target ?? lastCol)) {
        gradeRow = r;
        gradeValueCell = valueRightOf(view, r, g);
        lastContent = r;
        break;
      }
      if (totalRow !== null) break; // anything else after the 总分 row belongs to no table
      if (rowHasLabel(view, r, preambleLabels) >= 0 || findBudgetHeaderLike(view, r) || inlineTitle(first.text)) break;
    }
    if (view.rowBlank(r, firstCol, lastCol)) continue;

    // 一级/二级 labels are written once per block (often merged): carry them down.
    const l1 = labelAt(r, cols.level1);
    if (l1) {
      if (!level1Cell || l1.cell.row !== level1Cell.row || l1.cell.col !== level1Cell.col) level2 = '';
      level1 = l1.text;
      level1Cell = l1.cell;
    }
    const l2 = labelAt(r, cols.level2);
    if (l2) level2 = l2.text;
    lastContent = r;

    const own = (c: number | undefined) => c !== undefined && !view.isBlank(r, c) && view.master(r, c).row === r;
    const carriesIndicator = own(cols.name) || own(cols.target) || own(cols.actual) || own(cols.weight) || own(cols.score) || own(cols.reason);
    if (!carriesIndicator) continue; // spacer or label-only row
    rows.push({ row: r, level1, level1Cell: cols.level1 !== undefined ? level1Cell : null, level2 });
  }

  let preambleStart = regionStart;
  while (preambleStart < headerRow && view.rowBlank(preambleStart)) preambleStart++;
  const bottom = lastContent;
  let left = firstCol;
  let right = lastCol;
  for (let r = preambleStart; r <= bottom; r++) {
    for (let c = 0; c < view.rowLength(r); c++) {
      if (view.isBlank(r, c)) continue;
      const area = view.mergedArea(r, c);
      left = Math.min(left, c);
      right = Math.max(right, area ? area.right : c);
    }
  }
  const budget = findBudget(view, preambleStart, headerRow - 1);
  const { title, kind } = titleAndKind(view, sheetName, preambleStart, headerRow - 1);
  return {
    sheet: sheetName,
    top: preambleStart,
    bottom,
    left,
    right,
    headerRow,
    columns: cols,
    budget,
    rows,
    totalRow,
    totalValueCell,
    gradeRow,
    gradeValueCell,
    title,
    kind,
  };
}

/** A row of budget column titles (年初预算数 / 全年预算数 / 全年执行数 …) means the next table starts. */
function findBudgetHeaderLike(view: GridView, r: number): boolean {
  let found = 0;
  for (let c = 0; c < view.rowLength(r); c++) {
    const role = matchRoleNormalized(view.label(r, c), budgetSynonyms);
    if (role === 'initial' || role === 'planned' || role === 'executed') found++;
  }
  return found >= 2;
}
