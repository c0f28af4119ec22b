// Public engine API for scripts and the PE.* custom functions: plain numbers or the strings people
// type in, plain numbers out. The contract: every function returns a finite number in its range
// (never NaN, ±Infinity or −0) or throws PeInputError with a Chinese message — whatever a
// JavaScript caller passes (a symbol, an object, a 10-million-character string, a bogus profile).
import type Decimal from 'decimal.js';
import { D, fromNumber, round2, toNumber } from './decimal';
import { PeInputError, quote } from './errors';
import { executionRateExact, executionScoreExact } from './execution';
import { gradeOf } from './grade';
import { mof2020, type RuleProfile } from './profile';
import { evaluateCore, readDirection, reconcile, rowNeedsReason, type Direction, type EvalIssue, type IndicatorEvaluation } from './score';
import { EXCEL_LIMITS } from './limits';
import type { Grade } from './types';
import { parseValueShared, readNumber, type ParsedValue } from './values';

export type Input = number | string | boolean | null | undefined;

/** Refuses what no cell can hold: other types, and texts past Excel's 32,767 characters. */
function checkInput(x: unknown): asserts x is Input {
  const t = typeof x;
  if (!(x === null || t === 'undefined' || t === 'number' || t === 'string' || t === 'boolean')) {
    throw new PeInputError('invalid', `不支持的数值类型：${t === 'object' ? (Array.isArray(x) ? '数组' : '对象') : t}（可填数字或文本）`, x);
  }
  if (t === 'string' && (x as string).length > EXCEL_LIMITS.cellChars) {
    throw new PeInputError('invalid', `文本过长：${(x as string).length} 个字符，超过单元格上限 ${EXCEL_LIMITS.cellChars}`, `${(x as string).slice(0, 20)}…`);
  }
}

function isBlank(x: Input): boolean {
  checkInput(x);
  return x === null || x === undefined || (typeof x === 'string' && x.trim() === '');
}

function parseInput(x: Input): ParsedValue {
  checkInput(x);
  if (typeof x === 'number' && !Number.isFinite(x)) throw new PeInputError('invalid', `无法识别的数值：${quote(x)}`, x);
  return parseValueShared(x);
}

/** A result as the contract promises it: finite, and 0 rather than −0. */
function finite(n: number): number {
  if (!Number.isFinite(n)) throw new PeInputError('invalid', '结果超出可表示的数值范围，请检查输入的数值', n);
  return n === 0 ? 0 : n;
}

/** The profile argument, refused when it is not one (a script may pass anything). */
export function profileOf(p: unknown): RuleProfile {
  const o = p as Partial<RuleProfile> | null;
  if (o === null || typeof o !== 'object' || typeof o.name !== 'string' || typeof o.executionWeight !== 'number') {
    throw new PeInputError('invalid', '评分口径无效：请传入 profiles 中的口径（如 mof2020）', p);
  }
  return o as RuleProfile;
}

function directionOf(d: unknown): Direction | undefined {
  if (d === null || d === undefined) return undefined;
  if (typeof d !== 'string') throw new PeInputError('invalid', `指标方向应为文本：${quote(d)}（可填 正向、反向、等于）`, d);
  if (d.length > 100) throw new PeInputError('invalid', `无法识别的指标方向：${quote(d.slice(0, 20) + '…')}（可填 正向、反向、等于）`, d);
  if (d.trim() === '') return undefined;
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
  // "5.5.5", "1,2,3" or a range "10-20" is not one number: reading 5.5 would be a guess.
  if (!n || /^[.,．，]?\d/.test(n.note)) throw new PeInputError(code, `无法识别的数值：${quote(x)}`, x);
  return n.value;
}

/** A money amount (预算数, 执行数): a number that is not negative. */
function amountOf(x: Input, label: string, code: 'invalid' | 'budget' = 'invalid'): Decimal {
  const n = numberOf(x, label);
  if (n.isNeg() && !n.isZero()) throw new PeInputError(code, `${label}不能为负数：${quote(x)}`, x);
  return n;
}

/** Weights repeat (5, 10, 20 …): convert each distinct one once. */
const weightCache = new Map<number, Decimal>();

function weightOf(x: Input): Decimal {
  checkInput(x);
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
  if (w.isNeg() && !w.isZero()) throw new PeInputError('weight', `分值必须是非负数：${quote(x)}`, x);
  return w;
}

/** Parses both sides and evaluates; throws on anything that keeps the rule from giving a score. */
function evaluate(target: Input, actual: Input, w: Decimal, direction: unknown,
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
  const p = profileOf(profile);
  const w = weightOf(weight);
  return finite(toNumber(evaluate(target, actual, w, direction, p).score as Decimal));
}

function budgetRate(budget: Input, executed: Input): Decimal {
  const b = amountOf(budget, '预算数', 'budget');
  const e = amountOf(executed, '执行数');
  return executionRateExact(b, e);
}

/** PE.EXECRATE: exact 全年执行数 / 全年预算数, unrounded. */
export function executionRate(budget: Input, executed: Input): number {
  return finite(toNumber(budgetRate(budget, executed)));
}

/** 预算执行率得分: round2(w × min(rate, 1)); w defaults to the profile's executionWeight (10). */
export function executionScore(budget: Input, executed: Input, weight?: Input, profile: RuleProfile = mof2020): number {
  const p = profileOf(profile);
  const w = isBlank(weight) ? new D(String(p.executionWeight)) : weightOf(weight);
  return finite(toNumber(executionScoreExact(budgetRate(budget, executed), w)));
}

/** 评价等次 of a total score. */
export function grade(total: Input, profile: RuleProfile = mof2020): Grade {
  const p = profileOf(profile);
  const t = numberOf(total, '总分');
  if (t.isNeg() && !t.isZero()) throw new PeInputError('invalid', `总分不能为负数：${quote(total)}`, total);
  return gradeOf(t, p);
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
  return finite(toNumber(av.minus(tv).div(tv)));
}

/**
 * RULES §4: does this row need a 偏差原因? Also true when an entered score is below the rule
 * score, because a manual 调减 must be explained. A blank actual needs a reason (it is missing).
 */
export function needsReason(target: Input, actual: Input, weight: Input, enteredScore?: Input,
  profile: RuleProfile = mof2020): boolean {
  const p = profileOf(profile);
  const w = weightOf(weight);
  if (isBlank(actual)) return true;
  const ev = evaluate(target, actual, w, undefined, p);
  if (rowNeedsReason(ev, w, false)) return true;
  if (isBlank(enteredScore)) return false;
  const entered = round2(numberOf(enteredScore, '得分'));
  return ev.score !== null && entered.lt(ev.score);
}

export { PeInputError } from './errors';
export type { RuleProfile } from './profile';
