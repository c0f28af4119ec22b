// Table recognition: find every 绩效自评表 on a sheet by its column titles, never by position.
// A sheet may hold several tables one under another; each has an optional preamble (title,
// budget block) above its indicator header, indicator rows, and optional 总分 / 评价等次 rows.
import { GridView, cellText } from './grid';
import {
  BudgetRole,
  ColumnRole,
  budgetPairLabels,
  budgetSynonyms,
  columnSynonyms,
  gradeWords,
  labelIs,
  labelIsNormalized,
  matchRoleNormalized,
  normalizeLabel,
  rowLabels,
  splitTargetSynonyms,
  templateWords,
} from './headers';
import type { SheetGrid, TableKind } from './types';
import { inferColumns, inferTarget, unknownTitleColumns } from './inferColumns';
import { readDirection } from './score';
import type { InferredColumn } from './inferColumns';

export type ColumnMap = Partial<Record<ColumnRole, number>>;

export interface CellRef {
  row: number;
  col: number;
}

export interface FoundBudget {
  /** 0-based row of 年度资金总额. */
  row: number;
  cols: Partial<Record<BudgetRole, number>>;
  /** 0-based rows of its 其中 breakdown (当年财政拨款, 上年结转资金 …), in sheet order. */
  parts: number[];
  /** Rows among `parts` whose label starts with 其中 (more than one means nested breakdowns). */
  partsMarkedQizhong: number;
  /** Money unit the block declares: 元 when its title says so, else 万元. */
  unit: '元' | '万元';
}

export interface FoundRow {
  /** 0-based sheet row. */
  row: number;
  level1: string;
  /** The cell the 一级指标 label is written in (merged master), null when the table has no 一级 column. */
  level1Cell: CellRef | null;
  level2: string;
  /**
   * RULES §7: a breakdown row (其中…, or an unscored row under a ★ core indicator) belongs to the
   * scored row above it: the 0-based row of that indicator, or null for an indicator of its own.
   */
  partOf: number | null;
}

export interface FoundTable {
  sheet: string;
  /** 0-based inclusive bounds of the whole table (preamble to 总分/评价等次). */
  top: number;
  bottom: number;
  left: number;
  right: number;
  headerRow: number;
  /** Last row of the header: headerRow + 1 when the header is spread over two rows (RULES §7). */
  headerEnd: number;
  columns: ColumnMap;
  budget: FoundBudget | null;
  /** Rows that carry an indicator (spacer rows and label-only rows are left out). */
  rows: FoundRow[];
  /**
   * Every 一级指标 label cell of the grid, in sheet order, including blocks whose rows are all
   * template placeholders (an 效益指标 block left at 指标1：/指标2：, RULES §8).
   */
  level1Labels: { text: string; cell: CellRef }[];
  totalRow: number | null;
  /** Label cell of the 总分 row, and the first value cell right of the label (for tables without 分值/得分 columns). */
  totalValueCell: CellRef | null;
  gradeRow: number | null;
  gradeValueCell: CellRef | null;
  /** A total written above the indicator header (自评总分 | 97.6): its label and the number right of it. */
  headerTotal: { label: CellRef; value: CellRef } | null;
  title: string;
  kind: TableKind;
  /** Roles read from values under titles we do not know (RULES §8): an assumption, said once. */
  inferred: InferredColumn[];
  /** Header columns whose titles are still unknown (numbers there may be shifted 分值/得分). */
  untitledColumns: number[];
  /** A budget block with no indicator grid (RULES §8): checked for its money only. */
  budgetOnly?: boolean;
}

/** Totals a 分值 column may add up to: the whole, or the whole less a 10- or 20-point budget. */
const WEIGHT_TOTALS = [100, 90, 80];

/** Labels that start a new table's preamble: an indicator region never runs past them. */
const preambleLabels = [...rowLabels.budgetTotal, ...rowLabels.projectTitle, ...rowLabels.departmentTitle, '年度总体目标', '总体目标'];

function rowRoles<R extends string>(view: GridView, r: number, synonyms: [R, string[]][], from = 0, to = view.rowLength(r) - 1): Partial<Record<R, number>> {
  const cols: Partial<Record<R, number>> = {};
  for (let c = from; c <= Math.min(to, view.rowLength(r) - 1); c++) {
    const role = matchRoleNormalized(view.label(r, c), synonyms);
    if (role && cols[role] === undefined) cols[role] = c;
  }
  return cols;
}

const isHeader = (cols: ColumnMap): boolean =>
  (cols.target !== undefined || cols.adjustedTarget !== undefined) && cols.actual !== undefined
  && (cols.name !== undefined || cols.weight !== undefined || cols.score !== undefined);

/** Whether every cell row r holds of its own is a column title (a header's second row). */
function titlesOnly(view: GridView, r: number): boolean {
  let titles = 0;
  for (let c = 0; c < view.rowLength(r); c++) {
    if (view.isBlank(r, c)) continue;
    const t = view.label(r, c);
    if (!t || (!matchRoleNormalized(t, columnSynonyms) && !matchRoleNormalized(t, splitTargetSynonyms) && t !== '绩效指标')) return false;
    titles++;
  }
  return titles > 0;
}

/**
 * The column map of a header starting on row r, and its last row. A header may be spread over two
 * rows (RULES §7): the second row holds only titles — the 指标性质 | 指标值 | 度量单位 under a
 * 年度指标值 that spans them, or titles the first row leaves out.
 */
function headerColumns(view: GridView, r: number): { cols: ColumnMap; end: number } | null {
  const cols: ColumnMap = rowRoles(view, r, columnSynonyms);
  // A header row has titles of its own: at least two, or one when it is a pair's half.
  if (Object.keys(cols).length < 2) return null;
  const next = r + 1 < view.rowCount && (titlesOnly(view, r + 1) || mergesIntoNextRow(view, r)) ? r + 1 : -1;
  if (next >= 0) {
    if (cols.target !== undefined) {
      // Sub-titles under the 年度指标值 title: inside its merged area, or up to the next title.
      const area = view.mergedArea(r, cols.target);
      let to = area && area.top === r ? area.right : cols.target;
      if (!area) while (to + 1 < view.rowLength(r) && view.isBlank(r, to + 1)) to++;
      const split = rowRoles(view, next, splitTargetSynonyms, cols.target, to);
      completeSplit(view, next, cols.target, to, split);
      if (split.target !== undefined && (split.targetOperator !== undefined || split.targetUnit !== undefined)) {
        cols.target = split.target;
        if (split.targetOperator !== undefined) cols.targetOperator = split.targetOperator;
        if (split.targetUnit !== undefined) cols.targetUnit = split.targetUnit;
      }
    }
    const below = rowRoles(view, next, columnSynonyms);
    for (const [role, c] of Object.entries(below) as [keyof ColumnMap, number][]) {
      if (cols[role] === undefined && (role !== 'target' || cols.targetOperator === undefined) && !Object.values(cols).includes(c)) cols[role] = c;
    }
  }
  if (next < 0) splitTargetInOneRow(view, r, cols);
  if (!isHeader(cols)) {
    // RULES §8: every title of an indicator header but the target's — the targets may still be read
    // from their values (readTable), or there is no table here.
    const targetless = cols.actual !== undefined && cols.target === undefined && cols.adjustedTarget === undefined
      && cols.name !== undefined && (cols.weight !== undefined || cols.score !== undefined);
    return targetless ? { cols, end: next >= 0 ? next : r } : null;
  }
  // Only an adjusted target column: it is the target.
  if (cols.target === undefined) {
    cols.target = cols.adjustedTarget;
    delete cols.adjustedTarget;
  }
  return { cols, end: next >= 0 ? next : r };
}

/**
 * Whether the titles of row r are merged down into the next row (two columns at least): the next
 * row is then the header's second row, whatever its own titles say (RULES §7 "a header spread over
 * two rows is one header").
 */
function mergesIntoNextRow(view: GridView, r: number): boolean {
  let spanning = 0;
  for (let c = 0; c < view.rowLength(r); c++) {
    const area = view.mergedArea(r, c);
    if (area && area.top === r && area.left === c && area.bottom > r && !view.isBlank(r, c)) spanning++;
  }
  return spanning >= 2;
}

/**
 * A split target whose sub-titles are partly unknown (RULES §8): the one column between the
 * operator and unit titles holds the values; a column of ≥ / 大于等于 before the values is the operator.
 */
function completeSplit(view: GridView, r: number, from: number, to: number, split: Partial<Record<ColumnRole, number>>): void {
  if (split.target === undefined && split.targetOperator !== undefined && split.targetUnit === split.targetOperator + 2) {
    split.target = split.targetOperator + 1;
  }
  if (split.target !== undefined && split.targetOperator === undefined && split.target - 1 >= from && split.target - 1 <= to) {
    const c = split.target - 1;
    let n = 0;
    let all = true;
    for (let k = r + 1; k < Math.min(view.rowCount, r + 40); k++) {
      const t = view.text(k, c);
      if (!t) continue;
      if (!readDirection(t)) all = false;
      else n++;
    }
    if (all && n >= 2) split.targetOperator = c;
  }
}

/**
 * RULES §7 split target written in one header row (Sichuan's 指标性质 | 指标值 | 度量单位 with no
 * 年度指标值 over them): the operator title right before the value column and the unit title right
 * after it. Both must stand next to it: a 指标性质 of 定量/定性 beside 年初指标值 with the 计量单位
 * elsewhere (Chongqing) is not an operator column.
 */
function splitTargetInOneRow(view: GridView, r: number, cols: ColumnMap): void {
  const c = cols.target;
  if (c === undefined || c === 0 || cols.targetOperator !== undefined || cols.targetUnit !== undefined) return;
  const taken = new Set(Object.values(cols));
  if (taken.has(c - 1) || taken.has(c + 1)) return;
  const role = (col: number) => matchRoleNormalized(view.label(r, col), splitTargetSynonyms);
  if (role(c - 1) === 'targetOperator' && role(c + 1) === 'targetUnit') {
    cols.targetOperator = c - 1;
    cols.targetUnit = c + 1;
  }
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

/** The label of a budget row without its 其中 lead-in and trailing colon. */
function budgetLabel(view: GridView, r: number, c: number): string {
  return view.label(r, c).replace(/^其中/, '');
}

const isBudgetTotal = (label: string): boolean => label.includes('资金总额') || labelIsNormalized(label, rowLabels.budgetTotal);

function findBudget(view: GridView, from: number, to: number): FoundBudget | null {
  return findLabelledBudget(view, from, to) ?? findUnlabelledBudget(view, from, to) ?? findPairedBudget(view, from, to);
}

/**
 * RULES §8 label:value money (年度金额(提前下达)： 208万元 | 资金使用情况(万元) 合计：109.8万元): a row
 * with a budget label and an amount right of it, then a spending label and its amount. The funding
 * rows under it (中央财政 165万元 | 中央财政 84.5万元) are its parts, as under 年度资金总额.
 */
function findPairedBudget(view: GridView, from: number, to: number): FoundBudget | null {
  const amountRightOf = (r: number, c: number): number => {
    for (let k = c + 1; k < view.rowLength(r) && k <= c + 2; k++) {
      if (view.isBlank(r, k) || view.master(r, k).col !== k) continue;
      return typeof view.raw(r, k) === 'number' || /\d/.test(view.text(r, k)) ? k : -1;
    }
    return -1;
  };
  for (let r = from; r <= to; r++) {
    let planned = -1;
    let executed = -1;
    let labelCol = -1;
    for (let c = 0; c < view.rowLength(r); c++) {
      const t = view.label(r, c);
      if (!t || view.master(r, c).col !== c) continue;
      if (planned < 0 && labelIsNormalized(t, budgetPairLabels.planned)) {
        planned = amountRightOf(r, c);
        labelCol = c;
      } else if (planned >= 0 && executed < 0 && labelIsNormalized(t, budgetPairLabels.executed)) executed = amountRightOf(r, c);
    }
    if (planned >= 0 && executed > planned) {
      return { row: r, cols: { planned, executed }, ...budgetParts(view, r, labelCol, to), unit: budgetUnit(view, Math.max(from, r - 1), r) };
    }
  }
  return null;
}

/**
 * A budget block whose value row has no 年度资金总额 label (the block's title is merged over its
 * header and value rows, or the label sits in the header row): budget titles on row h and, right
 * under them, a row with numbers in those columns.
 */
function findUnlabelledBudget(view: GridView, from: number, to: number): FoundBudget | null {
  for (let h = from; h < to; h++) {
    const cols = rowRoles(view, h, budgetSynonyms);
    if (Object.keys(cols).length < 2 || cols.executed === undefined) continue;
    const r = h + 1;
    if (!(Object.values(cols) as number[]).some((c) => typeof view.raw(r, c) === 'number' || /\d/.test(view.text(r, c)))) continue;
    const labelCol = Math.max(0, Math.min(...(Object.values(cols) as number[])) - 1);
    return { row: r, cols, ...budgetParts(view, r, labelCol, to), unit: budgetUnit(view, h, r) };
  }
  return null;
}

function findLabelledBudget(view: GridView, from: number, to: number): FoundBudget | null {
  for (let r = from; r <= to; r++) {
    let labelCol = -1;
    for (let c = 0; c < view.rowLength(r) && labelCol < 0; c++) if (isBudgetTotal(view.label(r, c))) labelCol = c;
    if (labelCol < 0) continue;
    // The budget column titles sit in one of the rows just above the 年度资金总额 row.
    for (let h = r - 1; h >= Math.max(from, r - 3); h--) {
      const cols = rowRoles(view, h, budgetSynonyms, labelCol + 1);
      const found = Object.keys(cols).length;
      if (found >= 2 && cols.executed !== undefined) {
        return { row: r, cols, ...budgetParts(view, r, labelCol, to), unit: budgetUnit(view, h, r) };
      }
    }
  }
  return null;
}

/** The 其中 rows right under the total: as long as their label names a source of money (RULES §7). */
function budgetParts(view: GridView, totalRow: number, labelCol: number, to: number): { parts: number[]; partsMarkedQizhong: number } {
  const parts: number[] = [];
  let marked = 0;
  for (let r = totalRow + 1; r <= to && r <= totalRow + 8; r++) {
    const raw = view.label(r, labelCol);
    const label = budgetLabel(view, r, labelCol);
    if (!label || !(raw.startsWith('其中') || labelIsNormalized(label, rowLabels.budgetParts) || rowLabels.budgetPartPattern.test(label.replace(/\([^)]*\)$/, '')))) break;
    parts.push(r);
    if (raw.startsWith('其中')) marked++;
  }
  return { parts, partsMarkedQizhong: marked };
}

/** 元 when the block's title or header says (元), else 万元 (the standard template's unit). */
function budgetUnit(view: GridView, headerRow: number, totalRow: number): '元' | '万元' {
  for (let r = headerRow; r <= totalRow; r++) {
    for (let c = 0; c < view.rowLength(r); c++) {
      const t = view.label(r, c);
      if (t.includes('万元')) return '万元';
      if (/\(元\)|单位元$/.test(t)) return '元';
    }
  }
  return '万元';
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
  let titleIsProject = false;
  let kind: TableKind = 'unknown';
  let heading = '';
  for (let r = from; r <= to; r++) {
    for (let c = 0; c < view.rowLength(r); c++) {
      const v = view.raw(r, c);
      if (typeof v !== 'string' || !v.trim()) continue;
      const isProject = labelIs(v, rowLabels.projectTitle);
      const isDept = labelIs(v, rowLabels.departmentTitle);
      if (isProject || isDept) {
        // A 项目名称 says project even under a 单位名称 line (施甸's 单位名称：… above 项目名称).
        if (kind === 'unknown' || isProject) kind = isProject ? 'project' : 'department';
        const cell = valueRightOf(view, r, c);
        // A project's name wins over its unit's (单位名称 often stands above 项目名称).
        if ((!title || (isProject && !titleIsProject)) && cell) {
          const t = view.text(cell.row, cell.col);
          if (!labelIs(t, ['主管部门', '实施单位'])) {
            title = t;
            titleIsProject = isProject;
          }
        }
      } else if (inlineTitle(v)) {
        // "项目名称：基层党建经费" written in one cell.
        const inline = inlineTitle(v)!;
        if (kind === 'unknown' || inline.kind === 'project') kind = inline.kind;
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
  const headers: { row: number; end: number; cols: ColumnMap }[] = [];
  for (let r = 0; r < view.rowCount; r++) {
    const header = headerColumns(view, r);
    if (!header) continue;
    headers.push({ row: r, end: header.end, cols: header.cols });
    r = header.end; // a two-row header's second row is never a header (nor an indicator) of its own
  }
  const tables: FoundTable[] = [];
  let regionStart = 0;
  for (let i = 0; i < headers.length; i++) {
    const { row: headerRow, end: headerEnd, cols } = headers[i];
    if (headerRow < regionStart) continue;
    const limit = i + 1 < headers.length ? headers[i + 1].row - 1 : view.rowCount - 1;
    const table = readTable(view, regionStart, headerRow, headerEnd, limit, cols);
    if (!table) continue;
    tables.push(table);
    regionStart = table.bottom + 1;
  }
  const alone = budgetAlone(view, regionStart);
  if (alone) tables.push(alone);
  return tables;
}

/** One table under the header at headerRow..headerEnd, its columns completed from their values (RULES §8). */
function readTable(view: GridView, regionStart: number, headerRow: number, headerEnd: number, limit: number, titled: ColumnMap): FoundTable | null {
  let cols = titled;
  let table = scanTable(view, view.grid.name, regionStart, headerRow, headerEnd, limit, cols);
  const assumedTarget: InferredColumn[] = [];
  if (cols.target === undefined) {
    const target = inferTarget(view, headerRow, headerEnd, cols, table.rows.map((r) => r.row));
    if (target === null) return null;
    assumedTarget.push(target);
    cols = { ...cols, target: target.col };
    table = scanTable(view, view.grid.name, regionStart, headerRow, headerEnd, limit, cols);
  }
  const inferred = inferColumns(view, { headerRow, headerEnd, cols, rows: table.rows.map((r) => r.row), weightTotals: WEIGHT_TOTALS });
  if (inferred.length > 0) {
    const more: ColumnMap = { ...cols };
    for (const { role, col } of inferred) more[role] = col;
    table = { ...scanTable(view, view.grid.name, regionStart, headerRow, headerEnd, limit, more), inferred };
  }
  if (assumedTarget.length > 0) table.inferred = [...assumedTarget, ...table.inferred];
  const rowsOfTable = table.rows.map((r) => r.row);
  // A column of labels merged down the table (绩效指标) is no column of values; an empty one right
  // of the actuals may be an unnamed 偏差原因.
  const valuesEnd = table.columns.actual ?? table.columns.target!;
  table.untitledColumns = unknownTitleColumns(view, headerRow, headerEnd, table.columns)
    .filter((c) => rowsOfTable.some((r) => !view.isBlank(r, c) && view.master(r, c).row === r)
      || (c > valuesEnd && rowsOfTable.every((r) => view.isBlank(r, c))));
  // Only a 调整指标值 was recognized and it stands in for the targets: with an unknown title left
  // of it (the original 年初指标值 under a name we do not know), a blank there is no missing target.
  const targetTitle = view.label(headerEnd, cols.target!) || view.label(headerRow, cols.target!);
  if (matchRoleNormalized(targetTitle, columnSynonyms) === 'adjustedTarget' && table.untitledColumns.some((c) => c < cols.target!)) {
    table.inferred = [...table.inferred, { role: 'target', col: cols.target!, title: targetTitle }];
  }
  return table;
}

/**
 * RULES §8: a budget block with no indicator grid after it (the page cut after it, or a form that
 * has none) is still a table to check: its rate and its breakdown. Looked for after the last table.
 */
function budgetAlone(view: GridView, from: number): FoundTable | null {
  if (from >= view.rowCount) return null;
  const budget = findBudget(view, from, view.rowCount - 1);
  if (!budget) return null;
  let top = from;
  while (top < budget.row && view.rowBlank(top)) top++;
  const bottom = budget.parts.length > 0 ? budget.parts[budget.parts.length - 1] : budget.row;
  let left = Infinity;
  let right = 0;
  for (let r = top; r <= bottom; r++) {
    for (let c = 0; c < view.rowLength(r); c++) {
      if (view.isBlank(r, c)) continue;
      left = Math.min(left, c);
      right = Math.max(right, view.mergedArea(r, c)?.right ?? c);
    }
  }
  const { title, kind } = titleAndKind(view, view.grid.name, top, bottom);
  return {
    sheet: view.grid.name, top, bottom, left: Number.isFinite(left) ? left : 0, right,
    headerRow: bottom + 1, headerEnd: bottom + 1, columns: {}, budget, rows: [], level1Labels: [],
    totalRow: null, totalValueCell: null, gradeRow: null, gradeValueCell: null, headerTotal: null,
    title, kind, inferred: [], untitledColumns: [], budgetOnly: true,
  };
}

function scanTable(view: GridView, sheetName: string, regionStart: number, headerRow: number, headerEnd: number, limit: number, cols: ColumnMap): FoundTable {
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
  const level1Labels: { text: string; cell: CellRef }[] = [];

  const labelAt = (r: number, c: number | undefined): { text: string; cell: CellRef } | null => {
    if (c === undefined) return null;
    const m = view.master(r, c);
    const text = cellText(view.raw(m.row, m.col));
    return text ? { text, cell: m } : null;
  };

  for (let r = headerEnd + 1; r <= limit; r++) {
    const first = firstText(view, r);
    if (first) {
      const t = rowHasLabel(view, r, rowLabels.total);
      if (t >= 0 && t < (cols.target ?? lastCol)) {
        totalRow = r;
        lastContent = r;
        totalValueCell = valueRightOf(view, r, t);
        // Some tables write the 评价等次 in the 总分 row, right of its score.
        const grade = gradeCellRightOf(view, r, cols.score ?? cols.weight ?? t);
        if (grade) {
          gradeRow = r;
          gradeValueCell = grade;
        }
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
      if (!level1Cell || l1.cell.row !== level1Cell.row || l1.cell.col !== level1Cell.col) {
        level2 = '';
        level1Labels.push({ text: l1.text, cell: l1.cell });
      }
      level1 = l1.text;
      level1Cell = l1.cell;
    }
    const l2 = labelAt(r, cols.level2);
    if (l2) level2 = l2.text;
    lastContent = r;

    const own = (c: number | undefined) => c !== undefined && !view.isBlank(r, c) && view.master(r, c).row === r;
    const carriesIndicator = own(cols.name) || own(cols.target) || own(cols.actual) || own(cols.weight) || own(cols.score) || own(cols.reason);
    if (!carriesIndicator) continue; // spacer or label-only row
    if (isPlaceholderRow(view, r, cols)) continue; // the template's 指标1： / …… rows (RULES §7)
    rows.push({ row: r, level1, level1Cell: cols.level1 !== undefined ? level1Cell : null, level2, partOf: null });
  }
  markBreakdownRows(view, rows, cols);

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
  const headerTotal = headerTotalOf(view, preambleStart, headerRow - 1);
  return {
    sheet: sheetName,
    top: preambleStart,
    bottom,
    left,
    right,
    headerRow,
    headerEnd,
    columns: cols,
    budget,
    rows,
    level1Labels,
    totalRow,
    totalValueCell,
    gradeRow,
    gradeValueCell,
    headerTotal,
    title,
    kind,
    inferred: [],
    untitledColumns: [],
  };
}

/**
 * The value cell of a 自评总分 / 自评得分 label in the preamble rows (from..to), when it holds a
 * number; a row of budget titles is skipped (its 自评得分 is the budget's score column).
 */
function headerTotalOf(view: GridView, from: number, to: number): { label: CellRef; value: CellRef } | null {
  for (let r = from; r <= to; r++) {
    if (findBudgetHeaderLike(view, r)) continue;
    for (let c = 0; c < view.rowLength(r); c++) {
      if (!labelIsNormalized(view.label(r, c), rowLabels.headerTotal)) continue;
      const cell = valueRightOf(view, r, c);
      if (!cell) continue;
      const v = view.raw(cell.row, cell.col);
      if (typeof v === 'number' || /^\s*\d+(?:\.\d+)?\s*分?\s*$/.test(view.text(cell.row, cell.col))) return { label: { row: r, col: c }, value: cell };
    }
  }
  return null;
}

/** Value columns of an indicator row, in the order a row is read. */
const VALUE_ROLES = ['targetOperator', 'target', 'adjustedTarget', 'targetUnit', 'actual', 'weight', 'score', 'reason'] as const;

const NOT_APPLICABLE = new Set(templateWords.notApplicable);

/**
 * RULES §7 template placeholder rows: a name that is only the template's numbering (指标1：, 指标2,
 * ……) or none, and values all blank or not-applicable marks; or a row whose values are all such marks.
 */
function isPlaceholderRow(view: GridView, r: number, cols: ColumnMap): boolean {
  const name = cols.name === undefined ? '' : normalizeLabel(cellText(view.raw(r, cols.name)));
  let marks = 0;
  for (const role of VALUE_ROLES) {
    const c = cols[role];
    if (c === undefined || view.master(r, c).row !== r) continue;
    const v = view.raw(r, c);
    const t = normalizeLabel(cellText(v));
    if (t === '') continue;
    if (typeof v !== 'string' || !NOT_APPLICABLE.has(t)) return false;
    marks++;
  }
  return name === '' || templateWords.placeholderName.test(name) || NOT_APPLICABLE.has(name) || marks > 0;
}

/** ★ / ☆ in front of a 三级指标: a core indicator (衔接资金 templates). */
const CORE_MARK = /^[★☆]/;

/**
 * RULES §7 breakdown rows: a 其中… row without a 分值, or any row without 分值 and 得分 under a ★
 * core indicator, is a part of the scored indicator above it.
 */
function markBreakdownRows(view: GridView, rows: FoundRow[], cols: ColumnMap): void {
  if (cols.weight === undefined) return;
  const has = (r: number, c: number | undefined) => c !== undefined && !view.isBlank(r, c) && view.master(r, c).row === r;
  let parent: { row: number; core: boolean } | null = null;
  let parentLevel2 = '';
  for (const row of rows) {
    const name = cols.name === undefined ? '' : cellText(view.raw(row.row, cols.name));
    const scored = has(row.row, cols.weight) || has(row.row, cols.score);
    if (scored) {
      parent = { row: row.row, core: CORE_MARK.test(name) };
      parentLevel2 = row.level2;
      continue;
    }
    if (!parent || row.level2 !== parentLevel2) {
      parent = null;
      continue;
    }
    if (name.startsWith('其中') || parent.core) row.partOf = parent.row;
  }
}

/** A grade word (优 / 良好 …) in a cell right of `col` on row r. */
function gradeCellRightOf(view: GridView, r: number, col: number): CellRef | null {
  for (let c = col + 1; c < view.rowLength(r); c++) {
    const t = view.label(r, c);
    if (t && gradeWords.some(([w]) => w === t)) return { row: r, col: c };
  }
  return null;
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
