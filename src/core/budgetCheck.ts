// The budget block of a table (RULES §1/§3, §7, §8): 预算数 / 执行数 / 执行率 / 执行率得分, its
// breakdown into funding rows, each funding row's own rate, and the amounts' units. One job of the
// table check (check.ts), on the same cells and findings through CheckContext.
import { D, percent2 as pct, round2, shown2 as fmt, toNumber, toNumberOrNull as num } from './decimal';
import { declaredWeight } from './declaredWeight';
import type { Decimal } from './decimal';
import { executionRateExact, executionScoreExact } from './execution';
import type { CellRef, FoundTable } from './findTables';
import type { GridView } from './grid';
import { normalizeLabel, templateWords } from './headers';
import { finding as msg, type BudgetField } from './messages';
import type { RuleProfile } from './profile';
import type { BudgetReport, FindingCode, Locale, Severity } from './types';
import { parseValue } from './values';
import type { ParsedValue } from './values';

const NOT_APPLICABLE = new Set(templateWords.notApplicable);

/** What a part of the table check needs of the checker: the cells, the profile and the findings. */
export interface CheckContext {
  readonly view: GridView;
  readonly t: FoundTable;
  readonly profile: RuleProfile;
  readonly locale: Locale;
  add(code: FindingCode, severity: Severity, at: CellRef, message: string, expected?: number | string | null, found?: number | string | null): void;
  cellProblem(r: number, c: number | undefined): boolean;
  rowProblem(r: number, cols: (number | undefined)[]): boolean;
  numberAt(row: number, col: number | undefined): { value: Decimal; note: string; percent: boolean } | null;
  textAt(row: number, col: number | undefined): string;
  parseAt(r: number, col: number | undefined): ParsedValue;
  noteIfAny(at: CellRef, read: { value: Decimal; note: string }, what: BudgetField): void;
}

export interface BudgetResult {
  report: BudgetReport;
  weight: Decimal;
  score: Decimal | null;
  enteredScore: Decimal | null;
  rate: Decimal | null;
  base: Decimal | null;
  executed: Decimal | null;
}

/** A plain 95.47 in a cell not formatted as percent may mean 95.47 %: the reading closer to the truth. */
function closerReading(entered: Decimal, rate: Decimal): Decimal {
  const asPercent = entered.div(100);
  return asPercent.minus(rate).abs().lt(entered.minus(rate).abs()) ? asPercent : entered;
}

/** Whether the table's budget block carries a score of its own (a 分值 or 得分 column). */
export function budgetScored(t: FoundTable): boolean {
  const b = t.budget;
  return !!b && (b.cols.weight !== undefined || b.cols.score !== undefined);
}

/** The budget block's checks and report, or null when the table has none. */
export function checkBudget(ctx: CheckContext): BudgetResult | null {
  return ctx.t.budget ? new BudgetChecker(ctx).run() : null;
}

class BudgetChecker {
  private readonly view: GridView;
  private readonly t: FoundTable;
  private readonly profile: RuleProfile;
  private readonly locale: Locale;
  constructor(private readonly ctx: CheckContext) {
    this.view = ctx.view;
    this.t = ctx.t;
    this.profile = ctx.profile;
    this.locale = ctx.locale;
  }
  private add(code: FindingCode, severity: Severity, at: CellRef, message: string, expected?: number | string | null, found?: number | string | null): void {
    this.ctx.add(code, severity, at, message, expected, found);
  }
  private cellProblem(r: number, c: number | undefined): boolean {
    return this.ctx.cellProblem(r, c);
  }
  private rowProblem(r: number, cols: (number | undefined)[]): boolean {
    return this.ctx.rowProblem(r, cols);
  }
  private numberAt(row: number, col: number | undefined) {
    return this.ctx.numberAt(row, col);
  }
  private textAt(row: number, col: number | undefined): string {
    return this.ctx.textAt(row, col);
  }
  private parseAt(r: number, col: number | undefined): ParsedValue {
    return this.ctx.parseAt(r, col);
  }
  private noteIfAny(at: CellRef, read: { value: Decimal; note: string }, what: BudgetField): void {
    this.ctx.noteIfAny(at, read, what);
  }
  private budgetScored(): boolean {
    return budgetScored(this.t);
  }

  run(): BudgetResult | null {
    const b = this.t.budget;
    if (!b) return null;
    const r = b.row;
    const c = b.cols;
    let unreadable = false;
    const read = (col: number | undefined, what: BudgetField) => {
      if (col === undefined) return null;
      if (this.cellProblem(r, col)) {
        unreadable = true;
        return null;
      }
      const v = this.moneyAt(r, col);
      const shown = this.parseAt(r, col);
      if (shown.kind === 'time') {
        // A date-formatted money cell holds a date serial, never an amount.
        unreadable = true;
        this.add('value-unparseable', 'error', { row: r, col }, msg.budgetIsDate(what, shown.text, this.locale));
        return null;
      }
      if (!v && this.textAt(r, col) && !NOT_APPLICABLE.has(normalizeLabel(this.textAt(r, col)))) {
        this.add('value-unparseable', 'error', { row: r, col }, msg.budgetUnparseable(what, this.textAt(r, col), this.locale));
      }
      if (v) this.noteIfAny({ row: r, col }, v, what);
      return this.checkBreakdown(col, what, v?.value ?? null);
    };
    const initial = read(c.initial, 'initial');
    const planned = read(c.planned, 'planned');
    const executed = read(c.executed, 'executed');
    const weightCell = this.cellProblem(r, c.weight) ? null : this.numberAt(r, c.weight)?.value ?? null;
    // A budget block with neither 分值 nor 得分 carries no score (its rate is still checked); a
    // score title may declare the weight: 得分(20分*执行率).
    const scored = this.budgetScored();
    const titled = c.score !== undefined && c.weight === undefined ? declaredWeight(this.budgetTitle(c.score)) ?? this.budgetLabelWeight() : null;
    const weight = weightCell ?? titled ?? new D(scored ? this.profile.executionWeight : 0);
    // RULES §8: a weight the template prints in a title or label (得分(20分*执行率), 预算执行情况(20分))
    // is the template's standard, not the department's choice: only a 分值 it typed is compared.
    if (weightCell !== null && !weightCell.eq(this.profile.executionWeight)) {
      this.add('weight-off-standard', 'warning', { row: r, col: c.weight! },
        msg.budgetWeightOffStandard(weightCell.toString(), `${this.profile.executionWeight}`, this.locale), this.profile.executionWeight, toNumber(weightCell));
    }
    const rateProblem = this.cellProblem(r, c.rate);
    const scoreProblem = this.cellProblem(r, c.score);
    const enteredRateRead = rateProblem ? null : this.numberAt(r, c.rate);
    const enteredScore = scoreProblem ? null : this.numberAt(r, c.score)?.value ?? null;
    const plannedAt = { row: r, col: c.planned ?? c.initial ?? c.executed! };
    const rateAt = { row: r, col: c.rate ?? c.executed! };

    let base: Decimal | null = planned;
    if (unreadable) {
      base = null; // said above; a rate from the other cells would be a guess
    } else if (planned === null) {
      if (initial !== null) {
        base = initial;
        this.add('budget-missing', 'warning', plannedAt, msg.budgetFromInitial(initial.toString(), this.locale));
      } else {
        this.add('budget-missing', 'error', plannedAt, msg.budgetMissing(this.locale));
      }
    }
    if (!unreadable && executed === null && c.executed !== undefined && !this.textAt(r, c.executed)) {
      this.add('actual-missing', 'error', { row: r, col: c.executed }, msg.executedMissing(this.locale));
    }
    let rate: Decimal | null = null;
    let score: Decimal | null = null;
    if (base !== null && base.lte(0)) {
      this.add('budget-missing', 'error', plannedAt, msg.budgetNotPositive(base.toString(), this.locale));
    } else if (base !== null && executed !== null && thousandfold(base, executed)) {
      // RULES §8: one amount in 元 beside the other in 万元 — a rate from them would be a guess.
      this.add('unit-mismatch', 'warning', { row: r, col: c.executed! }, msg.budgetThousandfold(executed.toString(), base.toString(), this.t.budget!.unit, this.locale), toNumber(base), toNumber(executed));
    } else if (base !== null && executed !== null) {
      rate = executionRateExact(base, executed);
      score = scored ? executionScoreExact(rate, weight) : null;
    }

    let enteredRate: Decimal | null = null;
    if (enteredRateRead) {
      enteredRate = enteredRateRead.value;
      // A plain 95.47 in a cell not formatted as percent means 95.47 %: take the reading closer to the truth.
      if (!enteredRateRead.percent && rate !== null) {
        enteredRate = closerReading(enteredRate, rate);
      }
    }
    if (rate !== null) {
      if (enteredRate !== null && !rateAsWritten(rate, enteredRate, this.rateDecimals(r, c.rate!, enteredRate), this.profile.execRateTolerance)) {
        this.add('execrate-mismatch', 'error', rateAt, msg.execRateMismatch(pct(rate), `${executed}`, `${base}`, pct(enteredRate), this.locale), toNumber(rate.toDecimalPlaces(4)), toNumber(enteredRate));
      }
      if (score !== null && c.score !== undefined) {
        if (enteredScore === null) {
          // RULES §7: a blank budget 得分 beside a computable rate.
          if (!scoreProblem && !this.textAt(r, c.score)) this.add('execscore-mismatch', 'error', { row: r, col: c.score }, msg.execScoreBlank(fmt(score), pct(rate), `${weight}`, this.locale), toNumber(score), null);
        } else if (!round2(enteredScore).eq(score)) {
          this.add('execscore-mismatch', 'error', { row: r, col: c.score }, msg.execScoreMismatch(fmt(score), pct(rate), `${weight}`, enteredScore.toString(), this.locale), toNumber(score), toNumber(enteredScore));
        }
      }
      if (rate.lt(this.profile.execRateLow)) {
        this.add('execrate-low', 'warning', rateAt, msg.execRateLow(pct(rate), `${this.profile.execRateLow * 100}`, this.locale), this.profile.execRateLow, toNumber(rate));
      } else if (rate.gt(1)) {
        this.add('execrate-over', 'warning', rateAt, msg.execRateOver(pct(rate), this.locale), 1, toNumber(rate));
      }
    }
    if (!unreadable) this.checkPartRates();
    return {
      weight,
      score,
      enteredScore,
      rate,
      base,
      executed,
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

  /**
   * RULES §8: a funding row under the total (其中：财政拨款, 其他资金 …) that prints its own 执行率 or
   * 得分 is checked like the total row. Rows without money of their own (0 / 0) say nothing.
   */
  private checkPartRates(): void {
    const b = this.t.budget!;
    const c = b.cols;
    if (c.rate === undefined || c.executed === undefined) return;
    const first = Math.min(...(Object.values(c) as number[]));
    for (const r of b.parts) {
      if (this.rowProblem(r, [c.initial, c.planned, c.executed, c.rate, c.weight, c.score])) continue;
      const planned = c.planned === undefined ? null : this.moneyAt(r, c.planned)?.value ?? null;
      const base = planned ?? (c.initial === undefined ? null : this.moneyAt(r, c.initial)?.value ?? null);
      const executed = this.moneyAt(r, c.executed)?.value ?? null;
      const entered = this.numberAt(r, c.rate);
      if (base === null || executed === null || !entered || base.lte(0)) continue;
      const rate = executionRateExact(base, executed);
      let enteredRate = entered.value;
      if (!entered.percent) enteredRate = closerReading(enteredRate, rate);
      const label = this.partLabel(r, first);
      if (!rateAsWritten(rate, enteredRate, this.rateDecimals(r, c.rate, enteredRate), this.profile.execRateTolerance)) {
        this.add('execrate-mismatch', 'error', { row: r, col: c.rate },
          msg.partExecRateMismatch(label, pct(rate), `${executed}`, `${base}`, pct(enteredRate), this.locale), toNumber(rate.toDecimalPlaces(4)), toNumber(enteredRate));
        continue;
      }
      // A score of its own needs a weight of its own: a part never borrows the total's.
      const weight = c.weight === undefined ? null : this.numberAt(r, c.weight)?.value ?? null;
      const enteredScore = c.score === undefined ? null : this.numberAt(r, c.score)?.value ?? null;
      if (weight === null || enteredScore === null || weight.lte(0)) continue;
      const score = executionScoreExact(rate, weight);
      if (!round2(enteredScore).eq(score)) {
        this.add('execscore-mismatch', 'error', { row: r, col: c.score! },
          msg.partExecScoreMismatch(label, fmt(score), pct(rate), `${weight}`, enteredScore.toString(), this.locale), toNumber(score), toNumber(enteredScore));
      }
    }
  }

  /** The label of a funding row: its last text left of the budget's columns, without 其中. */
  private partLabel(r: number, firstCol: number): string {
    for (let c = firstCol - 1; c >= 0; c--) {
      const t = this.textAt(r, c).replace(/\s+/g, '');
      if (t) return t.replace(/^其中[:：]?/, '');
    }
    return '';
  }

  /** The title over a budget column (in the rows just above the 年度资金总额 row). */
  private budgetTitle(col: number): string {
    const r = this.t.budget!.row;
    for (let h = r - 1; h >= Math.max(0, r - 3); h--) {
      const t = this.textAt(h, col);
      if (t) return t;
    }
    return '';
  }

  /** A weight the budget block's label declares (预算执行情况(万元)(20分)), left of its columns. */
  private budgetLabelWeight(): Decimal | null {
    const b = this.t.budget!;
    const first = Math.min(...(Object.values(b.cols) as number[]));
    for (let r = Math.max(0, b.row - 3); r <= b.row; r++) {
      for (let c = 0; c < first; c++) {
        const t = this.textAt(r, c);
        if (/预算|资金|执行/.test(t)) {
          const w = declaredWeight(t);
          if (w !== null) return w;
        }
      }
    }
    return null;
  }

  /** A money cell of the budget block in the block's unit: "150万" in a 万元 block is 150 (RULES §7). */
  private moneyAt(r: number, col: number): { value: Decimal; note: string; percent: boolean } | null {
    const read = this.numberAt(r, col);
    if (!read || typeof this.view.raw(r, col) !== 'string') return read;
    const unit = parseValue(this.view.raw(r, col)).unit;
    const inYuan = this.t.budget!.unit === '元';
    if (inYuan && (unit === '万' || unit === '万元')) return { ...read, value: read.value.times(10000), note: '' };
    if (!inYuan && unit === '元') return { ...read, value: read.value.div(10000), note: '' };
    if (unit === '万' || unit === '万元' || unit === '元') return { ...read, note: '' };
    return read;
  }

  /**
   * RULES §7 budget breakdown: the total must equal the sum of its 其中 rows in each money column.
   * Returns the amount to compute with: the total, or the rows' sum when the total is blank or 0.
   */
  private checkBreakdown(col: number, what: BudgetField, total: Decimal | null): Decimal | null {
    const b = this.t.budget!;
    let sum: Decimal | null = null;
    for (const part of b.parts) {
      const v = this.moneyAt(part, col);
      if (v) sum = (sum ?? new D(0)).plus(v.value);
    }
    if (sum === null) return total;
    const at = { row: b.row, col };
    if ((total === null || total.isZero()) && !sum.isZero()) {
      this.add('budget-breakdown-mismatch', 'error', at, msg.budgetBreakdownMismatch(what, total === null ? null : total.toString(), sum.toString(), this.locale), toNumber(sum), num(total));
      return sum;
    }
    // Two 其中 rows may be a breakdown of a breakdown (其中：中央 under 当年财政拨款): no verdict then.
    if (total !== null && !round2(total).eq(round2(sum)) && b.partsMarkedQizhong <= 1) {
      this.add('budget-breakdown-mismatch', 'error', at, msg.budgetBreakdownMismatch(what, total.toString(), sum.toString(), this.locale), toNumber(sum), toNumber(total));
    }
    return total;
  }

  /**
   * How many decimals (in percent) the entered 执行率 was written with: "86%" → 0, "97.80%" → 2,
   * 0.9547 → 2; a cell's number format may show more. Null beyond 4: a formula's result, compared
   * within the profile's tolerance.
   */
  private rateDecimals(r: number, col: number, entered: Decimal): number | null {
    const raw = this.view.raw(r, col);
    let written: number;
    if (typeof raw === 'string') {
      const m = /\d(?:[.．](\d+))?\s*[%％]/.exec(raw) ?? /\d(?:[.．](\d+))?/.exec(raw);
      const digits = m?.[1]?.length ?? 0;
      written = /[%％]/.test(raw) ? digits : Math.max(0, digits - 2);
    } else {
      written = Math.max(0, entered.times(100).decimalPlaces());
      const shown = /0\.(0+)%/.exec(this.view.format(r, col) ?? '');
      if (shown) written = Math.max(written, shown[1].length);
    }
    return written > 4 ? null : written;
  }

}

/** Two amounts of one budget block about a thousand times apart (500× or more): one is in other units. */
function thousandfold(a: Decimal, b: Decimal): boolean {
  if (a.lte(0) || b.lte(0)) return false;
  const ratio = a.gt(b) ? a.div(b) : b.div(a);
  return ratio.gte(500);
}

/**
 * RULES §7: an entered 执行率 is right when it is the exact rate rounded half-up at the precision it
 * was written with ("86%" for 86.2 %, not "97.80%" for 97.806 %); a long formula result may differ
 * from the exact rate by less than the profile's tolerance.
 */
function rateAsWritten(rate: Decimal, entered: Decimal, decimals: number | null, tolerance: number): boolean {
  if (decimals === null) return entered.minus(rate).abs().lt(tolerance);
  const places = decimals + 2; // percent decimals → fraction decimals
  return rate.toDecimalPlaces(places, D.ROUND_HALF_UP).eq(entered.toDecimalPlaces(places, D.ROUND_HALF_UP));
}

