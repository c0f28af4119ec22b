// RULES §8 "column roles decided from titles and values": a column whose title no synonym list
// knows may still be read by what it holds — names left of the targets, a direction column of
// 大于等于 / 小于等于, a column of small numbers that adds up to the table's 分值 total, or one whose
// numbers never exceed the row's 分值 (得分). Such a reading is an assumption: the checker reports
// it once and raises no error that rests on it (check.ts).
import type { ColumnMap } from './findTables';
import type { GridView } from './grid';
import { budgetSynonyms, columnSynonyms, matchRoleNormalized, splitTargetSynonyms, type ColumnRole } from './headers';
import { readDirection } from './score';
import { D } from './decimal';
import type { Decimal } from './decimal';
import { parseValue, readNumber } from './values';
import type { FindingCode, Locale } from './types';

export interface InferredColumn {
  role: ColumnRole;
  col: number;
  /** The title as written (spaces and line breaks dropped), '' for an untitled column. */
  title: string;
}

/** What inference needs to know about the table: its header rows, its rows and its weight frame. */
export interface InferenceInput {
  headerRow: number;
  headerEnd: number;
  cols: ColumnMap;
  /** Rows that carry an indicator under the title-based reading. */
  rows: number[];
  /** Totals a 分值 column may add up to (100, 100 − the budget's 10 …). */
  weightTotals: number[];
}

/** Columns of the header whose title no synonym list knows, left to right. */
export function unknownTitleColumns(view: GridView, headerRow: number, headerEnd: number, cols: ColumnMap): number[] {
  const taken = new Set(Object.values(cols) as number[]);
  const out: number[] = [];
  const width = Math.max(view.rowLength(headerRow), view.rowLength(headerEnd));
  for (let c = 0; c < width; c++) {
    if (taken.has(c)) continue;
    const title = titleOf(view, headerRow, headerEnd, c);
    if (!title) continue;
    // A title merged over an assigned column (年度指标值 over its split parts) is that column's.
    const area = view.mergedArea(headerRow, c);
    if (area && [...taken].some((t) => t >= area.left && t <= area.right)) continue;
    if (matchRoleNormalized(title, columnSynonyms) || matchRoleNormalized(title, splitTargetSynonyms) || matchRoleNormalized(title, budgetSynonyms)) continue;
    out.push(c);
  }
  return out;
}

function titleOf(view: GridView, headerRow: number, headerEnd: number, c: number): string {
  for (let r = headerEnd; r >= headerRow; r--) {
    const t = view.label(r, c);
    if (t) return t;
  }
  return '';
}

/** Roles read from values, for columns whose titles say nothing we know. */
export function inferColumns(view: GridView, input: InferenceInput): InferredColumn[] {
  const { cols, rows } = input;
  if (rows.length < 2) return [];
  const candidates = unknownTitleColumns(view, input.headerRow, input.headerEnd, cols).filter((c) => ownCells(view, rows, c) > 0);
  const found: InferredColumn[] = [];
  const take = (role: ColumnRole, c: number) => {
    found.push({ role, col: c, title: titleOf(view, input.headerRow, input.headerEnd, c) });
    candidates.splice(candidates.indexOf(c), 1);
  };
  if (cols.direction === undefined) {
    const c = candidates.find((k) => isDirectionColumn(view, rows, k));
    if (c !== undefined) take('direction', c);
  }
  if (cols.name === undefined && cols.target !== undefined) {
    // The rightmost column of text left of the targets: the 三级指标.
    const c = [...candidates].reverse().find((k) => k < cols.target! && isNameColumn(view, rows, k));
    if (c !== undefined) take('name', c);
  }
  if (cols.weight === undefined && cols.score !== undefined) {
    const c = candidates.find((k) => isWeightColumn(view, rows, k, cols.score!, input.weightTotals));
    if (c !== undefined) take('weight', c);
  } else if (cols.score === undefined && cols.weight !== undefined) {
    const c = candidates.find((k) => k > cols.weight! && isScoreColumn(view, rows, k, cols.weight!));
    if (c !== undefined) take('score', c);
  }
  return found;
}

/**
 * RULES §8 "a column of operators and numbers is a target": for a header with every title but the
 * target's, the nearest column left of the actuals, under a title we do not know, whose cells read
 * as targets (a number, a percentage, a range, a deadline, or an operator in front) on most rows.
 */
export function inferTarget(view: GridView, headerRow: number, headerEnd: number, cols: ColumnMap, rows: number[]): InferredColumn | null {
  if (cols.actual === undefined || rows.length < 2) return null;
  const candidates = unknownTitleColumns(view, headerRow, headerEnd, cols).filter((c) => c < cols.actual!).reverse();
  for (const c of candidates) {
    let targets = 0;
    let filled = 0;
    for (const r of rows) {
      if (view.isBlank(r, c) || view.master(r, c).row !== r) continue;
      filled++;
      const raw = view.raw(r, c);
      const p = parseValue(raw, view.format(r, c));
      if (p.kind === 'number' || p.kind === 'range' || p.kind === 'time' || (typeof raw === 'string' && /^\s*[≥≤≧≦><=＝═﹦]/.test(raw))) targets++;
    }
    if (filled >= 2 && targets >= Math.ceil(rows.length * 0.6)) return { role: 'target', col: c, title: titleOf(view, headerRow, headerEnd, c) };
  }
  return null;
}

/** Cells of column c that rows hold themselves (not continued from a merged cell above). */
function ownCells(view: GridView, rows: number[], c: number): number {
  let n = 0;
  for (const r of rows) if (!view.isBlank(r, c) && view.master(r, c).row === r) n++;
  return n;
}

const numberAt = (view: GridView, r: number, c: number): Decimal | null => readNumber(view.raw(r, c), view.format(r, c))?.value ?? null;

/** Every filled cell a direction word or operator, on two rows at least. */
function isDirectionColumn(view: GridView, rows: number[], c: number): boolean {
  let n = 0;
  for (const r of rows) {
    const t = view.text(r, c);
    if (!t) continue;
    if (!readDirection(t)) return false;
    n++;
  }
  return n >= 2;
}

/** Mostly distinct texts that are not numbers, each row its own. */
function isNameColumn(view: GridView, rows: number[], c: number): boolean {
  const texts = new Set<string>();
  let own = 0;
  for (const r of rows) {
    if (view.master(r, c).row !== r || view.isBlank(r, c)) continue;
    const v = view.raw(r, c);
    if (typeof v !== 'string' || v.trim().length < 2 || /^[\d\s.,%％≥≤><=＝-]+$/.test(v)) return false;
    texts.add(v.trim());
    own++;
  }
  return own >= Math.max(2, Math.ceil(rows.length * 0.6)) && texts.size >= own * 0.8;
}

/**
 * Non-negative numbers on two rows at least, never below the row's 得分, adding up to one of the
 * totals the table's frame allows.
 */
function isWeightColumn(view: GridView, rows: number[], c: number, scoreCol: number, totals: number[]): boolean {
  let sum = new D(0);
  let n = 0;
  for (const r of rows) {
    if (view.isBlank(r, c)) continue;
    const w = numberAt(view, r, c);
    if (w === null || w.lt(0)) return false;
    const s = numberAt(view, r, scoreCol);
    if (s !== null && s.gt(w)) return false;
    sum = sum.plus(w);
    n++;
  }
  return n >= 2 && totals.some((t) => sum.eq(t));
}

/** Numbers on two rows at least, none above the row's 分值. */
function isScoreColumn(view: GridView, rows: number[], c: number, weightCol: number): boolean {
  let n = 0;
  for (const r of rows) {
    if (view.isBlank(r, c)) continue;
    const s = numberAt(view, r, c);
    const w = numberAt(view, r, weightCol);
    if (s === null || s.lt(0) || (w !== null && s.gt(w))) return false;
    n++;
  }
  return n >= Math.max(2, Math.ceil(rows.length * 0.6));
}

/**
 * Errors that rest on a column's role (RULES §8 "confidence decides severity"): with the role
 * inferred, they are held back and counted in the one column-assumed warning instead.
 */
export const ERRORS_RESTING_ON: Partial<Record<ColumnRole, FindingCode[]>> = {
  name: ['name-missing', 'target-missing', 'actual-missing'],
  target: ['target-missing', 'value-unparseable', 'score-mismatch', 'score-out-of-band', 'reason-missing', 'grade-mismatch'],
  weight: ['weight-missing', 'score-exceeds-weight', 'score-mismatch', 'score-out-of-band', 'weight-sum-mismatch', 'weight-total-mismatch',
    'total-mismatch', 'total-missing', 'grade-mismatch'],
  score: ['score-exceeds-weight', 'score-mismatch', 'score-out-of-band', 'total-mismatch', 'total-missing', 'grade-mismatch'],
  direction: ['score-mismatch', 'score-out-of-band', 'reason-missing'],
};

const ROLE_NAMES: Partial<Record<ColumnRole, [string, string]>> = {
  level1: ['一级指标', 'block (一级指标)'],
  reason: ['偏差原因', 'reason (偏差原因)'],
  name: ['三级指标', 'indicator name (三级指标)'],
  target: ['年度指标值', 'target (年度指标值)'],
  weight: ['分值', 'weight (分值)'],
  score: ['得分', 'score (得分)'],
  direction: ['指标方向', 'direction (指标方向)'],
};

/** A role's name in the finding's language. */
export function roleName(role: ColumnRole, locale?: Locale): string {
  const n = ROLE_NAMES[role];
  return n ? (locale === 'en' ? n[1] : n[0]) : role;
}
