// Shared shapes of the core. Pure data: no Office, no Node I/O.
// Every adapter (custom functions, task pane gateway, pe-check CLI) speaks these.
import type Decimal from 'decimal.js';

/** A cell value as Excel's Range.values gives it (formulas already evaluated). */
export type CellValue = string | number | boolean | null;

/** A merged area, 0-based sheet coordinates (row 0 = sheet row 1, col 0 = column A), inclusive. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One worksheet as a plain grid: the same shape Excel's Range gives, anchored at A1.
 * Only the top-left cell of a merged area carries its value; the other cells of the area are null
 * (the gateway and the CLI must both produce it that way).
 */
export interface SheetGrid {
  name: string;
  /** values[r][c], 0-based from A1. Rows may be ragged; a missing cell is null. */
  values: CellValue[][];
  /** Excel number format per cell, same shape as values ('General' or missing when unknown). */
  numberFormats?: (string | null | undefined)[][];
  merges: MergedArea[];
  /**
   * Formula cells saved without a cached result (a file written by a tool that does not calculate):
   * [row, col] 0-based. Their value in `values` is null; the checker says "未计算" instead of blank.
   * Only the CLI readers can know this; Excel always calculates.
   */
  formulasWithoutValue?: [number, number][];
}

export type Severity = 'error' | 'warning' | 'info';

/** Language of user-facing text (finding messages, notes, the summary sheet); zh-CN by default. */
export type Locale = 'zh-CN' | 'en';

/** Options of checkWorkbook / planHighlights / buildSummary. */
export interface TextOptions {
  /** 'en' for English text (the task pane when Office's display language is English); default 'zh-CN'. */
  locale?: Locale;
}

export type FindingCode =
  | 'score-mismatch'
  | 'score-out-of-band'
  | 'score-exceeds-weight'
  | 'reason-missing'
  | 'over-target'
  | 'execrate-mismatch'
  | 'execscore-mismatch'
  | 'execrate-low'
  | 'execrate-over'
  | 'budget-missing'
  | 'weight-sum-mismatch'
  | 'weight-total-mismatch'
  | 'total-mismatch'
  | 'grade-mismatch'
  | 'target-missing'
  | 'actual-missing'
  | 'weight-missing'
  | 'name-missing'
  | 'value-unparseable'
  | 'unit-mismatch'
  | 'target-not-measurable'
  | 'actual-has-operator'
  | 'number-with-note'
  | 'zero-weight'
  | 'duplicate-indicator'
  | 'category-mismatch'
  | 'columns-shifted'
  | 'not-scorable'
  | 'budget-breakdown-mismatch'
  | 'weight-off-standard'
  | 'table-not-recognized'
  | 'cell-error'
  | 'formula-not-calculated'
  | 'total-missing'
  | 'actual-not-numeric'
  | 'execution-counted-twice'
  | 'column-assumed'
  | 'claim-contradicts-budget'
  | 'goal-copied'
  | 'direction-conflict';

/** One problem found by the checker (REPORT.md `findings[]`). */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  sheet: string;
  /** A1 address without the sheet. */
  cell: string;
  /** 1-based sheet row of `cell`. */
  row: number;
  /** What is wrong and what to do: Chinese, or English when checked with locale 'en'. */
  message: string;
  expected?: number | string | null;
  found?: number | string | null;
  /** Index into the file's `tables` of the table this finding belongs to. */
  table?: number;
}

export type TableKind = 'project' | 'department' | 'unknown';
export type IndicatorKind = 'positive' | 'reverse' | 'exact' | 'range' | 'qualitative' | 'unmeasurable' | 'unknown';
export type Grade = '优' | '良' | '中' | '差';

export interface BudgetReport {
  /** 1-based sheet row of the 年度资金总额 row. */
  row: number;
  initial: number | null;
  planned: number | null;
  executed: number | null;
  /** Exact ratio executed / (planned ?? initial), unrounded; null when it cannot be computed. */
  rate: number | null;
  weight: number;
  score: number | null;
  enteredRate: number | null;
  enteredScore: number | null;
}

export interface IndicatorReport {
  row: number;
  level1: string;
  level2: string;
  name: string;
  kind: IndicatorKind;
  /** As written: the text shown in the cell. */
  target: string;
  actual: string;
  weight: number | null;
  /** Rule score (rounded half-up to 2 decimals); null when it cannot be computed. */
  score: number | null;
  enteredScore: number | null;
  needsReason: boolean;
  reason: string;
}

export interface GradePending {
  reason: 'weights' | 'over';
  total: number;
  expected: number;
}

export interface TotalsReport {
  weight: number;
  entered: number | null;
  enteredSum: number | null;
  computed: number | null;
  /** The 评价等次 of `computed` (REPORT.md). */
  grade: Grade | null;
  /**
   * Why no reader should take `grade` as the table's 等次 yet: its frame is broken — the 分值 add up
   * to `total` instead of `expected` ('weights'), or the recalculated total passes the full score
   * ('over'). Readers show 待核 with the reason (gradePendingText). Absent when the grade stands.
   */
  gradePending?: GradePending;
  /**
   * 1-based rows whose rule score could not be computed (blank or unreadable target/actual): their
   * entered score stands in `computed`, so the total is only partly verified. Empty when fully checked.
   */
  unverifiedRows: number[];
}

/** One indicator table as found and checked (REPORT.md `tables[]`). */
export interface TableReport {
  sheet: string;
  range: string;
  title: string;
  kind: TableKind;
  scorable: boolean;
  budget: BudgetReport | null;
  indicators: IndicatorReport[];
  totals: TotalsReport;
  /** 1-based header row of the indicator block. */
  headerRow: number;
  /** Cells the summary sheet may reference live (A1 without sheet), when the table has them. */
  cells: {
    totalScore?: string;
    totalWeight?: string;
    budgetRate?: string;
    budgetScore?: string;
    grade?: string;
  };
}

/** Result of checking one workbook (= REPORT.md `files[]` entry without `file`/`error`). */
export interface WorkbookCheck {
  tables: TableReport[];
  findings: Finding[];
}

export type { Decimal };

/** A cell the checker marks: one fill and one note per cell (messages of several findings joined). */
export interface CellMark {
  sheet: string;
  /** A1 address without the sheet. */
  cell: string;
  /** 0-based row and column. */
  row: number;
  col: number;
  /** The worst severity on the cell; 'reason' is a missing 偏差原因 (drawn apart so people see where to write). */
  kind: Severity | 'reason';
  /** Fill colour, 6-digit RGB hex without '#', e.g. 'FFC7CE'. */
  fill: string;
  /** Note text (Chinese, or English with locale 'en'), prefixed so users know it is ours: "【绩效自评助手】…". */
  note: string;
  /**
   * The cell heads a merged block over several rows of a table (an 一级指标 label over B14:B32): a fill
   * would colour the whole block, so hosts add the note only (`fill` stays the severity's colour).
   */
  noteOnly?: boolean;
}

/** One cell of the summary sheet layout. Adapters write text as text (never as a formula). */
export interface SummaryCell {
  /** Literal text, always written as a string value (a leading '=' stays literal). */
  text?: string;
  /** A number value. */
  number?: number;
  /** Number format for `number` (e.g. '0.00%'). */
  format?: string;
  /** Live reference to a source cell: adapters write the formula ='Sheet'!A1 when possible,
   *  and `number`/`text` as the fallback value. */
  ref?: { sheet: string; cell: string };
  /**
   * Hyperlink to a cell (shown text is `text`): in this workbook, or with `file` (a relative path,
   * '/' separators) in another one — the bureau overview's links into each highlighted copy.
   * An empty `sheet` links to the file itself.
   */
  link?: { sheet: string; cell: string; file?: string };
  bold?: boolean;
  /** Fill colour (hex RGB) for severity cells or headers. */
  fill?: string;
}

/** The 自评汇总 sheet as rows of cells (RULES §6): a title, one row per table, then every finding. */
export interface SummaryModel {
  rows: SummaryCell[][];
  /** Column widths in characters, for adapters that can set them. */
  columnWidths: number[];
  /** 0-based row index of the findings header in `rows` (for freezing/formatting). */
  findingsHeaderRow: number;
  /** Columns kept for filtering but hidden (the rule codes). */
  hiddenColumns?: number[];
}
