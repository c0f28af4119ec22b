// RULES §3 budget execution: rate = 全年执行数 / 全年预算数, score = round2(w × min(rate, 1)).
import type Decimal from 'decimal.js';
import { ONE, ZERO, round2, toD } from './decimal';
import { PeInputError } from './errors';

/** Exact, unrounded ratio. Budget 0 or negative is an input error, never a division. */
export function executionRateExact(budget: Decimal, executed: Decimal): Decimal {
  if (!budget.isFinite() || budget.lte(0)) {
    throw new PeInputError('budget', `预算数必须大于 0：“${budget.toString()}”`, budget.toString());
  }
  if (!executed.isFinite()) {
    throw new PeInputError('invalid', `无法识别的数值：“${executed.toString()}”`, executed.toString());
  }
  return toD(executed).div(budget);
}

/** round2(w × min(rate, 1)); a negative rate (refunds exceeding spending) scores 0, not below. */
export function executionScoreExact(rate: Decimal, weight: Decimal): Decimal {
  const capped = rate.gt(ONE) ? ONE : rate.isNeg() ? ZERO : rate;
  return round2(toD(weight).times(capped));
}
