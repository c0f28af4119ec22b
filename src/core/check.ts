// The RULES §5 checks over found tables: one pass over each table, findings pointing at the
// exact cell RULES names, and the table's report (budget, indicators, totals).
import { appendAll } from './arrays';
import { D, percent2 as pct, round2, shown2 as fmt, toNumber, toNumberOrNull as num } from './decimal';
import type { Decimal } from './decimal';
import { findTables } from './findTables';
import type { CellRef, FoundTable } from './findTables';
import { gradeOf } from './grade';
import { a1, parseA1 } from './address';
import { excelErrorOf } from './cells';
import { GridView, cellText } from './grid';
import { categoryKeywords, executionIndicatorNames, gradeWords, level1Synonyms, lowerIsBetterNames, natureTitles, normalizeLabel, reverseNameEndings, templateWords } from './headers';
import type { RuleProfile } from './profile';
import { finding as msg, type BudgetField, type MissingBlock, type ReasonWhy } from './messages';
import { evaluateIndicator, qualitativeBand, readDirection, readNature, rowNeedsReason } from './score';
import type { IndicatorEvaluation } from './score';
import type {
  Finding,
  FindingCode,
  Grade,
  GradePending,
  IndicatorReport,
  Locale,
  Severity,
  SheetGrid,
  TableReport,
  TextOptions,
  WorkbookCheck,
} from './types';
import { unrecognizedTable } from './unrecognized';
import { budgetScored, checkBudget, type CheckContext } from './budgetCheck';
import { declaredWeight } from './declaredWeight';
import { weightScaleOf } from './weightUnits';
import { ERRORS_RESTING_ON, roleName } from './inferColumns';
import { claimContradicts, claimedRate, moneyMeasure } from './claims';
import { findGoals, goalProblem } from './goals';
import { displayText, parseValue, readNumber } from './values';
import type { ParsedValue } from './values';

const REASON_PLACEHOLDERS = new Set(templateWords.reasonPlaceholders.map(normalizeLabel));
const NOT_APPLICABLE = new Set(templateWords.notApplicable);
/** Targets that are only a dash: nothing to measure against. */
const DASH_TARGETS = new Set(['—', '——', '-', '--', '–', '/', '／', '一']);

/** RULES §5 over every table of the sheets. `options.locale` 'en' gives English messages (default zh-CN). */
export function checkWorkbook(sheets: SheetGrid[], profile: RuleProfile, options: TextOptions = {}): WorkbookCheck {
  const locale: Locale = options.locale ?? 'zh-CN';
  const tables: TableReport[] = [];
  const findings: Finding[] = [];
  for (const sheet of sheets) {
    const view = new GridView(sheet);
    const found = findTables(view);
    for (const table of found) {
      const index = tables.length;
      const result = new TableChecker(view, table, profile, index, locale).run();
      tables.push(result.report);
      appendAll(findings, result.findings);
    }
    // A sheet where no indicator grid was read — nothing at all, or a budget block alone with
    // indicator titles under it — says so (RULES §7/§8 "never silent").
    if (found.every((t) => t.budgetOnly)) {
      const unread = unrecognizedTable(view, locale, found.length > 0 ? found[found.length - 1].bottom + 1 : 0);
      if (unread) findings.push(unread);
    }
  }
  return { tables, findings };
}

/** Checks one table; `run` returns its report and its findings in row order. */
class TableChecker implements CheckContext {
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

  /** Formula cells saved without a result ("r,c" keys of the sheet's formulasWithoutValue). */
  private readonly uncalculated: Set<string>;
  /** Cells whose error / uncalculated finding is already reported. */
  private readonly problemCells = new Set<string>();

  constructor(
    readonly view: GridView,
    readonly t: FoundTable,
    readonly profile: RuleProfile,
    private readonly index: number,
    readonly locale: Locale,
  ) {
    this.uncalculated = new Set((view.grid.formulasWithoutValue ?? []).map(([r, c]) => `${r},${c}`));
  }

  /**
   * Whether (r, c) cannot be read because it shows an Excel error (#DIV/0!) or holds a formula saved
   * without a result; the first time, says so with cell-error / formula-not-calculated. Such a cell
   * is never read as 0 or blank.
   */
  cellProblem(r: number, c: number | undefined): boolean {
    if (c === undefined) return false;
    const m = this.view.master(r, c);
    const key = `${m.row},${m.col}`;
    const error = excelErrorOf(this.view.raw(m.row, m.col));
    if (!error && !this.uncalculated.has(key)) return false;
    if (!this.problemCells.has(key)) {
      this.problemCells.add(key);
      if (error) this.add('cell-error', 'error', m, msg.cellError(error, this.locale), null, error);
      else this.add('formula-not-calculated', 'error', m, msg.formulaNotCalculated(this.locale));
    }
    return true;
  }

  /** cellProblem over several cells of a row, each reported. */
  rowProblem(r: number, cols: (number | undefined)[]): boolean {
    let any = false;
    for (const c of cols) if (this.cellProblem(r, c)) any = true;
    return any;
  }

  add(code: FindingCode, severity: Severity, at: CellRef, message: string, expected?: number | string | null, found?: number | string | null): void {
    const f: Finding = { code, severity, sheet: this.t.sheet, cell: a1(at.row, at.col), row: at.row + 1, message, table: this.index };
    if (expected !== undefined) f.expected = expected;
    if (found !== undefined) f.found = found;
    this.findings.push(f);
  }

  /** 100 when the table writes its weights as percentages of the whole (RULES §8), else 1. */
  private weightScale = 1;
  /** Standard blocks the table lacks (checkBlockWeights), for the 分值合计's message. */
  private missingBlocks: { block: MissingBlock; weight: number }[] = [];

  private decideWeightScale(budgetPoints: Decimal): void {
    const cols = this.t.columns;
    if (cols.weight === undefined || cols.score === undefined) return;
    const weights = [];
    const scores = [];
    for (const row of this.t.rows) {
      if (row.partOf !== null) continue;
      const w = this.numberAt(row.row, cols.weight);
      if (!w) continue;
      weights.push(w);
      scores.push(this.numberAt(row.row, cols.score)?.value ?? null);
    }
    this.weightScale = weightScaleOf(weights, scores, budgetPoints, this.profile.totalWeight);
  }

  /** A 分值 cell in points. */
  private weightAt(row: number): { value: Decimal; note: string; percent: boolean } | null {
    const read = this.numberAt(row, this.t.columns.weight);
    return read && this.weightScale !== 1 ? { ...read, value: read.value.times(this.weightScale) } : read;
  }

  numberAt(row: number, col: number | undefined): { value: Decimal; note: string; percent: boolean } | null {
    if (col === undefined) return null;
    return readNumber(this.view.raw(row, col), this.view.format(row, col));
  }

  textAt(row: number, col: number | undefined): string {
    return col === undefined ? '' : cellText(this.view.raw(row, col));
  }

  noteIfAny(at: CellRef, read: { value: Decimal; note: string }, what: BudgetField): void {
    if (read.note) {
      this.add('number-with-note', 'info', at, msg.budgetNote(what, this.textAt(at.row, at.col), read.value.toString(), this.locale));
    }
  }

  run(): { report: TableReport; findings: Finding[] } {
    const t = this.t;
    const cols = t.columns;
    const scorable = cols.weight !== undefined && cols.score !== undefined;
    const budget = checkBudget(this);
    this.decideWeightScale(budget && budgetScored(this.t) ? budget.weight : new D(0));
    const indicators: IndicatorReport[] = [];
    const shiftedRows: number[] = [];
    let firstShiftedCol: number | null = null;
    const unverifiedRows: number[] = [];
    const seenNames = new Map<string, number>();
    let computed: Decimal = budget?.score ?? budget?.enteredScore ?? new D(0);
    if (budget && budget.score === null && budget.enteredScore !== null) unverifiedRows.push(budget.report.row);
    let enteredSum: Decimal | null = budget?.enteredScore ?? null;
    let weightTotal: Decimal = budget?.weight ?? new D(0);
    const partsOf = this.breakdownParts();
    // The budget block scores the execution rate itself (a 分值/得分 of its own, weight above 0).
    const budgetWeight = budget && budgetScored(this.t) && budget.weight.gt(0) ? budget.weight : null;

    for (const row of t.rows) {
      if (row.partOf !== null) continue; // a 其中 part of the ★ indicator above (RULES §7)
      const r = row.row;
      const name = this.nameAt(r);
      if (this.rowProblem(r, [cols.targetOperator, cols.target, cols.targetUnit, cols.actual, cols.weight, cols.score])) {
        // Nothing on this row can be checked; what can be read still counts in the totals, unverified.
        const w = this.cellProblem(r, cols.weight) ? null : this.weightAt(r)?.value ?? null;
        const e = this.cellProblem(r, cols.score) ? null : this.numberAt(r, cols.score)?.value ?? null;
        if (w !== null) weightTotal = weightTotal.plus(w);
        if (e !== null) {
          enteredSum = (enteredSum ?? new D(0)).plus(e);
          computed = computed.plus(e);
        }
        unverifiedRows.push(r + 1);
        indicators.push({
          row: r + 1, level1: row.level1.replace(/\s+/g, ''), level2: row.level2.replace(/\s+/g, ''), name, kind: 'unknown',
          target: this.textAt(r, cols.target), actual: this.textAt(r, cols.actual), weight: num(w), score: null, enteredScore: num(e),
          needsReason: false, reason: this.textAt(r, cols.reason),
        });
        continue;
      }
      const parts = partsOf.get(r) ?? [];
      const target = this.targetAt(r);
      const actual = this.actualAt(r);
      const weightRead = this.weightAt(r);
      const scoreRead = this.numberAt(r, cols.score);
      const reasonText = this.textAt(r, cols.reason);
      // 无 / — / 0 in the reason cell do not explain anything (RULES §7).
      const reason = REASON_PLACEHOLDERS.has(normalizeLabel(reasonText)) ? '' : reasonText;
      const weight = weightRead?.value ?? null;
      const entered = scoreRead?.value ?? null;
      // A ★ row that leaves its own target/actual to its 其中 rows.
      const byParts = parts.length > 0 && target.kind === 'empty' && actual.kind === 'empty';
      const hasValues = target.kind !== 'empty' || actual.kind !== 'empty' || weight !== null || entered !== null;

      // RULES §5 columns-shifted: numbers in the 偏差原因 column (or a column whose title we do not
      // know, right of the actuals) while 分值/得分 are blank.
      const shiftedCol = weight === null && entered === null ? this.shiftedColumn(r) : null;
      const shifted = shiftedCol !== null;
      if (shifted) shiftedRows.push(r);
      if (shifted && firstShiftedCol === null) firstShiftedCol = shiftedCol;

      if (!name) {
        if (hasValues && cols.name !== undefined) this.add('name-missing', 'error', { row: r, col: cols.name }, msg.nameMissing(this.locale));
      } else {
        const key = this.norm(name);
        const first = seenNames.get(key);
        if (first !== undefined) {
          this.add('duplicate-indicator', 'warning', { row: r, col: cols.name! }, msg.duplicate(name, first + 1, this.locale), null, name);
        } else seenNames.set(key, r);
        this.checkCategory(r, name, row.level1, row.level2);
        if (!byParts) {
          if (target.kind === 'empty' && cols.target !== undefined) this.add('target-missing', 'error', { row: r, col: cols.target }, msg.targetMissing(name, this.locale));
          if (actual.kind === 'empty' && cols.actual !== undefined) this.add('actual-missing', 'error', { row: r, col: cols.actual }, msg.actualMissing(name, this.locale));
        }
      }

      if (scorable && !shifted && hasValues) {
        if (weight === null) {
          // A cell that holds something that is not a usable number is not "empty": say what it holds.
          const written = this.textAt(r, cols.weight);
          this.add('weight-missing', 'error', { row: r, col: cols.weight! }, written ? msg.weightNotNumber(name, written, this.locale) : msg.weightMissing(name, this.locale));
        }
        else if (weight.isZero()) this.add('zero-weight', 'warning', { row: r, col: cols.weight! }, msg.zeroWeight(name, this.locale), null, 0);
        else if (budgetWeight !== null && isExecutionIndicator(this.norm(name))) {
          this.add('execution-counted-twice', 'warning', { row: r, col: cols.weight! },
            msg.executionCountedTwice(name, weight.toString(), budgetWeight.toString(), this.locale), null, toNumber(weight));
        }
      }

      // Without a 分值 column (a target-completion table, RULES §8) a shortfall still needs its
      // reason: rows are judged against a unit weight.
      const evalWeight = weight ?? (cols.weight === undefined ? new D(1) : new D(0));
      let ev: IndicatorEvaluation | null = null;
      /** Set when two readings of a lower-is-better name disagree: a reason only if both want one. */
      let ambiguousNeedsReason: boolean | null = null;
      if (byParts) {
        ev = this.evaluateByParts(parts, weight ?? new D(0));
      } else if (DASH_TARGETS.has(normalizeLabel(target.text)) && actual.kind !== 'empty') {
        // "—" as the target and a description as the actual: a judged row (项目决策 / 项目管理
        // style) with nothing to compute; its entered score stands, unverified.
      } else if (target.kind !== 'empty' && actual.kind !== 'empty') {
        // A 指标方向 column (正向/反向/等于) overrides the operator written in the target; without
        // either, a name like 财政供养人员控制率 says at-most.
        const direction = readDirection(this.textAt(r, cols.direction)) ?? this.splitDirection(r)
          ?? (target.kind === 'number' && target.operator === null && reverseNameEndings.some((e) => name.endsWith(e)) ? 'reverse' : undefined);
        ev = evaluateIndicator(target, actual, evalWeight, this.profile, direction, { locale: this.locale });
        // RULES §8: a second reading — the other direction of a lower-is-better name written without
        // an operator, or the 指标性质 (正向/反向) where it contradicts the 指标方向 column.
        const nature = this.natureAt(r);
        const conflict = nature !== undefined && direction !== undefined && direction !== 'exact' && nature !== direction;
        const other = conflict ? nature
          : direction === undefined && target.kind === 'number' && target.operator === null && isLowerIsBetterName(this.norm(name)) ? 'reverse' : undefined;
        if (other !== undefined) {
          const second = evaluateIndicator(target, actual, evalWeight, this.profile, other, { locale: this.locale });
          const settled = settleReadings(ev, second, entered, evalWeight);
          if (settled.differ && conflict) {
            this.add('direction-conflict', 'warning', { row: r, col: cols.direction! },
              msg.directionConflict(this.textAt(r, this.natureColumn!), this.textAt(r, cols.direction), settled.ev.score !== null, this.locale));
          }
          ev = settled.ev;
          ambiguousNeedsReason = settled.needsReason;
        }
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
      if (name && budget?.rate != null) this.checkClaim(r, name, actual, budget.rate, budget.executed!, budget.base!);
      const scoreForRow = weight === null ? null : ev?.score ?? null;
      const actualMissing = actual.kind === 'empty' && !!name && !byParts;
      const needsReason = ambiguousNeedsReason ?? (ev ? rowNeedsReason(ev, evalWeight, actualMissing) : actualMissing);

      // A blank actual already asks for the reason (actual-missing's message): no second error.
      const actualMissingReported = actualMissing && cols.actual !== undefined;
      if (needsReason && !reason && cols.reason !== undefined && !shifted && !actualMissingReported) {
        const why = reasonWhy(ev, actualMissing, weight);
        const at = { row: r, col: cols.reason };
        if (reasonText) this.add('reason-missing', 'error', at, msg.reasonPlaceholder(name, why, reasonText, this.locale), null, reasonText);
        else this.add('reason-missing', 'error', at, msg.reasonMissing(name, why, this.locale));
      }

      if (scorable && !shifted && weight !== null) {
        this.checkRowScore(r, name, weight, entered, ev, scoreForRow, target, actual, !!reason);
      }

      if (weight !== null && !shifted) weightTotal = weightTotal.plus(weight);
      if (entered !== null && !shifted) enteredSum = (enteredSum ?? new D(0)).plus(entered);
      if (!shifted && weight !== null) {
        if (scoreForRow !== null) computed = computed.plus(scoreForRow);
        else {
          // RULES §7: a row that cannot be scored keeps its entered score; the total is then partly unverified.
          if (entered !== null) computed = computed.plus(entered);
          unverifiedRows.push(r + 1);
        }
      }

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
        reason: reasonText,
      });
    }

    this.checkGoals();
    if (shiftedRows.length > 0) {
      const first = shiftedRows[0];
      const last = shiftedRows[shiftedRows.length - 1];
      this.add('columns-shifted', 'error', { row: first, col: firstShiftedCol! },
        msg.columnsShifted(first + 1, last + 1, shiftedRows.length, this.locale),
        null, shiftedRows.length);
    }
    if (!scorable && !t.budgetOnly) {
      const headerFirst = this.firstCellOfHeader();
      this.add('not-scorable', 'warning', headerFirst, msg.notScorable(cols.weight === undefined, cols.score === undefined, this.locale));
    }

    const shiftedTable = shiftedRows.length > 0;
    const entered = this.enteredTotal(scorable);
    if (scorable && !shiftedTable) {
      this.checkBlockWeights(weightTotal);
      this.checkTotals(weightTotal, entered, enteredSum);
    } else if (cols.score !== undefined && cols.weight === undefined && !shiftedTable) {
      this.checkScoreOnly(entered, enteredSum);
    }
    const computedTotal = scorable && !shiftedTable ? round2(computed) : null;
    const gradePending = computedTotal === null ? null : this.gradePending(weightTotal, computedTotal);
    const gradeTotal = computedTotal ?? entered;
    // A broken frame gives no grade to compare the written 评价等次 with (issue 19, precision first).
    if (!(computedTotal !== null && this.gradePending(weightTotal, computedTotal))) this.checkGrade(gradeTotal);

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
        ...(gradePending ? { gradePending } : {}),
        unverifiedRows: computedTotal ? unverifiedRows : [],
      },
      headerRow: t.headerRow + 1,
      cells: this.liveCells(),
    };
    if (t.inferred.length > 0) this.holdAssumedErrors();
    else this.notePartialReading();
    const colOf = new Map(this.findings.map((f) => [f, parseA1(f.cell).col]));
    this.findings.sort((a, b) => a.row - b.row || colOf.get(a)! - colOf.get(b)!);
    return { report, findings: this.findings };
  }

  /** RULES §8 claim-contradicts-budget on an indicator that measures the money itself. */
  private checkClaim(r: number, name: string, actual: ParsedValue, rate: Decimal, executed: Decimal, base: Decimal): void {
    const measure = moneyMeasure(name);
    const claimed = measure ? claimedRate(actual) : null;
    if (!measure || claimed === null || !claimContradicts(measure, claimed, rate)) return;
    this.add('claim-contradicts-budget', 'warning', { row: r, col: this.t.columns.actual! },
      msg.claimContradictsBudget(name, pct(claimed), pct(rate), executed.toString(), base.toString(), this.locale), toNumber(rate.toDecimalPlaces(4)), toNumber(claimed));
  }

  /** RULES §8 goal-copied: the 年度总体目标 block above the indicators. */
  private checkGoals(): void {
    const cells = findGoals(this.view, this.t.top, Math.min(this.t.headerRow, this.t.bottom + 1) - 1);
    const problem = cells ? goalProblem(this.view, cells) : null;
    if (problem) this.add('goal-copied', 'warning', problem.at, msg.goalCopied(problem.kind, this.locale));
  }

  /** The column on row r that holds a bare number where a reason (or nothing we know) should be. */
  private shiftedColumn(r: number): number | null {
    const cols = this.t.columns;
    // Untitled columns only count where the table has a 分值 or 得分 column the numbers left.
    const scoring = cols.weight !== undefined || cols.score !== undefined;
    const candidates = cols.reason !== undefined ? [cols.reason] : scoring ? this.t.untitledColumns.filter((c) => c > (cols.actual ?? cols.target ?? 0)) : [];
    for (const c of candidates) {
      const raw = this.view.raw(r, c);
      if (typeof raw === 'number' || (typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw))) return c;
    }
    return null;
  }

  /**
   * RULES §8: errors resting on a column read by assumption are held back; one warning names the
   * assumption and how many problems the reading would add.
   */
  private holdAssumedErrors(): void {
    const inferred = this.t.inferred;
    const resting = new Set(inferred.flatMap((i) => ERRORS_RESTING_ON[i.role] ?? []));
    const kept = this.findings.filter((f) => f.severity !== 'error' || !resting.has(f.code));
    const held = this.findings.length - kept.length;
    this.findings.length = 0;
    this.findings.push(...kept);
    const first = inferred[0];
    this.add('column-assumed', 'warning', { row: this.t.headerRow, col: first.col },
      msg.columnAssumed(inferred.map((i) => ({ title: i.title, role: roleName(i.role, this.locale) })), held, this.locale),
      null, held);
  }

  /**
   * RULES §8 "never silent, never noisy": columns with values under titles we do not know, while a
   * column the checks need (三级指标, 分值, 得分, 偏差原因, 一级指标) was not found — one warning
   * names both, so a check that did not run is not mistaken for a clean table.
   */
  private notePartialReading(): void {
    const t = this.t;
    if (t.untitledColumns.length === 0) return;
    const missing = PARTIAL_ROLES.filter((role) => t.columns[role] === undefined);
    if (missing.length === 0) return;
    const titles = t.untitledColumns.map((c) => this.view.label(t.headerEnd, c) || this.view.label(t.headerRow, c));
    this.add('column-assumed', 'warning', { row: t.headerRow, col: t.untitledColumns[0] },
      msg.columnsNotRead(titles, missing.map((r) => roleName(r, this.locale)), this.locale));
  }

  /** The 三级指标 as named: the template's numbering dropped ("指标1：工程质量合格" → 工程质量合格). */
  private nameAt(r: number): string {
    return this.textAt(r, this.t.columns.name).replace(/\s+/g, ' ').replace(templateWords.numberingPrefix, '').trim();
  }

  /**
   * The 年度指标值 of row r. A target split over 指标性质 | 指标值 | 度量单位 (RULES §7) is read as the
   * one text its three cells make ("≧" 100 "%" → "≧100%"); a direction word there (正向/反向) is
   * left to splitDirection.
   */
  private targetAt(r: number): ParsedValue {
    const cols = this.t.columns;
    if (cols.adjustedTarget !== undefined) {
      const adjusted = this.parseAt(r, cols.adjustedTarget);
      if (adjusted.kind !== 'empty' && !NOT_APPLICABLE.has(normalizeLabel(adjusted.text))) return adjusted;
    }
    if (cols.targetOperator === undefined && cols.targetUnit === undefined) return this.parseAt(r, cols.target);
    const part = (c: number | undefined): string => {
      const text = c === undefined ? '' : this.textAt(r, c);
      return NOT_APPLICABLE.has(normalizeLabel(text)) ? '' : text;
    };
    const value = cols.target === undefined ? '' : displayText(this.view.raw(r, cols.target), this.view.format(r, cols.target));
    if (NOT_APPLICABLE.has(normalizeLabel(value)) || value === '') return this.parseAt(r, undefined);
    const op = part(cols.targetOperator);
    const unit = part(cols.targetUnit);
    const operator = readNature(op) || op === '定性' || op === '定量' ? '' : op;
    return parseValue(`${operator}${value}${unit && !value.endsWith(unit) ? unit : ''}`);
  }

  /**
   * The 实际完成值 of row r. Under a split target the 度量单位 is the unit of both sides: a bare
   * number in the actual is in that unit ("100" under "%" is 100%).
   */
  private actualAt(r: number): ParsedValue {
    const actual = this.parseAt(r, this.t.columns.actual);
    const unitCol = this.t.columns.targetUnit;
    if (unitCol === undefined || actual.kind !== 'number' || actual.percent || actual.unit) return actual;
    const unit = this.textAt(r, unitCol);
    if (!unit || NOT_APPLICABLE.has(normalizeLabel(unit))) return actual;
    return { ...parseValue(`${actual.text}${unit}`), text: actual.text };
  }

  /**
   * A 指标性质 column not used as a split target's operator (巴彦淖尔's 指标性质 | 指标方向 | 年度指标值),
   * or undefined. Found once per table.
   */
  private natureColumnCache: number | null | undefined;

  private get natureColumn(): number | undefined {
    if (this.natureColumnCache === undefined) {
      const t = this.t;
      const taken = new Set(Object.values(t.columns) as number[]);
      this.natureColumnCache = null;
      for (let c = 0; c < this.view.rowLength(t.headerRow) && t.columns.direction !== undefined; c++) {
        if (taken.has(c)) continue;
        const title = this.view.label(t.headerEnd, c) || this.view.label(t.headerRow, c);
        if (natureTitles.includes(title)) {
          this.natureColumnCache = c;
          break;
        }
      }
    }
    return this.natureColumnCache ?? undefined;
  }

  /** 正向 / 反向 in the 指标性质 column of row r. */
  private natureAt(r: number): 'positive' | 'reverse' | undefined {
    const c = this.natureColumn;
    if (c === undefined) return undefined;
    const n = readNature(this.textAt(r, c));
    return n === 'positive' || n === 'reverse' ? n : undefined;
  }

  /** 正向 / 反向 written in a split target's 指标性质 cell. */
  private splitDirection(r: number) {
    return readDirection(this.textAt(r, this.t.columns.targetOperator));
  }

  /** The 其中 rows of each ★ indicator, by the indicator's row. */
  private breakdownParts(): Map<number, number[]> {
    const parts = new Map<number, number[]>();
    for (const row of this.t.rows) {
      if (row.partOf === null) continue;
      const list = parts.get(row.partOf) ?? [];
      list.push(row.row);
      parts.set(row.partOf, list);
    }
    return parts;
  }

  /**
   * A ★ indicator decided by its 其中 rows (RULES §7): every part met → full marks; otherwise the
   * weight times the mean of the parts' fractions. Null when a part cannot be scored.
   */
  private evaluateByParts(parts: number[], weight: Decimal): IndicatorEvaluation | null {
    let sum = new D(0);
    let count = 0;
    for (const r of parts) {
      const target = this.targetAt(r);
      const actual = this.parseAt(r, this.t.columns.actual);
      if (target.kind === 'empty' && actual.kind === 'empty') continue;
      const ev = evaluateIndicator(target, actual, new D(1), this.profile, undefined, { locale: this.locale });
      if (ev.score === null) return null;
      sum = sum.plus(ev.score);
      count++;
    }
    if (count === 0) return null;
    const fraction = sum.div(count);
    const score = round2(weight.times(fraction));
    return {
      kind: 'positive', score, tier: null, overTarget: false, issues: [],
      explanation: fraction.gte(1) ? msg.partsMet(count, this.locale) : msg.partsBelow(count, fraction.times(100).toDecimalPlaces(2).toString(), this.locale),
    };
  }

  parseAt(r: number, col: number | undefined): ParsedValue {
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
    // RULES §3: scores compare at 2 decimals (a formula's 5.000000000000001 is the 5 Excel shows).
    if (round2(entered).gt(round2(weight))) {
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
      msg.scoreMismatch(fmt(rule), target.text, actual.text, ev.explanation, entered.toString(), this.locale, ev.score !== null && ev.score.eq(rule) ? ev.formula : undefined),
      num(rule), num(entered));
  }

  private checkBlockWeights(weightTotal: Decimal): void {
    // A block is a run of rows under one 一级 label: merged once, or repeated on every row.
    const blocks: { cell: CellRef; label: string; sum: Decimal; satisfactionInside: boolean; weightMissing: boolean; empty?: boolean }[] = [];
    for (const row of this.t.rows) {
      if (!row.level1Cell || row.partOf !== null) continue;
      const read = this.weightAt(row.row)?.value ?? null;
      const w = read ?? new D(0);
      const inside = this.norm(row.level2).includes('满意度');
      const last = blocks[blocks.length - 1];
      if (last && this.norm(last.label) === this.norm(row.level1)) {
        last.sum = last.sum.plus(w);
        last.satisfactionInside ||= inside;
        last.weightMissing ||= read === null;
      } else blocks.push({ cell: row.level1Cell, label: row.level1, sum: w, satisfactionInside: inside, weightMissing: read === null });
    }
    // A 一级 block whose rows are all template placeholders has no indicator and weighs 0.
    for (const { text, cell } of this.t.level1Labels) {
      if (!this.t.rows.some((row) => row.level1Cell?.row === cell.row && row.level1Cell.col === cell.col)) {
        blocks.push({ cell, label: text, sum: new D(0), satisfactionInside: false, weightMissing: false, empty: true });
      }
    }
    this.missingBlocks = this.standardBlocksMissing(blocks);
    // The profile's standard weights hold for the standard layout: budget plus indicators making 100.
    const standardLayout = budgetScored(this.t) || !weightTotal.eq(this.profile.totalWeight);
    for (const { cell, label, sum, satisfactionInside, weightMissing, empty } of blocks) {
      const declared = declaredWeight(label);
      const name = label.replace(/\s+/g, '').replace(/[(（].*$/, '');
      if (declared !== null && !sum.eq(declared) && !empty) {
        this.add('weight-sum-mismatch', 'error', cell, msg.weightSumMismatch(name, `${declared}`, sum.toString(), this.locale), toNumber(declared), toNumber(sum));
      }
      // A block with a blank 分值 is already weight-missing; its sum says nothing yet.
      const standard = standardLayout && (declared !== null || !weightMissing) ? standardWeightOf(name, satisfactionInside, this.profile) : null;
      const weight = declared ?? sum;
      if (standard !== null && !weight.eq(standard)) {
        this.add('weight-off-standard', 'warning', cell, msg.weightOffStandard(name, weight.toString(), `${standard}`, this.locale), standard, toNumber(weight));
      }
    }
  }

  /**
   * The standard blocks the table lacks: no budget block at all, or no 一级 block of a standard name
   * (产出 / 效益 / 满意度). Only in a table whose 一级 labels read as the standard ones, and never the
   * 满意度 block where 满意度 is a 二级 under 效益.
   */
  private standardBlocksMissing(blocks: { label: string; satisfactionInside: boolean }[]): { block: MissingBlock; weight: number }[] {
    const names = new Set(blocks.map((b) => canonicalLevel1(b.label)));
    if (!blocks.length || blocks.some((b) => canonicalLevel1(b.label) === null)) return [];
    const w = this.profile.levelWeights;
    const out: { block: MissingBlock; weight: number }[] = [];
    if (!this.t.budget) out.push({ block: 'budget', weight: this.profile.executionWeight });
    if (!names.has('产出指标')) out.push({ block: 'output', weight: w.output });
    if (!names.has('效益指标')) out.push({ block: 'effect', weight: w.effect });
    if (!names.has('满意度指标') && !blocks.some((b) => b.satisfactionInside)) out.push({ block: 'satisfaction', weight: w.satisfaction });
    return out;
  }

  private enteredTotal(scorable: boolean): Decimal | null {
    const t = this.t;
    if (t.totalRow === null) return null;
    if (scorable) return this.cellProblem(t.totalRow, t.columns.score) ? null : this.numberAt(t.totalRow, t.columns.score)?.value ?? null;
    const cell = t.totalValueCell;
    return cell && !this.cellProblem(cell.row, cell.col) ? this.numberAt(cell.row, cell.col)?.value ?? null : null;
  }

  /** Whether the 分值 add up as a table's frame must, and what they should add up to. */
  private weightFrame(weightTotal: Decimal): { ok: boolean; expected: Decimal } {
    const t = this.t;
    const totalWeightCell = t.totalRow !== null ? this.weightAt(t.totalRow)?.value ?? null : null;
    const standard = new D(this.profile.totalWeight);
    // Without a budget block the indicators may carry the whole 100 or leave the execution weight out.
    const acceptable = budgetScored(this.t) ? [standard] : [standard, standard.minus(this.profile.executionWeight)];
    const ok = acceptable.some((a) => a.eq(weightTotal)) && (totalWeightCell === null || totalWeightCell.eq(weightTotal));
    // The 总分 row's 分值 is what they should reach, unless it only repeats their own wrong sum.
    return { ok, expected: totalWeightCell && !totalWeightCell.eq(weightTotal) ? totalWeightCell : standard };
  }

  /**
   * Issue 19: a 评价等次 is shown only on a frame that can hold it. With 分值 that do not add up, or a
   * recalculated total above the full score, the grade is withheld (待核) and the reason said.
   */
  private gradePending(weightTotal: Decimal, computed: Decimal): GradePending | null {
    const frame = this.weightFrame(weightTotal);
    if (!frame.ok) return { reason: 'weights', total: toNumber(weightTotal), expected: toNumber(frame.expected) };
    const full = new D(this.profile.totalWeight);
    if (computed.gt(full)) return { reason: 'over', total: toNumber(computed), expected: this.profile.totalWeight };
    return null;
  }

  private checkTotals(weightTotal: Decimal, entered: Decimal | null, enteredSum: Decimal | null): void {
    const t = this.t;
    const cols = t.columns;
    const { ok, expected } = this.weightFrame(weightTotal);
    if (!ok) {
      const at = t.totalRow !== null ? { row: t.totalRow, col: cols.weight! } : { row: t.headerRow, col: cols.weight! };
      // Missing standard blocks are named as the cause only when their 分值 make up the shortfall exactly.
      const missingSum = this.missingBlocks.reduce((sum, m) => sum.plus(m.weight), new D(0));
      const missing = expected.eq(this.profile.totalWeight) && missingSum.gt(0) && weightTotal.plus(missingSum).eq(expected) ? this.missingBlocks : [];
      this.add('weight-total-mismatch', 'error', at,
        msg.weightTotalMismatch(weightTotal.toString(), expected.toString(), this.locale, missing), toNumber(expected), toNumber(weightTotal));
    }
    if (t.totalRow !== null && entered === null && enteredSum !== null && this.totalRowHasNoScore(t.totalRow)) {
      // A blank 总分: the total check would otherwise just disappear.
      const sum = round2(enteredSum);
      this.add('total-missing', 'error', { row: t.totalRow, col: cols.score! }, msg.totalMissing(sum.toString(), this.locale), toNumber(sum), null);
    }
    // A 自评总分 written in the header block is a second statement of the total: it must agree too.
    const header = t.headerTotal;
    if (header && enteredSum !== null && !this.cellProblem(header.value.row, header.value.col)) {
      const written = this.numberAt(header.value.row, header.value.col)?.value ?? null;
      const sum = round2(enteredSum);
      if (written !== null && !round2(written).eq(sum)) {
        const label = this.view.text(header.label.row, header.label.col);
        this.add('total-mismatch', 'error', header.value,
          msg.headerTotalMismatch(label.replace(/\s+/g, ''), written.toString(), sum.toString(), this.locale), toNumber(sum), toNumber(written));
      }
    }
    if (t.totalRow !== null && entered !== null && enteredSum !== null) {
      const sum = round2(enteredSum);
      if (!round2(entered).eq(sum)) {
        this.add('total-mismatch', 'error', { row: t.totalRow, col: cols.score! },
          msg.totalMismatch(entered.toString(), sum.toString(), this.locale), toNumber(sum), toNumber(entered));
      }
    }
  }

  /**
   * A table with 得分 but no 分值 column (RULES §8): what can be checked without weights — the 总分
   * against the sum of the scores, and each block label's declared weight (年度绩效目标1 (80分)) as a
   * frame its rows' scores may not exceed. A declared frame runs to the next label that declares one.
   */
  private checkScoreOnly(entered: Decimal | null, enteredSum: Decimal | null): void {
    const t = this.t;
    const scoreCol = t.columns.score!;
    if (t.totalRow !== null && entered !== null && enteredSum !== null && !round2(entered).eq(round2(enteredSum))) {
      this.add('total-mismatch', 'error', { row: t.totalRow, col: scoreCol },
        msg.totalMismatch(entered.toString(), round2(enteredSum).toString(), this.locale), toNumber(round2(enteredSum)), toNumber(entered));
    }
    const frames = t.level1Labels.map((l) => ({ ...l, weight: declaredWeight(l.text) })).filter((l) => l.weight !== null);
    frames.forEach((frame, i) => {
      const end = i + 1 < frames.length ? frames[i + 1].cell.row : t.bottom + 1;
      let sum = new D(0);
      for (const row of t.rows) {
        if (row.row < frame.cell.row || row.row >= end || row.partOf !== null) continue;
        sum = sum.plus(this.numberAt(row.row, scoreCol)?.value ?? 0);
      }
      if (round2(sum).gt(frame.weight!)) {
        const name = frame.text.replace(/\s+/g, '').replace(/[(（][^()（）]*分[)）]\s*$/, '');
        this.add('score-exceeds-weight', 'error', frame.cell, msg.blockScoresExceed(name, round2(sum).toString(), frame.weight!.toString(), this.locale), toNumber(frame.weight!), toNumber(round2(sum)));
      }
    });
  }

  /**
   * Whether the 总分 row shows no score at all: its 得分 cell (or the merged area over it) is blank,
   * holds no error, and no other number stands right of its 分值 (a total written one cell off is
   * a layout we do not guess at, not a missing total).
   */
  private totalRowHasNoScore(r: number): boolean {
    const cols = this.t.columns;
    const at = this.view.master(r, cols.score!);
    if (this.view.text(r, cols.score!) || this.problemCells.has(`${at.row},${at.col}`)) return false;
    for (let c = cols.weight! + 1; c < this.view.rowLength(r); c++) {
      if (c !== cols.score && typeof this.view.raw(r, c) === 'number') return false;
    }
    return true;
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

/**
 * Two readings of one row (RULES §8): where their scores agree, the first stands. Where they
 * disagree, an entered score that follows either decides; with neither, no score verdict is given
 * (the row counts unverified) and a reason is asked only when both readings want one.
 */
function settleReadings(first: IndicatorEvaluation, second: IndicatorEvaluation, entered: Decimal | null, weight: Decimal): { ev: IndicatorEvaluation; needsReason: boolean | null; differ: boolean } {
  const same = (a: Decimal | null, b: Decimal | null) => (a === null ? b === null : b !== null && a.eq(b));
  if (same(first.score, second.score)) return { ev: first, needsReason: null, differ: false };
  const shown = entered === null ? null : round2(entered);
  if (shown !== null && first.score !== null && shown.eq(first.score)) return { ev: first, needsReason: null, differ: true };
  if (shown !== null && second.score !== null && shown.eq(second.score)) return { ev: second, needsReason: null, differ: true };
  return {
    ev: { ...first, score: null, overTarget: first.overTarget && second.overTarget, tier: null },
    needsReason: rowNeedsReason(first, weight, false) && rowNeedsReason(second, weight, false),
    differ: true,
  };
}

/** Roles whose absence stops checks, named when columns with unknown titles may hold them. */
const PARTIAL_ROLES = ['level1', 'name', 'weight', 'score', 'reason'] as const;

function reasonWhy(ev: IndicatorEvaluation | null, actualMissing: boolean, weight: Decimal | null): ReasonWhy {
  if (actualMissing) return { kind: 'actual-missing' };
  if (!ev) return { kind: 'no-evaluation' };
  if (ev.overTarget) return { kind: 'over-target' };
  if (ev.tier && ev.tier !== 'met') return { kind: 'tier', tier: ev.tier };
  if (weight !== null && ev.score !== null && ev.score.lt(weight)) return { kind: 'below', explanation: ev.explanation };
  return { kind: 'deviation' };
}

/**
 * The profile's standard weight of a 一级指标 block (RULES §3), or null when the label is none of
 * 产出 / 效益 / 满意度.
 */
/** The standard name of a 一级 label (产出指标 for 项目产出指标 (50分)), or null. */
function canonicalLevel1(label: string): string | null {
  const bare = normalizeLabel(label.replace(/\s+/g, '').replace(/[(（].*$/, ''));
  return level1Synonyms.find(([, words]) => words.includes(bare))?.[0] ?? null;
}

function standardWeightOf(label: string, satisfactionInside: boolean, profile: RuleProfile): number | null {
  const canonical = canonicalLevel1(label);
  const w = profile.levelWeights;
  if (canonical === '产出指标') return w.output;
  // With 满意度 as a 二级 under 效益 the provinces' standards differ: no verdict then.
  if (canonical === '效益指标') return satisfactionInside ? null : w.effect;
  if (canonical === '满意度指标') return w.satisfaction;
  return null;
}

/** Whether a normalized 三级指标 names something that should be low (RULES §8), a trailing "(…)" dropped. */
function isLowerIsBetterName(name: string): boolean {
  const bare = name.replace(/\([^)]*\)$/, '').replace(/[“”"]/g, '');
  return lowerIsBetterNames.some((w) => bare.endsWith(w));
}

/** Whether a normalized 三级指标 names the budget execution rate (预算执行率, 项目资金执行率 (%) …). */
function isExecutionIndicator(name: string): boolean {
  const bare = name.replace(/\([^)]*\)$/, '');
  return executionIndicatorNames.some((w) => bare.endsWith(w));
}

