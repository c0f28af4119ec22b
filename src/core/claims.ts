// RULES §8 claim-contradicts-budget: an indicator that measures the money itself (预算执行率,
// 支付进度, 资金拨付率 …) claims an actual the budget block of the same table contradicts.
import { D } from './decimal';
import type { Decimal } from './decimal';
import { moneyIndicatorNames, normalizeLabel } from './headers';
import type { ParsedValue } from './values';

/** A claim more than one percentage point away from the computed rate is no rounding. */
const TOLERANCE = new D('0.01');

/** What a money indicator measures, by its name's ending (a trailing "(%)" dropped), or null. */
export function moneyMeasure(name: string): 'spent' | 'allocated' | null {
  const bare = normalizeLabel(name).replace(/\([^)]*\)$/, '').replace(/[“”"]/g, '');
  if (moneyIndicatorNames.spent.some((w) => bare.endsWith(w))) return 'spent';
  if (moneyIndicatorNames.allocated.some((w) => bare.endsWith(w))) return 'allocated';
  return null;
}

/** The claimed rate as a fraction: "100%" → 1; a bare 100 next to a rate name means 100 %. */
export function claimedRate(actual: ParsedValue): Decimal | null {
  if (actual.kind !== 'number' || !actual.value || actual.operator) return null;
  if (actual.percent) return actual.value;
  return actual.value.gt(1) && actual.value.lte(100) ? actual.value.div(100) : actual.value;
}

/**
 * Whether the claim contradicts the rate the budget block computes: a spending rate must agree
 * with it; an allocation rate (拨付, 到位) may run ahead of spending, so only a lower claim contradicts.
 */
export function claimContradicts(measure: 'spent' | 'allocated', claimed: Decimal, computed: Decimal): boolean {
  const gap = claimed.minus(computed);
  if (gap.abs().lte(TOLERANCE)) return false;
  return measure === 'spent' || gap.lt(0);
}
