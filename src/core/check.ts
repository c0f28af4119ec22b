// The RULES §5 checks over found tables: one pass over each table, findings pointing at the
// exact cell RULES names, and the table's report (budget, indicators, totals).
import { D, round2, toNumber } from './decimal';
import type { Decimal } from './decimal';
import { executionRateExact, executionScoreExact } from './execution';
import { findTables } from './findTables';
import type { CellRef, FoundTable } from './findTables';
import { gradeOf } from './grade';
import { a1, parseA1 } from './address';
import { GridView, cellText } from './grid';
import { categoryKeywords, gradeWords, normalizeLabel } from './headers';
import type { RuleProfile } from './profile';
import { finding as msg, type BudgetField, type ReasonWhy } from './messages';
import { evaluateIndicator, qualitativeBand, readDirection, rowNeedsReason } from './score';
import type { IndicatorEvaluation } from './score';
import type {
  BudgetReport,
  Finding,
  FindingCode,
  Grade,
  IndicatorReport,
  Locale,
  Severity,
  SheetGrid,
  TableReport,
  TextOptions,
  WorkbookCheck,
} from './types';
import { parseValue, readNumber } from './values';
import type { ParsedValue } from './values';

const fmt = (d: Decimal | null | undefined): string => (d == null ? '' : round2(d).toString());
const pct = (d: Decimal): string => `${d.times(100).toDecimalPlaces(2).toString()}%`;
const num = (d: Decimal | null | undefined): number | null => (d == null ? null : toNumber(d));

/** RULES §5 over every table of the sheets. `options.locale` 'en' gives English messages (default zh-CN). */
export function checkWorkbook(sheets: SheetGrid[], profile: RuleProfile, options: TextOptions = {}): WorkbookCheck {
  const locale: Locale = options.locale ?? 'zh-CN';
  const tables: TableReport[] = [];
  const findings: Finding[] = [];
  for (const sheet of sheets) {
    const view = new GridView(sheet);
    for (const found of findTables(view)) {
      const index = tables.length;
      const result = new TableChecker(view, found, profile, index, locale).run();
      tables.push(result.report);
      findings.push(...result.findings);
    }
  }
  return { tables, findings };
}

/** Checks one table; `run` returns its report and its findings in row order. */
class TableChecker {
  private readonly findings: Finding[] = [];
  /** Labels repeat on every row of a block: normalize each distinct text once. */
  private readonly normalized = new Map<string, string>();

  private norm(text: string): string {
    let n = this.normalized.get(text);
    if (n === undefined) {
      n = normalizeLabel(text);
      this.normalized.set(text, n);
    }
    return n;
  }

  constructor(
    private readonly view: GridView,
    private readonly t: FoundTable,
    private readonly profile: RuleProfile,
    private readonly index: number,
    private readonly locale: Locale,
  ) {}

  private add(code: FindingCode, severity: Severity, at: CellRef, message: string, expected?: number | string | null, found?: number | string | null): void {
    const f: Finding = { code, severity, sheet: this.t.sheet, cell: a1(at.row, at.col), row: at.row + 1, message, table: this.index };
    if (expected !== undefined) f.expected = expected;
    if (found !== undefined) f.found = found;
    this.findings.push(f);
  }

  private numberAt(row: number, col: number | undefined): { value: Decimal; note: string; percent: boolean } | null {
    if (col === undefined) return null;
    return readNumber(this.view.raw(row, col), this.view.format(row, col));
  }

  private textAt(row: number, col: number | undefined): string {
    return col === undefined ? '' : cellText(this.view.raw(row, col));
  }

  private noteIfAny(at: CellRef, read: { value: Decimal; note: string }, what: BudgetField): void {
    if (read.note) {
      this.add('number-with-note', 'info', at, msg.budgetNote(what, this.textAt(at.row, at.col), read.value.toString(), this.locale));
    }
  }

  run(): { report: TableReport; findings: Finding[] } {
    const t = this.t;
    const cols = t.columns;
    const scorable = cols.weight !== undefined && cols.score !== undefined;
    const budget = this.checkBudget();
    const indicators: IndicatorReport[] = [];
    const shiftedRows: number[] = [];
    const seenNames = new Map<string, number>();
    let computed: Decimal = budget?.score ?? new D(0);
    let enteredSum: Decimal | null = budget?.enteredScore ?? null;
    let weightTotal: Decimal = budget?.weight ?? new D(0);

    for (const row of t.rows) {
      const r = row.row;
      const name = this.textAt(r, cols.name).replace(/\s+/g, ' ');
      const target = this.parseAt(r, cols.target);
      const actual = this.parseAt(r, cols.actual);
      const weightRead = this.numberAt(r, cols.weight);
      const scoreRead = this.numberAt(r, cols.score);
      const reason = this.textAt(r, cols.reason);
      const weight = weightRead?.value ?? null;
      const entered = scoreRead?.value ?? null;
      const hasValues = target.kind !== 'empty' || actual.kind !== 'empty' || weight !== null || entered !== null;

      // RULES §5 columns-shifted: numbers in the 偏差原因 column while 分值/得分 are blank.
      const reasonRaw = cols.reason === undefined ? null : this.view.raw(r, cols.reason);
      const shifted = weight === null && entered === null && (typeof reasonRaw === 'number' || (typeof reasonRaw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(reasonRaw)));
      if (shifted) shiftedRows.push(r);

      if (!name) {
        if (hasValues && cols.name !== undefined) this.add('name-missing', 'error', { row: r, col: cols.name }, msg.nameMissing(this.locale));
      } else {
        const key = this.norm(name);
        const first = seenNames.get(key);
        if (first !== undefined) {
          this.add('duplicate-indicator', 'warning', { row: r, col: cols.name! }, msg.duplicate(name, first + 1, this.locale), null, name);
        } else seenNames.set(key, r);
        this.checkCategory(r, name, row.level1, row.level2);
        if (target.kind === 'empty' && cols.target !== undefined) this.add('target-missing', 'error', { row: r, col: cols.target }, msg.targetMissing(name, this.locale));
        if (actual.kind === 'empty' && cols.actual !== undefined) this.add('actual-missing', 'error', { row: r, col: cols.actual }, msg.actualMissing(name, this.locale));
      }

      if (scorable && !shifted && hasValues) {
        if (weight === null) this.add('weight-missing', 'error', { row: r, col: cols.weight! }, msg.weightMissing(name, this.locale));
        else if (weight.isZero()) this.add('zero-weight', 'warning', { row: r, col: cols.weight! }, msg.zeroWeight(name, this.locale), null, 0);
      }

      let ev: IndicatorEvaluation | null = null;
      if (target.kind !== 'empty' && actual.kind !== 'empty') {
        // A 指标方向 column (正向/反向/等于) overrides the operator written in the target.
        const direction = readDirection(this.textAt(r, cols.direction));
        ev = evaluateIndicator(target, actual, weight ?? new D(0), this.profile, direction, { locale: this.locale });
        for (const issue of ev.issues) {
          const col = issue.on === 'target' ? cols.target : cols.actual;
          if (col === undefined) continue;
          this.add(issue.code, issue.severity, { row: r, col }, issue.message);
        }
        if (ev.overTarget && cols.actual !== undefined) {
          this.add('over-target', 'warning', { row: r, col: cols.actual },
            msg.overTarget(actual.text, target.text, `${this.profile.overTarget * 100}`, this.locale),
            target.text, actual.text);
        }
      }
      const scoreForRow = weight === null ? null : ev?.score ?? null;
      const actualMissing = actual.kind === 'empty' && !!name;
      const needsReason = ev ? rowNeedsReason(ev, weight ?? new D(0), actualMissing) : actualMissing;

      if (needsReason && !reason && cols.reason !== undefined && !shifted) {
        this.add('reason-missing', 'error', { row: r, col: cols.reason }, msg.reasonMissing(name, reasonWhy(ev, actualMissing, weight), this.locale));
      }

      if (scorable && !shifted && weight !== null) {
        this.checkRowScore(r, name, weight, entered, ev, scoreForRow, target, actual, !!reason);
      }

      if (weight !== null && !shifted) weightTotal = weightTotal.plus(weight);
      if (entered !== null && !shifted) enteredSum = (enteredSum ?? new D(0)).plus(entered);
      if (scoreForRow !== null && !shifted) computed = computed.plus(scoreForRow);

      indicators.push({
        row: r + 1,
        level1: row.level1.replace(/\s+/g, ''),
        level2: row.level2.replace(/\s+/g, ''),
        name,
        kind: ev?.kind ?? 'unknown',
        target: target.text,
        actual: actual.text,
        weight: num(weight),
        score: num(scoreForRow),
        enteredScore: num(entered),
        needsReason,
        reason,
      });
    }

    if (shiftedRows.length > 0) {
      const first = shiftedRows[0];
      const last = shiftedRows[shiftedRows.length - 1];
      this.add('columns-shifted', 'error', { row: first, col: cols.reason! },
        msg.columnsShifted(first + 1, last + 1, shiftedRows.length, this.locale),
        null, shiftedRows.length);
    }
    if (!scorable) {
      const headerFirst = this.firstCellOfHeader();
      this.add('not-scorable', 'warning', headerFirst, msg.notScorable(cols.weight === undefined, cols.score === undefined, this.locale));
    }

    const shiftedTable = shiftedRows.length > 0;
    const entered = this.enteredTotal(scorable);
    if (scorable && !shiftedTable) {
      this.checkBlockWeights();
      this.checkTotals(weightTotal, entered, enteredSum);
    }
    const computedTotal = scorable && !shiftedTable ? round2(computed) : null;
    const gradeTotal = computedTotal ?? entered;
    this.checkGrade(gradeTotal);

    const report: TableReport = {
      sheet: t.sheet,
      range: `${a1(t.top, t.left)}:${a1(t.bottom, t.right)}`,
      title: t.title,
      kind: t.kind,
      scorable,
      budget: budget ? budget.report : null,
      indicators,
      totals: {
        weight: toNumber(weightTotal),
        entered: num(entered),
        enteredSum: enteredSum === null ? null : toNumber(round2(enteredSum)),
        computed: num(computedTotal),
        grade: computedTotal ? gradeOf(computedTotal, this.profile) : null,
        unverifiedRows: [],
      },
      headerRow: t.headerRow + 1,
      cells: this.liveCells(),
    };
    const colOf = new Map(this.findings.map((f) => [f, parseA1(f.cell).col]));
    this.findings.sort((a, b) => a.row - b.row || colOf.get(a)! - colOf.get(b)!);
    return { report, findings: this.findings };
  }

  private parseAt(r: number, col: number | undefined): ParsedValue {
    return parseValue(col === undefined ? null : this.view.raw(r, col), col === undefined ? null : this.view.format(r, col));
  }

  private firstCellOfHeader(): CellRef {
    const r = this.t.headerRow;
    for (let c = this.t.left; c <= this.t.right; c++) if (!this.view.isBlank(r, c)) return { row: r, col: c };
    return { row: r, col: this.t.left };
  }

  private checkCategory(r: number, name: string, level1: string, level2: string): void {
    const col = this.t.columns.name;
    if (col === undefined || !level2) return;
    const l2 = this.norm(level2);
    const l1 = this.norm(level1);
    for (const rule of categoryKeywords) {
      if (!rule.words.some((w) => name.includes(w))) continue;
      if (l2.includes(rule.category) || (rule.category === '满意度' && l1.includes(rule.category))) return;
      this.add('category-mismatch', 'info', { row: r, col },
        msg.categoryMismatch(name, rule.label, level2.replace(/\s+/g, ''), this.locale), rule.label, level2.replace(/\s+/g, ''));
      return;
    }
  }

  private checkRowScore(r: number, name: string, weight: Decimal, entered: Decimal | null, ev: IndicatorEvaluation | null, rule: Decimal | null, target: ParsedValue, actual: ParsedValue, hasReason: boolean): void {
    const col = this.t.columns.score!;
    const at = { row: r, col };
    if (entered === null) {
      if (rule !== null) this.add('score-mismatch', 'error', at, msg.scoreBlank(name, fmt(rule), this.locale), num(rule), null);
      return;
    }
    if (entered.gt(weight)) {
      this.add('score-exceeds-weight', 'error', at, msg.scoreExceedsWeight(name, entered.toString(), weight.toString(), this.locale), num(weight), num(entered));
    }
    if (!ev) return;
    if (ev.kind === 'qualitative' && ev.tier) {
      const band = qualitativeBand(ev.tier, weight, this.profile);
      const inside = entered.gte(band.min) && (band.maxInclusive ? entered.lte(band.max) : entered.lt(band.max));
      if (!inside) {
        this.add('score-out-of-band', 'error', at,
          msg.scoreOutOfBand(name, ev.tier, fmt(band.min), fmt(band.max), band.maxInclusive, entered.toString(), this.locale),
          `${fmt(band.min)}-${fmt(band.max)}`, num(entered));
      }
      return;
    }
    if (rule === null) return;
    const shown = round2(entered);
    if (shown.eq(rule)) return;
    // RULES §3: on an over-achieved row a lower score with a reason is an allowed manual 调减.
    if (ev.overTarget && shown.lt(weight) && hasReason) return;
    this.add('score-mismatch', 'error', at,
      msg.scoreMismatch(fmt(rule), target.text, actual.text, ev.explanation, entered.toString(), this.locale),
      num(rule), num(entered));
  }

  private checkBudget(): { report: BudgetReport; weight: Decimal; score: Decimal | null; enteredScore: Decimal | null } | null {
    const b = this.t.budget;
    if (!b) return null;
    const r = b.row;
    const c = b.cols;
    const read = (col: number | undefined, what: BudgetField) => {
      if (col === undefined) return null;
      const v = this.numberAt(r, col);
      if (!v && this.textAt(r, col)) this.add('value-unparseable', 'error', { row: r, col }, msg.budgetUnparseable(what, this.textAt(r, col), this.locale));
      if (v) this.noteIfAny({ row: r, col }, v, what);
      return v?.value ?? null;
    };
    const initial = read(c.initial, 'initial');
    const planned = read(c.planned, 'planned');
    const executed = read(c.executed, 'executed');
    const weightCell = this.numberAt(r, c.weight)?.value ?? null;
    const weight = weightCell ?? new D(this.profile.executionWeight);
    const enteredRateRead = this.numberAt(r, c.rate);
    const enteredScore = this.numberAt(r, c.score)?.value ?? null;
    const plannedAt = { row: r, col: c.planned ?? c.initial ?? c.executed! };
    const rateAt = { row: r, col: c.rate ?? c.executed! };

    let base: Decimal | null = planned;
    if (planned === null) {
      if (initial !== null) {
        base = initial;
        this.add('budget-missing', 'warning', plannedAt, msg.budgetFromInitial(initial.toString(), this.locale));
      } else {
        this.add('budget-missing', 'error', plannedAt, msg.budgetMissing(this.locale));
      }
    }
    if (executed === null && c.executed !== undefined && !this.textAt(r, c.executed)) {
      this.add('actual-missing', 'error', { row: r, col: c.executed }, msg.executedMissing(this.locale));
    }
    let rate: Decimal | null = null;
    let score: Decimal | null = null;
    if (base !== null && base.lte(0)) {
      this.add('budget-missing', 'error', plannedAt, msg.budgetNotPositive(base.toString(), this.locale));
    } else if (base !== null && executed !== null) {
      rate = executionRateExact(base, executed);
      score = executionScoreExact(rate, weight);
    }

    let enteredRate: Decimal | null = null;
    if (enteredRateRead) {
      enteredRate = enteredRateRead.value;
      // A plain 95.47 in a cell not formatted as percent means 95.47 %: take the reading closer to the truth.
      if (!enteredRateRead.percent && rate !== null) {
        const asPercent = enteredRate.div(100);
        if (asPercent.minus(rate).abs().lt(enteredRate.minus(rate).abs())) enteredRate = asPercent;
      }
    }
    if (rate !== null) {
      if (enteredRate !== null && enteredRate.minus(rate).abs().gte(this.profile.execRateTolerance)) {
        this.add('execrate-mismatch', 'error', rateAt, msg.execRateMismatch(pct(rate), `${executed}`, `${base}`, pct(enteredRate), this.locale), toNumber(rate.toDecimalPlaces(4)), toNumber(enteredRate));
      }
      if (score !== null && enteredScore !== null && !round2(enteredScore).eq(score)) {
        this.add('execscore-mismatch', 'error', { row: r, col: c.score! }, msg.execScoreMismatch(fmt(score), pct(rate), `${weight}`, enteredScore.toString(), this.locale), toNumber(score), toNumber(enteredScore));
      }
      if (rate.lt(this.profile.execRateLow)) {
        this.add('execrate-low', 'warning', rateAt, msg.execRateLow(pct(rate), `${this.profile.execRateLow * 100}`, this.locale), this.profile.execRateLow, toNumber(rate));
      } else if (rate.gt(1)) {
        this.add('execrate-over', 'warning', rateAt, msg.execRateOver(pct(rate), this.locale), 1, toNumber(rate));
      }
    }
    return {
      weight,
      score,
      enteredScore,
      report: {
        row: r + 1,
        initial: num(initial),
        planned: num(planned),
        executed: num(executed),
        rate: num(rate),
        weight: toNumber(weight),
        score: num(score),
        enteredRate: num(enteredRate),
        enteredScore: num(enteredScore),
      },
    };
  }

  private checkBlockWeights(): void {
    const cols = this.t.columns;
    // A block is a run of rows under one 一级 label: merged once, or repeated on every row.
    const blocks: { cell: CellRef; label: string; sum: Decimal }[] = [];
    for (const row of this.t.rows) {
      if (!row.level1Cell) continue;
      const w = this.numberAt(row.row, cols.weight)?.value ?? new D(0);
      const last = blocks[blocks.length - 1];
      if (last && this.norm(last.label) === this.norm(row.level1)) last.sum = last.sum.plus(w);
      else blocks.push({ cell: row.level1Cell, label: row.level1, sum: w });
    }
    for (const { cell, label, sum } of blocks) {
      const declared = declaredWeight(label);
      if (declared === null || sum.eq(declared)) continue;
      const name = label.replace(/\s+/g, '').replace(/[(（].*$/, '');
      this.add('weight-sum-mismatch', 'error', cell, msg.weightSumMismatch(name, `${declared}`, sum.toString(), this.locale), toNumber(declared), toNumber(sum));
    }
  }

  private enteredTotal(scorable: boolean): Decimal | null {
    const t = this.t;
    if (t.totalRow === null) return null;
    if (scorable) return this.numberAt(t.totalRow, t.columns.score)?.value ?? null;
    return t.totalValueCell ? this.numberAt(t.totalValueCell.row, t.totalValueCell.col)?.value ?? null : null;
  }

  private checkTotals(weightTotal: Decimal, entered: Decimal | null, enteredSum: Decimal | null): void {
    const t = this.t;
    const cols = t.columns;
    const totalWeightCell = t.totalRow !== null ? this.numberAt(t.totalRow, cols.weight)?.value ?? null : null;
    const standard = new D(this.profile.totalWeight);
    // Without a budget block the indicators may carry the whole 100 or leave the execution weight out.
    const acceptable = t.budget ? [standard] : [standard, standard.minus(this.profile.executionWeight)];
    const expected = totalWeightCell ?? standard;
    const ok = acceptable.some((a) => a.eq(weightTotal)) && (totalWeightCell === null || totalWeightCell.eq(weightTotal));
    if (!ok) {
      const at = t.totalRow !== null ? { row: t.totalRow, col: cols.weight! } : { row: t.headerRow, col: cols.weight! };
      this.add('weight-total-mismatch', 'error', at,
        msg.weightTotalMismatch(weightTotal.toString(), expected.toString(), this.locale), toNumber(expected), toNumber(weightTotal));
    }
    if (t.totalRow !== null && entered !== null && enteredSum !== null) {
      const sum = round2(enteredSum);
      if (!round2(entered).eq(sum)) {
        this.add('total-mismatch', 'error', { row: t.totalRow, col: cols.score! },
          msg.totalMismatch(entered.toString(), sum.toString(), this.locale), toNumber(sum), toNumber(entered));
      }
    }
  }

  private checkGrade(total: Decimal | null): void {
    const cell = this.t.gradeValueCell;
    if (!cell || total === null) return;
    const text = normalizeLabel(this.textAt(cell.row, cell.col));
    if (!text) return;
    const written = gradeWords.find(([w]) => text === w || text.startsWith(w))?.[1] ?? null;
    const expected: Grade = gradeOf(total, this.profile);
    if (written !== expected) {
      this.add('grade-mismatch', 'error', cell, msg.gradeMismatch(expected, fmt(total), text, this.locale), expected, text);
    }
  }

  private liveCells(): TableReport['cells'] {
    const t = this.t;
    const cells: TableReport['cells'] = {};
    if (t.totalRow !== null) {
      if (t.columns.score !== undefined) cells.totalScore = a1(t.totalRow, t.columns.score);
      else if (t.totalValueCell) cells.totalScore = a1(t.totalValueCell.row, t.totalValueCell.col);
      if (t.columns.weight !== undefined) cells.totalWeight = a1(t.totalRow, t.columns.weight);
    }
    if (t.budget?.cols.rate !== undefined) cells.budgetRate = a1(t.budget.row, t.budget.cols.rate);
    if (t.budget?.cols.score !== undefined) cells.budgetScore = a1(t.budget.row, t.budget.cols.score);
    if (t.gradeValueCell) cells.grade = a1(t.gradeValueCell.row, t.gradeValueCell.col);
    return cells;
  }
}

function reasonWhy(ev: IndicatorEvaluation | null, actualMissing: boolean, weight: Decimal | null): ReasonWhy {
  if (actualMissing) return { kind: 'actual-missing' };
  if (!ev) return { kind: 'no-evaluation' };
  if (ev.overTarget) return { kind: 'over-target' };
  if (ev.tier && ev.tier !== 'met') return { kind: 'tier', tier: ev.tier };
  if (weight !== null && ev.score !== null && ev.score.lt(weight)) return { kind: 'below', explanation: ev.explanation };
  return { kind: 'deviation' };
}

/** "产出指标(50分)" → 50; null when the label declares no weight. */
export function declaredWeight(label: string): Decimal | null {
  const m = /(\d+(?:\.\d+)?)\s*分/.exec(label.replace(/[\s\u3000]+/g, ''));
  return m ? new D(m[1]) : null;
}
