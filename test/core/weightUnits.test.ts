import { D } from '../../src/core/decimal';
import { weightScaleOf } from '../../src/core/weightUnits';

const pcts = (...v: number[]) => v.map((x) => ({ value: new D(x), percent: true }));
const nums = (...v: (number | null)[]) => v.map((x) => (x === null ? null : new D(x)));

describe('weightScaleOf (RULES §8 weights written as percentages)', () => {
  it('reads 20% / 10% beside scores in points as points', () => {
    expect(weightScaleOf(pcts(0.2, 0.2, 0.1, 0.5), nums(20, 18, 10, 50), new D(0), 100)).toBe(100);
  });
  it('counts the budget points in the whole', () => {
    expect(weightScaleOf(pcts(0.5, 0.3, 0.1), nums(50, 30, 8), new D(10), 100)).toBe(100);
  });
  it('reads bare fractions summing to 1 beside point scores as points', () => {
    const fractions = [0.6, 0.4].map((x) => ({ value: new D(x), percent: false }));
    expect(weightScaleOf(fractions, nums(55, 40), new D(0), 100)).toBe(100);
  });
  it('keeps weights whose fractions do not make up the whole', () => {
    expect(weightScaleOf(pcts(0.2, 0.2, 0.1), nums(20, 20, 10), new D(0), 100)).toBe(1);
  });
  it('keeps fractions when the scores are fractions too', () => {
    expect(weightScaleOf(pcts(0.5, 0.5), nums(0.5, 0.4), new D(0), 100)).toBe(1);
  });
  it('keeps ordinary point weights', () => {
    expect(weightScaleOf(pcts(20, 30, 50), nums(20, 30, 50), new D(0), 100)).toBe(1);
    expect(weightScaleOf([], [], new D(0), 100)).toBe(1);
  });
  it('keeps the weights when no score is entered', () => {
    expect(weightScaleOf(pcts(0.5, 0.5), nums(null, null), new D(0), 100)).toBe(1);
  });
});
