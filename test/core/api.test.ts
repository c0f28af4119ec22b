import {
  deviation, executionRate, executionScore, grade, needsReason, scoreIndicator, PeInputError,
} from '../../src/core/api';
import { gx130, mof2020, withOverrides } from '../../src/core/profile';

const thrown = (f: () => unknown): PeInputError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PeInputError);
    return e as PeInputError;
  }
  throw new Error('did not throw');
};

describe('scoreIndicator', () => {
  test('real examples', () => {
    expect(scoreIndicator('90%', '70%', 5)).toBe(3.89);
    expect(scoreIndicator('≤30天', '33天', 5)).toBe(4.5);
    expect(scoreIndicator(0.9, 0.8, 5)).toBe(4.44);
    expect(scoreIndicator(100, 70, 5)).toBe(3.5);
    expect(scoreIndicator('30人', '54人', 5)).toBe(5);
    expect(scoreIndicator('达标', '基本达标', 10)).toBe(7);
    expect(scoreIndicator('合格', '不合格', 10)).toBe(3);
    expect(scoreIndicator('建立', '未建立', 10)).toBe(3);
    expect(scoreIndicator('运转正常，无负面影响', '运转正常，无负面影响', 10)).toBe(10);
  });
  test('typed strings', () => {
    expect(scoreIndicator('≥９０％', '81%', 10)).toBe(9);
    expect(scoreIndicator('1,150人次', '1,035人次', 10)).toBe(9);
    expect(scoreIndicator('6558.23（含公共专项2756.07）', 6558.23, 10)).toBe(10);
    expect(scoreIndicator('按实', '按实', 5)).toBe(5);
    expect(scoreIndicator('90%-100%', '81%', 10)).toBe(9);
  });
  test('direction in English or Chinese overrides the operator', () => {
    expect(scoreIndicator(30, 33, 5, 'reverse')).toBe(4.5);
    expect(scoreIndicator(30, 33, 5, '反向')).toBe(4.5);
    expect(scoreIndicator('≤30', 15, 5, '正向')).toBe(2.5);
    expect(scoreIndicator('≥100', 90, 10, '等于')).toBe(9);
    expect(scoreIndicator('≥100', 90, 10, 'exact')).toBe(9);
    expect(scoreIndicator(100, 90, 10, '')).toBe(9);
    expect(thrown(() => scoreIndicator(1, 1, 1, '向上')).message).toContain('“向上”');
  });
  test('profile parameter', () => {
    const ratio = withOverrides(mof2020, { reverse: 'ratio' });
    expect(scoreIndicator('≤30天', '33天', 5, undefined, ratio)).toBe(4.55);
    expect(scoreIndicator('100', '125', 5, undefined, gx130)).toBe(5);
  });
  test('bad input names the value', () => {
    const e = thrown(() => scoreIndicator('90%', 'abc', 5));
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('无法识别的数值：“abc”');
  });
  test('blank actual → code empty', () => {
    for (const blank of ['', null, undefined, '  ']) {
      const e = thrown(() => scoreIndicator('90%', blank, 5));
      expect(e.code).toBe('empty');
      expect(e.message).toBe('实际完成值为空');
    }
    expect(thrown(() => scoreIndicator('', 1, 5)).code).toBe('empty');
  });
  test('unit mismatch → code unit', () => {
    const e = thrown(() => scoreIndicator('30人', '5场', 5));
    expect(e.code).toBe('unit');
    expect(e.message).toContain('“30人”');
  });
  test('weight must be a non-negative number', () => {
    expect(thrown(() => scoreIndicator(1, 1, -1)).code).toBe('weight');
    expect(thrown(() => scoreIndicator(1, 1, 'abc')).code).toBe('weight');
    expect(thrown(() => scoreIndicator(1, 1, Number.NaN)).code).toBe('weight');
    expect(thrown(() => scoreIndicator(1, 1, null)).code).toBe('weight');
    expect(thrown(() => scoreIndicator(1, 1, true)).code).toBe('weight');
    expect(scoreIndicator(1, 1, 0)).toBe(0);
    expect(scoreIndicator(1, 1, '5')).toBe(5);
  });
  test('non-finite numbers are invalid', () => {
    expect(thrown(() => scoreIndicator(Infinity, 1, 5)).code).toBe('invalid');
  });
  test('a formula-looking string is text, never evaluated', () => {
    expect(thrown(() => scoreIndicator('=1+2', '3', 5)).message).toContain('“');
  });
});

describe('executionRate / executionScore', () => {
  test('real examples', () => {
    expect(executionScore(8268.91, 6558.23)).toBe(7.93);
    expect(executionScore(2000, 1909.3)).toBe(9.55);
    expect(executionScore(40, 30.1)).toBe(7.53);
    expect(executionScore('8268.91', '6558.23（含公共专项2756.07）')).toBe(7.93);
    expect(executionScore(40, 30.1, 20)).toBe(15.05);
    expect(executionScore(40, 30.1, undefined, { ...mof2020, executionWeight: 20 })).toBe(15.05);
  });
  test('exact rate', () => {
    expect(executionRate(2000, 1909.3)).toBe(0.95465);
    expect(executionRate('8268.91', '6558.23（含公共专项2756.07）')).toBeCloseTo(0.793119, 6);
  });
  test('budget ≤ 0 → code budget', () => {
    expect(thrown(() => executionRate(0, 5)).code).toBe('budget');
    expect(thrown(() => executionScore(-3, 5)).code).toBe('budget');
  });
  test('blank or text', () => {
    expect(thrown(() => executionRate('', 5)).code).toBe('empty');
    expect(thrown(() => executionRate(5, null)).code).toBe('empty');
    expect(thrown(() => executionRate('abc', 5)).message).toBe('无法识别的数值：“abc”');
  });
});

describe('grade', () => {
  test('thresholds', () => {
    expect(grade(90)).toBe('优');
    expect(grade(89.99)).toBe('良');
    expect(grade('80')).toBe('良');
    expect(grade(60)).toBe('中');
    expect(grade(59.99)).toBe('差');
    expect(grade(85, { ...mof2020, grades: { excellent: 85, good: 75, pass: 60 } })).toBe('优');
    expect(thrown(() => grade('abc')).code).toBe('invalid');
  });
});

describe('deviation', () => {
  test('signed (a − t) / t', () => {
    expect(deviation(100, 70)).toBe(-0.3);
    expect(deviation('90%', '99%')).toBe(0.1);
    expect(deviation('≤30天', '33天')).toBe(0.1);
    expect(deviation('90%-100%', '95%')).toBe(0);
    expect(deviation('90%-100%', '110%')).toBe(0.1);
  });
  test('t = 0, text and units throw', () => {
    expect(thrown(() => deviation(0, 5)).code).toBe('invalid');
    expect(thrown(() => deviation('达标', '达标')).code).toBe('invalid');
    expect(thrown(() => deviation('30人', '5场')).code).toBe('unit');
  });
});

describe('needsReason (RULES §4)', () => {
  test('rule score below weight', () => {
    expect(needsReason('90%', '70%', 5)).toBe(true);
    expect(needsReason('90%', '95%', 5)).toBe(false);
  });
  test('over-target', () => {
    expect(needsReason('30人', '54人', 5)).toBe(true);
  });
  test('qualitative tiers', () => {
    expect(needsReason('达标', '基本达标', 5)).toBe(true);
    expect(needsReason('达标', '达标', 5)).toBe(false);
  });
  test('actual missing', () => {
    expect(needsReason('90%', '', 5)).toBe(true);
    expect(needsReason('90%', null, 5)).toBe(true);
  });
  test('entered score below the rule score is a 调减 that needs a reason', () => {
    expect(needsReason('90%', '95%', 5, 4)).toBe(true);
    expect(needsReason('90%', '95%', 5, 5)).toBe(false);
    expect(needsReason('90%', '95%', 5, 4.999)).toBe(false);
    expect(needsReason('90%', '95%', 5, '')).toBe(false);
  });
  test('unreadable values throw', () => {
    expect(thrown(() => needsReason('90%', 'abc', 5)).message).toBe('无法识别的数值：“abc”');
  });
});
