// RULES §3 (indicator scores) and §4 (when a 偏差原因 is required), on values parsed by values.ts.
import { own } from './own';
import type Decimal from 'decimal.js';
import { CENT, D, HUNDRED, ONE, ZERO, eq, gt, gte, lt, lte, round2, minDec, toD } from './decimal';
import type { RuleProfile } from './profile';
import { engine, explain as explainText } from './messages';
import type { IndicatorKind, Locale, Severity, TextOptions } from './types';
import { calendarText, compareCalendar, type CalendarPoint } from './calendar';
import { bareNoWords, metWords, onTimeTargetWords, partialWords, unmetPatterns, unmetWords } from './tiers';
import { normalise, type ParsedValue } from './values';

export type Direction = 'positive' | 'reverse' | 'exact';

/** Direction words people write: PE.SCORE's 方向 argument and a table's 指标方向 column. */
const directionWords: Record<string, Direction> = {
  positive: 'positive', reverse: 'reverse', exact: 'exact',
  正向: 'positive', 反向: 'reverse', 等于: 'exact', 逆向: 'reverse', 相等: 'exact',
  正向指标: 'positive', 反向指标: 'reverse',
};

/** RULES §8: a 指标方向 / 计算符号 column may give the operator in words or signs. */
const operatorWords: Record<string, Direction> = {
  大于等于: 'positive', 大于: 'positive', 不低于: 'positive', 不少于: 'positive', '≥': 'positive', '>=': 'positive', '＞＝': 'positive', '≧': 'positive', '>': 'positive',
  小于等于: 'reverse', 小于: 'reverse', 不高于: 'reverse', 不超过: 'reverse', '≤': 'reverse', '<=': 'reverse', '＜＝': 'reverse', '≦': 'reverse', '<': 'reverse',
  '=': 'exact', '＝': 'exact', '═': 'exact', '﹦': 'exact',
};

/** The direction a text names (正向 / 反向, or an operator word or sign), or undefined when it names none. */
export function readDirection(text: string): Direction | undefined {
  const key = text.trim();
  return readNature(key) ?? own(operatorWords, key);
}

/** The direction a 指标性质 word names (正向 / 反向 / 等于), not an operator sign. */
export function readNature(text: string): Direction | undefined {
  const key = text.trim();
  return own(directionWords, key) ?? own(directionWords, key.toLowerCase());
}
export type QualitativeTier = 'met' | 'partial' | 'unmet';

export interface EvalIssue {
  code: 'unit-mismatch' | 'actual-has-operator' | 'actual-not-numeric' | 'number-with-note' | 'target-not-measurable' | 'value-unparseable';
  severity: Severity;
  on: 'target' | 'actual';
  /** Chinese by default; English when evaluated with locale 'en'. */
  message: string;
}

export interface IndicatorEvaluation {
  kind: IndicatorKind;
  /** Rule score, half-up 2 dp; null when not computable. */
  score: Decimal | null;
  /** Qualitative rows only. */
  tier: QualitativeTier | null;
  /** RULES §3 over-achievement. */
  overTarget: boolean;
  issues: EvalIssue[];
  /** Short text, e.g. "已完成" / "完成 70%，目标 90%" (English with locale 'en': "achieved"). */
  explanation: string;
  /**
   * The scoring rule with this row's numbers, for a row that loses marks: "分值 5 × 实际 70% ÷
   * 目标 90% = 3.89" (反向, 定值 and 区间 likewise). Absent where no rule applied or marks are full.
   */
  formula?: string;
}

/** Profile numbers as Decimals, converted once per profile object (profiles are plain data). */
interface ProfileDecimals {
  overTarget: Decimal;
  qualitative: Record<QualitativeTier, Decimal>;
}
const profileDecimals = new WeakMap<RuleProfile, ProfileDecimals>();
function decimalsOf(profile: RuleProfile): ProfileDecimals {
  let d = profileDecimals.get(profile);
  if (!d) {
    const q = profile.qualitativeScore;
    d = {
      overTarget: new D(String(profile.overTarget)),
      qualitative: { met: new D(String(q.met)), partial: new D(String(q.partial)), unmet: new D(String(q.unmet)) },
    };
    profileDecimals.set(profile, d);
  }
  return d;
}

// ---------------------------------------------------------------- qualitative tiers (RULES §2)

const escapeWord = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (words: readonly string[], patterns: readonly string[] = []): RegExp =>
  new RegExp([...words.map(escapeWord), ...patterns].join('|'));
const UNMET_RE = anyOf(unmetWords, unmetPatterns);
const NEGATION_RE = /(尚未|没有|未|没|不)([^,;。、!?]*)/g;
const PARTIAL_RE = anyOf(partialWords);
const MET_RE = anyOf(metWords);
const BARE_NO = new Set(bareNoWords);

/** The actual negates the target: 建立 → 未建立, 按时完成 → 未按时完成 (negation wins over containment). */
function negatesTarget(target: string, actual: string): boolean {
  if (!target) return false;
  NEGATION_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NEGATION_RE.exec(actual)) !== null) {
    const words = m[2];
    if (words && (target.includes(words) || words.includes(target))) return true;
    if (m[0].length === 0) NEGATION_RE.lastIndex++;
  }
  return false;
}

/** RULES §2 tiers, tried as 未达成 → 部分达成 → 达成; null when the text says none of them. */
export function qualitativeTierOf(targetText: string, actualText: string): QualitativeTier | null {
  const t = normalise(targetText.trim());
  const a = normalise(actualText.trim());
  if (!a) return null;
  // Writing the target back as the actual is the commonest way to say "done".
  if (a === t) return 'met';
  if (BARE_NO.has(a)) return t.startsWith('无') && a === '无' ? 'met' : 'unmet';
  if (UNMET_RE.test(a) || negatesTarget(t, a)) return 'unmet';
  if (PARTIAL_RE.test(a)) return 'partial';
  if (MET_RE.test(a) || (t !== '' && a.includes(t))) return 'met';
  return null;
}

export function qualitativeBand(
  tier: QualitativeTier,
  weight: Decimal,
  profile: RuleProfile,
): { min: Decimal; max: Decimal; maxInclusive: boolean } {
  const band = profile.qualitativeBands[tier];
  return {
    min: weight.times(new D(String(band.min))),
    max: weight.times(new D(String(band.max))),
    // Only 达成 may reach the top of its band; the others are half-open [min, max).
    maxInclusive: tier === 'met',
  };
}

// ---------------------------------------------------------------- numeric rules (RULES §3)

const UNIT_SYNONYMS: Record<string, string> = {
  日: '天', 公里: 'km', 千米: 'km', 公斤: 'kg', 千克: 'kg', m2: 'm²', 平方米: 'm²', 工作日: '个工作日',
};
const canonicalUnit = (u: string): string => own(UNIT_SYNONYMS, u) ?? u;

function positiveScore(t: Decimal, a: Decimal, w: Decimal): Decimal {
  const a0 = a.isNeg() ? ZERO : a; // a < 0 counts as 0
  if (gte(a0, t) || lte(t, ZERO)) return w;
  return w.times(a0).div(t);
}

function reverseScore(t: Decimal, a: Decimal, w: Decimal, method: RuleProfile['reverse']): Decimal {
  if (lte(a, t)) return w;
  if (lte(t, ZERO)) return ZERO; // t = 0 (or below): anything above it scores nothing
  if (method === 'ratio') return w.times(t).div(a);
  const twoT = t.times(2);
  if (gte(a, twoT)) return ZERO;
  return w.times(twoT.minus(a)).div(t); // = w × (1 − (a − t) / t)
}

function exactScore(t: Decimal, a: Decimal, w: Decimal): Decimal {
  if (t.isZero()) return a.isZero() ? w : ZERO;
  const off = a.minus(t).abs().div(t.abs());
  return gte(off, ONE) ? ZERO : w.times(ONE.minus(off));
}

/** The rule score before clamping, for one actual number. */
function ruleScore(kind: Direction | 'range', lo: Decimal, hi: Decimal, a: Decimal, w: Decimal, profile: RuleProfile): Decimal {
  switch (kind) {
    case 'positive':
      return positiveScore(lo, a, w);
    case 'reverse':
      return reverseScore(hi, a, w, profile.reverse);
    case 'exact':
      return exactScore(lo.plus(hi).div(2), a, w);
    case 'range':
      if (lt(a, lo)) return positiveScore(lo, a, w);
      if (gt(a, hi)) return reverseScore(hi, a, w, profile.reverse);
      return w;
  }
}

/** Half-up to 2 dp but never above the weight (a weight like 0.005 would otherwise round up past itself). */
function finalScore(s: Decimal, w: Decimal): Decimal {
  if (s.isNeg() || s.isZero()) return ZERO;
  // Full marks with an ordinary weight (≤ 2 decimals) need no rounding: the common case.
  if (gte(s, w)) {
    if (w.decimalPlaces() <= 2) return w;
    s = w;
  }
  const clamped = s;
  const r = round2(clamped);
  return gt(r, w) ? clamped.toDecimalPlaces(2, D.ROUND_DOWN) : r;
}

function show(d: Decimal, percent: boolean, unit: string): string {
  if (percent) {
    const pct = d.times(HUNDRED);
    return (pct.decimalPlaces() > 4 ? pct.toDecimalPlaces(4) : pct).toString() + '%';
  }
  return (d.decimalPlaces() > 6 ? d.toDecimalPlaces(6) : d).toString() + unit;
}

function kindFromOperator(p: ParsedValue): Direction {
  return p.operator === 'atMost' ? 'reverse' : p.operator === 'exactly' ? 'exact' : 'positive';
}

function hasNumber(p: ParsedValue): boolean {
  return p.kind === 'number' || p.kind === 'range';
}

function noteIssue(on: 'target' | 'actual', p: ParsedValue, locale: Locale): EvalIssue {
  const n = p.kind === 'number' ? show(p.value as Decimal, p.percent, '') : `${show(p.low as Decimal, p.percent, '')}–${show(p.high as Decimal, p.percent, '')}`;
  return {
    code: 'number-with-note', severity: 'info', on,
    message: engine.numberWithNote(on, p.text, n, p.note, locale),
  };
}

/** Issues that depend only on how one side is written (RULES §2). */
function writingIssues(target: ParsedValue, actual: ParsedValue, locale: Locale): EvalIssue[] {
  const issues: EvalIssue[] = [];
  if (target.note && hasNumber(target)) issues.push(noteIssue('target', target, locale));
  if (actual.note && hasNumber(actual)) issues.push(noteIssue('actual', actual, locale));
  if (hasNumber(actual) && actual.operator) {
    issues.push({
      code: 'actual-has-operator', severity: 'warning', on: 'actual',
      message: engine.actualHasOperator(actual.text, locale),
    });
  }
  return issues;
}

function result(kind: IndicatorKind, score: Decimal | null, issues: EvalIssue[], explanation: string,
  extra: Partial<Pick<IndicatorEvaluation, 'tier' | 'overTarget' | 'formula'>> = {}): IndicatorEvaluation {
  const out: IndicatorEvaluation = { kind, score, tier: extra.tier ?? null, overTarget: extra.overTarget ?? false, issues, explanation };
  if (extra.formula) out.formula = extra.formula;
  return out;
}

function unparseable(on: 'target' | 'actual', text: string, locale: Locale): EvalIssue {
  return { code: 'value-unparseable', severity: 'error', on, message: engine.unparseable(text, locale) };
}

function evaluateQualitative(target: ParsedValue, actual: ParsedValue, w: Decimal, profile: RuleProfile,
  issues: EvalIssue[], locale: Locale): IndicatorEvaluation {
  if (actual.kind === 'empty') return result('qualitative', null, issues, explainText.noActual(locale));
  let tier = qualitativeTierOf(target.text, actual.text);
  // A qualitative target answered with a rate: 100% (or more) means done.
  if (tier === null && actual.kind === 'number' && actual.percent && actual.value && gte(actual.value, ONE)) tier = 'met';
  if (tier === null && hasNumber(actual) && target.kind === 'qualitative') {
    issues.push({
      code: 'value-unparseable', severity: 'error', on: 'actual',
      message: engine.numberForQualitative(actual.text, target.text, locale),
    });
    return result('qualitative', null, issues, explainText.numberForQualitative(locale));
  }
  if (tier === null) {
    issues.push(unparseable('actual', actual.text, locale));
    return result('qualitative', null, issues, explainText.unreadable(actual.text, locale));
  }
  // A numeric target answered with a word (完成 against ≤30万元, 满意 against ≥90%): RULES §7 scores
  // the word as its tier, but the figure the target asks for is missing (as with "≥3", RULES §2).
  if (hasNumber(target) && actual.kind === 'qualitative') {
    issues.push({
      code: 'actual-not-numeric', severity: 'warning', on: 'actual',
      message: engine.actualNotNumeric(actual.text, target.text, tier, locale),
    });
  }
  const score = finalScore(w.times(decimalsOf(profile).qualitative[tier]), w);
  return result('qualitative', score, issues, explainText.qualitative(tier, locale), { tier });
}

// ---------------------------------------------------------------- deadlines (RULES §7)

const ON_TIME_RE = anyOf(onTimeTargetWords);

/** A month written as a bare number (7 for "7月") next to a month deadline. */
function monthOfNumber(p: ParsedValue): CalendarPoint | null {
  if (p.kind !== 'number' || p.percent || !p.value || !p.value.isInteger() || (p.unit !== '' && p.unit !== '月')) return null;
  const n = p.value.toNumber();
  return n >= 1 && n <= 12 ? { year: null, month: n, day: null, deadline: false } : null;
}

/**
 * A time target is an at-most target on the calendar: on or before it is met; after it is scored as
 * 反向 on the time elapsed since the start of the target's year. A time actual against an "on time"
 * target (按时 / 及时 …) says when it was done: met. Null when the pair is not a calendar one.
 */
function evaluateCalendar(target: ParsedValue, actual: ParsedValue, w: Decimal, profile: RuleProfile,
  issues: EvalIssue[], locale: Locale): IndicatorEvaluation | null {
  if (target.kind === 'time' && target.time) {
    if (actual.kind === 'empty') return result('reverse', null, issues, explainText.noActual(locale));
    const when = actual.kind === 'time' ? actual.time : target.time.day === null ? monthOfNumber(actual) : null;
    if (!when) return null; // 按时完成 / 已完成: the qualitative tiers decide
    const c = compareCalendar(target.time, when);
    if (c.onTime) return result('reverse', w, issues, explainText.met(locale));
    const score = finalScore(reverseScore(new D(c.targetElapsed), new D(c.actualElapsed), w, profile.reverse), w);
    return result('reverse', score, issues, explainText.late(calendarText(when), calendarText(target.time), locale));
  }
  if (actual.kind === 'time' && target.kind === 'qualitative' && ON_TIME_RE.test(normalise(target.text))) {
    return result('qualitative', finalScore(w.times(decimalsOf(profile).qualitative.met), w), issues, explainText.qualitative('met', locale), { tier: 'met' });
  }
  return null;
}

/**
 * Target bounds and actual bounds of two numeric values after percent/unit reconciliation
 * (RULES §2); null on a unit mismatch, with the issue pushed. Exported for api.ts deviation().
 */
export function reconcile(target: ParsedValue, actual: ParsedValue, issues: EvalIssue[], locale: Locale = 'zh-CN'):
  { tLo: Decimal; tHi: Decimal; aLo: Decimal; aHi: Decimal; percent: boolean; unit: string } | null {
  let tLo = (target.kind === 'range' ? target.low : target.value) as Decimal;
  let tHi = (target.kind === 'range' ? target.high : target.value) as Decimal;
  let aLo = (actual.kind === 'range' ? actual.low : actual.value) as Decimal;
  let aHi = (actual.kind === 'range' ? actual.high : actual.value) as Decimal;
  const tUnit = canonicalUnit(target.unit);
  const aUnit = canonicalUnit(actual.unit);
  const mismatch = (): null => {
    issues.push({
      code: 'unit-mismatch', severity: 'warning', on: 'actual',
      message: engine.unitMismatch(target.text, actual.text, locale),
    });
    return null;
  };
  if (target.percent !== actual.percent) {
    const bare = target.percent ? actual : target;
    const on = target.percent ? 'actual' : 'target';
    if (canonicalUnit(bare.unit)) return mismatch();
    const big = on === 'actual' ? gt(aHi, ONE) : gt(tHi, ONE);
    // A bare number above 1 next to a percent is a percent written without its sign ("95" for 95%).
    if (big) {
      if (on === 'actual') {
        aLo = aLo.times(CENT);
        aHi = aHi.times(CENT);
      } else {
        tLo = tLo.times(CENT);
        tHi = tHi.times(CENT);
      }
      issues.push({
        code: 'unit-mismatch', severity: 'info', on,
        message: engine.percentSignMissing(on, bare.text, locale),
      });
    }
  } else if (tUnit && aUnit && tUnit !== aUnit) {
    return mismatch();
  }
  return { tLo, tHi, aLo, aHi, percent: target.percent || actual.percent, unit: target.unit || actual.unit };
}

/**
 * RULES §3 for one indicator row. Never throws; what cannot be scored comes back with score null
 * and, where the rule book says so, an issue. `options.locale` 'en' gives English issue messages
 * and explanation (default zh-CN).
 */
export function evaluateIndicator(target: ParsedValue, actual: ParsedValue, weight: Decimal,
  profile: RuleProfile, direction?: Direction, options?: TextOptions): IndicatorEvaluation {
  return evaluateCore(target, actual, weight, profile, direction, true, options?.locale);
}

/**
 * evaluateIndicator with the explanation of numeric rows optional: PE.SCORE recalculates
 * thousands of cells and never shows it, and formatting the values is a third of the work.
 */
export function evaluateCore(target: ParsedValue, actual: ParsedValue, weight: Decimal,
  profile: RuleProfile, direction: Direction | undefined, explain: boolean, locale: Locale = 'zh-CN'): IndicatorEvaluation {
  const w = weight.isFinite() && gt(weight, ZERO) ? toD(weight) : ZERO;
  const issues = writingIssues(target, actual, locale);
  const actualEmpty = actual.kind === 'empty';

  if (target.kind === 'empty') return result('unknown', null, issues, explainText.noTarget(locale));
  if (target.kind === 'time' || actual.kind === 'time') {
    const calendar = evaluateCalendar(target, actual, w, profile, issues, locale);
    if (calendar) return calendar;
    // A time against a number or a description: compare the words.
    return evaluateQualitative(target, actual, w, profile, issues, locale);
  }
  if (target.kind === 'unmeasurable') {
    issues.push({
      code: 'target-not-measurable', severity: 'warning', on: 'target',
      message: engine.targetNotMeasurable(target.text, locale),
    });
    return result('unmeasurable', actualEmpty ? null : w, issues, actualEmpty ? explainText.noActual(locale) : explainText.unmeasurableMet(locale));
  }
  if (target.kind === 'qualitative' || actual.kind === 'qualitative' || actual.kind === 'unmeasurable') {
    return evaluateQualitative(target, actual, w, profile, issues, locale);
  }
  const kind: Direction | 'range' = direction ?? (target.kind === 'range' ? 'range' : kindFromOperator(target));
  if (actualEmpty) return result(kind, null, issues, explainText.noActual(locale));

  const r = reconcile(target, actual, issues, locale);
  if (!r) return result(kind, null, issues, explainText.unitMismatch(target.text, actual.text, locale));
  const { tLo, tHi, aLo, aHi, percent, unit } = r;
  // An actual range is scored at its worse end.
  const raw = eq(aLo, aHi)
    ? ruleScore(kind, tLo, tHi, aLo, w, profile)
    : minDec(ruleScore(kind, tLo, tHi, aLo, w, profile), ruleScore(kind, tLo, tHi, aHi, w, profile));
  const score = finalScore(raw, w);
  // With weight 0 every score is "full"; whether the target was met is then asked with weight 1.
  const full = w.isZero() ? gte(ruleScore(kind, tLo, tHi, aLo, ONE, profile), ONE) : gte(raw, w);
  // Below the target the actual cannot be over it: skip the multiplication.
  const overTarget = full && kind === 'positive' && gt(tLo, ZERO) && gte(aLo, tLo.times(decimalsOf(profile).overTarget));
  let explanation: string;
  let formula: string | undefined;
  if (overTarget) explanation = explainText.overTarget(locale);
  else if (full) explanation = explainText.met(locale);
  else if (!explain) explanation = '';
  else {
    // Only rows that lose marks spell the values out (saves formatting work on the common path).
    const A = eq(aLo, aHi) ? show(aLo, percent, unit) : `${show(aLo, percent, '')}–${show(aHi, percent, unit)}`;
    const T = eq(tLo, tHi) ? show(tLo, percent, unit) : `${show(tLo, percent, '')}–${show(tHi, percent, unit)}`;
    if (kind === 'reverse' || (kind === 'range' && gt(aHi, tHi))) explanation = explainText.above(A, T, locale);
    else if (kind === 'exact') explanation = explainText.exact(A, T, locale);
    else explanation = explainText.below(A, T, locale);
    // One actual value: the rule itself with its numbers (an actual range is scored at its worse end).
    if (eq(aLo, aHi)) {
      const W = w.toString();
      const S = score.toString();
      const at = (d: Decimal) => show(d, percent, unit);
      if (kind === 'positive' || (kind === 'range' && lt(aLo, tLo))) formula = explainText.positiveRule(W, at(aLo), at(tLo), S, locale);
      else if (kind === 'reverse' || kind === 'range') {
        const t = tHi; // reverseScore and a range above it both score against the upper end
        formula = profile.reverse === 'ratio' ? explainText.reverseRatioRule(W, at(t), at(aLo), S, locale) : explainText.reverseLinearRule(W, at(t), at(aLo), S, locale);
      } else if (kind === 'exact') formula = explainText.exactRule(W, at(aLo), at(tLo.plus(tHi).div(2)), S, locale);
    }
  }
  return result(kind, score, issues, explanation, { overTarget, formula });
}

/** RULES §4: rule score below weight, over-target, a qualitative tier other than 达成, or no actual. */
export function rowNeedsReason(ev: IndicatorEvaluation, weight: Decimal, actualMissing: boolean): boolean {
  if (actualMissing || ev.overTarget) return true;
  if (ev.tier !== null && ev.tier !== 'met') return true;
  return ev.score !== null && lt(ev.score, weight);
}
