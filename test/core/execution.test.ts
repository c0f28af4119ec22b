import { D } from '../../src/core/decimal';
import { round2 } from '../../src/core/decimal';
import { PeInputError } from '../../src/core/errors';
import { executionRateExact, executionScoreExact } from '../../src/core/execution';
import { gradeOf } from '../../src/core/grade';
import { mof2020 } from '../../src/core/profile';

const score = (budget: string, executed: string, w = '10') =>
  executionScoreExact(executionRateExact(new D(budget), new D(executed)), new D(w)).toString();

describe('budget execution (RULES §3)', () => {
  test('real examples, half-up not banker’s', () => {
    expect(score('8268.91', '6558.23')).toBe('7.93');
    expect(score('2000', '1909.3')).toBe('9.55');
    expect(score('40', '30.1')).toBe('7.53');
  });
  test('rate is exact and unrounded', () => {
    expect(executionRateExact(new D('2000'), new D('1909.3')).toString()).toBe('0.95465');
    expect(executionRateExact(new D('3'), new D('1')).toString()).toBe('0.3333333333333333333333333333333333333333');
  });
  test('rate above 1 is capped at full marks', () => {
    expect(score('100', '130')).toBe('10');
  });
  test('negative execution scores 0', () => {
    expect(score('100', '-5')).toBe('0');
  });
  test('budget 0 or negative throws PeInputError(budget)', () => {
    for (const b of ['0', '-1']) {
      expect(() => executionRateExact(new D(b), new D('5'))).toThrow(PeInputError);
      try {
        executionRateExact(new D(b), new D('5'));
      } catch (e) {
        expect((e as PeInputError).code).toBe('budget');
        expect((e as PeInputError).message).toContain(`“${b}”`);
      }
    }
  });
});

describe('round2', () => {
  test('half-up', () => {
    expect(round2(new D('9.5465')).toString()).toBe('9.55');
    expect(round2(new D('7.525')).toString()).toBe('7.53');
    expect(round2(new D('-7.525')).toString()).toBe('-7.53');
    expect(round2(new D('2.345')).toString()).toBe('2.35');
  });
});

describe('grade (RULES §3)', () => {
  test.each([
    ['100', '优'], ['90', '优'], ['89.99', '良'], ['80', '良'], ['79.99', '中'], ['60', '中'], ['59.99', '差'], ['0', '差'],
  ])('%s → %s', (total, g) => {
    expect(gradeOf(new D(total), mof2020)).toBe(g);
  });
  test('thresholds come from the profile', () => {
    expect(gradeOf(new D(85), { ...mof2020, grades: { excellent: 85, good: 75, pass: 60 } })).toBe('优');
  });
});
