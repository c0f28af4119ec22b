// Public engine API for scripts and the PE.* custom functions: plain numbers or the strings people
// type in, plain numbers out. Every bad input throws PeInputError with a Chinese message.
import type Decimal from 'decimal.js';
import { D, fromNumber, round2, toNumber } from './decimal';
import { PeInputError, quote } from './errors';
import { executionRateExact, executionScoreExact } from './execution';
import { gradeOf } from './grade';
import { mof2020, type RuleProfile } from './profile';
import { evaluateCore, readDirection, reconcile, rowNeedsReason, type Direction, type EvalIssue, type IndicatorEvaluation } from './score';
import type { Grade } from './types';
import { parseValueShared, readNumber, type ParsedValue } from './values';

export type Input = number | string | boolean | null | undefined;

function isBlank(x: Input): boolean {
  return x === null || x === undefined || (typeof x === 'string' && x.trim() === '');
}

function parseInput(x: Input): ParsedValue {
  if (typeof x === 'number' && !Number.isFinite(x)) throw new PeInputError('invalid', `无法识别的数值：${quote(x)}`, x);
  return parseValueShared(x);
}

function directionOf(d: string | null | undefined): Direction | undefined {
  if (d === null || d === undefined || d.trim() === '') return undefined;
  const dir = readDirection(d);
  if (!dir) throw new PeInputError('invalid', `无法识别的指标方向：${quote(d)}（可填 正向、反向、等于）`, d);
  return dir;
}

/** A plain number from a number or a typed string ("10", "10分", "6558.23（含…）"). */
function numberOf(x: Input, label: string, code: 'invalid' | 'weight' = 'invalid'): Decimal {
  if (isBlank(x)) throw new PeInputError('empty', `${label}为空`, x);
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new PeInputError(code, `无法识别的数值：${quote(x)}`, x);
    return fromNumber(x);
  }
  const n = typeof x === 'string' ? readNumber(x) : null;
  if (!n) throw new PeInputError(code, `无法识别的数值：${quote(x)}`, x);
  return n.value;
}

/** Weights repeat (5, 10, 20 …): convert each distinct one once. */
const weightCache = new Map<number, Decimal>();

function weightOf(x: Input): Decimal {
  if (typeof x === 'number' && x >= 0 && Number.isFinite(x)) {
    let w = weightCache.get(x);
    if (!w) {
      w = fromNumber(x);
      if (weightCache.size >= 1024) weightCache.clear();
      weightCache.set(x, w);
    }
    return w;
  }
  if (isBlank(x)) throw new PeInputError('weight', '分值为空', x);
  const w = numberOf(x, '分值', 'weight');
  if (w.isNeg()) throw new PeInputError('weight', `分值必须是非负数：${quote(x)}`, x);
  return w;
}

/** Parses both sides and evaluates; throws on anything that keeps the rule from giving a score. */
function evaluate(target: Input, actual: Input, w: Decimal, direction: string | null | undefined,
  profile: RuleProfile): IndicatorEvaluation {
  const dir = directionOf(direction);
  const t = parseInput(target);
  if (t.kind === 'empty') throw new PeInputError('empty', '指标值为空', target);
  const a = parseInput(actual);
  if (a.kind === 'empty') throw new PeInputError('empty', '实际完成值为空', actual);
  const ev = evaluateCore(t, a, w, profile, dir, false);
  for (const issue of ev.issues) {
    if (issue.code === 'value-unparseable') throw new PeInputError('invalid', issue.message, issue.on === 'target' ? target : actual);
    if (issue.code === 'unit-mismatch' && issue.severity === 'warning') throw new PeInputError('unit', issue.message, actual);
  }
  if (ev.score === null) throw new PeInputError('invalid', `无法计算得分：指标值${quote(t.text)}，实际完成值${quote(a.text)}`, actual);
  return ev;
}

/** PE.SCORE: rule score of one indicator (RULES §3), half-up to 2 decimals. */
export function scoreIndicator(target: Input, actual: Input, weight: Input, direction?: string | null,
  profile: RuleProfile = mof2020): number {
  const w = weightOf(weight);
  return toNumber(evaluate(target, actual, w, direction, profile).score as Decimal);
}

function budgetRate(budget: Input, executed: Input): Decimal {
  const b = numberOf(budget, '预算数');
  const e = numberOf(executed, '执行数');
  return executionRateExact(b, e);
}

/** PE.EXECRATE: exact 全年执行数 / 全年预算数, unrounded. */
export function executionRate(budget: Input, executed: Input): number {
  return toNumber(budgetRate(budget, executed));
}

/** 预算执行率得分: round2(w × min(rate, 1)); w defaults to the profile's executionWeight (10). */
export function executionScore(budget: Input, executed: Input, weight?: Input, profile: RuleProfile = mof2020): number {
  const w = isBlank(weight) ? new D(String(profile.executionWeight)) : weightOf(weight);
  return toNumber(executionScoreExact(budgetRate(budget, executed), w));
}

/** 评价等次 of a total score. */
export function grade(total: Input, profile: RuleProfile = mof2020): Grade {
  return gradeOf(numberOf(total, '总分'), profile);
}

/** Signed relative deviation (a − t) / t; inside a target range it is 0, outside it is measured from the nearer end. */
export function deviation(target: Input, actual: Input): number {
  const t = parseInput(target);
  const a = parseInput(actual);
  if (t.kind === 'empty') throw new PeInputError('empty', '指标值为空', target);
  if (a.kind === 'empty') throw new PeInputError('empty', '实际完成值为空', actual);
  if (t.kind !== 'number' && t.kind !== 'range') throw new PeInputError('invalid', `无法识别的数值：${quote(t.text)}`, target);
  if (a.kind !== 'number' && a.kind !== 'range') throw new PeInputError('invalid', `无法识别的数值：${quote(a.text)}`, actual);
  const issues: EvalIssue[] = [];
  const r = reconcile(t, a, issues);
  if (!r) throw new PeInputError('unit', issues[0].message, actual);
  const av = r.aLo.plus(r.aHi).div(2);
  const tv = av.lt(r.tLo) ? r.tLo : av.gt(r.tHi) ? r.tHi : null;
  if (tv === null) return 0;
  if (tv.isZero()) throw new PeInputError('invalid', `指标值为 0，无法计算偏差率：${quote(t.text)}`, target);
  return toNumber(av.minus(tv).div(tv));
}

/**
 * RULES §4: does this row need a 偏差原因? Also true when an entered score is below the rule
 * score, because a manual 调减 must be explained. A blank actual needs a reason (it is missing).
 */
export function needsReason(target: Input, actual: Input, weight: Input, enteredScore?: Input,
  profile: RuleProfile = mof2020): boolean {
  const w = weightOf(weight);
  if (isBlank(actual)) return true;
  const ev = evaluate(target, actual, w, undefined, profile);
  if (rowNeedsReason(ev, w, false)) return true;
  if (isBlank(enteredScore)) return false;
  const entered = round2(numberOf(enteredScore, '得分'));
  return ev.score !== null && entered.lt(ev.score);
}

export { PeInputError } from './errors';
export type { RuleProfile } from './profile';
