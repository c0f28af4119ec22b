// RULES §8 "weights written as percentages": a 权重 column of 20%, 10% … beside 得分 in points
// (20, 10 …) states points. Read as fractions, every row would score above its weight and the
// weights would add up to 1 — a cascade of false errors from one misread column.
import { D } from './decimal';
import type { Decimal } from './decimal';

export interface WeightRead {
  value: Decimal;
  /** Written with a % sign or shown through a percent format. */
  percent: boolean;
}

/**
 * The factor that turns the weights as read into points: 100 when they are percentages or
 * fractions of the whole, 1 otherwise. Percentages are points when, read as fractions, they and the
 * budget's points make up the whole (sum to 1) while the entered scores are clearly points (some
 * score above its own weight's fraction and the scores summing above 1). Fractions without a % sign
 * (0.2) need the same two facts. Anything less certain keeps the weights as written.
 */
export function weightScaleOf(weights: WeightRead[], scores: (Decimal | null)[], budgetPoints: Decimal, totalPoints: number): 1 | 100 {
  if (weights.length === 0) return 1;
  if (!weights.every((w) => w.value.gte(0) && w.value.lte(1))) return 1;
  const sum = weights.reduce((s, w) => s.plus(w.value), new D(0));
  const whole = new D(totalPoints).minus(budgetPoints).div(totalPoints);
  if (!sum.eq(1) && !sum.eq(whole)) return 1;
  const entered = scores.filter((s): s is Decimal => s !== null);
  const scoreSum = entered.reduce((s, v) => s.plus(v), new D(0));
  const pointsAbove = weights.some((w, i) => {
    const s = scores[i];
    return s != null && s.gt(w.value) && s.gt(1);
  });
  return pointsAbove && scoreSum.gt(1) ? 100 : 1;
}
