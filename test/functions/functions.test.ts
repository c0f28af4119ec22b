// The PE.* wrappers, with a stand-in for Excel's CustomFunctions global.
class FakeCfError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}
(globalThis as unknown as Record<string, unknown>).CustomFunctions = {
  Error: FakeCfError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  associate: () => undefined,
};

import { deviationOf, execRate, execScore, gradeOf, needReason, score } from '../../src/functions/functions';
import { classifyError, guard, omitted, toExcelError, UNEXPECTED_MESSAGE } from '../../src/functions/errors';
import { PeInputError } from '../../src/core/errors';

function excelError(f: () => unknown): FakeCfError {
  try {
    f();
  } catch (e) {
    if (e instanceof FakeCfError) return e;
    throw new Error(`not a CustomFunctions.Error: ${String(e)}`);
  }
  throw new Error('no error thrown');
}

describe('PE custom functions', () => {
  it('EXECRATE and EXECSCORE on the real examples', () => {
    expect(execRate(8268.91, '6558.23（含公共专项2756.07）')).toBeCloseTo(0.793119, 6);
    expect(execScore(8268.91, 6558.23)).toBe(7.93);
    expect(execScore(2000, 1909.3)).toBe(9.55);
    expect(execScore(40, 30.1)).toBe(7.53);
    expect(execScore(40, 30.1, 20)).toBe(15.05);
    expect(execScore(40, 30.1, null)).toBe(7.53); // omitted optional argument
  });
  it('SCORE with and without a direction', () => {
    expect(score('≥90%', '70%', 5)).toBe(3.89);
    expect(score('≤30天', '33天', 5)).toBe(4.5);
    expect(score(30, 33, 5, '反向')).toBe(4.5);
    expect(score(30, 33, 5, 'reverse')).toBe(4.5);
    expect(score(30, 33, 5, '')).toBe(5);
    expect(score('建立', '未建立', 10)).toBe(3);
  });
  it('GRADE, DEVIATION, NEEDREASON', () => {
    expect(gradeOf(96.55)).toBe('优');
    expect(gradeOf(79.99)).toBe('中');
    expect(deviationOf(90, 70)).toBeCloseTo(-0.2222222, 6);
    expect(needReason(4, 6, 5)).toBe(true); // over-target
    expect(needReason(90, 90, 5)).toBe(false);
    expect(needReason(90, 90, 5, 4)).toBe(true); // a 调减 needs a reason
  });
  it('a blank actual is #N/A 实际完成值为空', () => {
    const e = excelError(() => score('≥90%', null, 5));
    expect(e.code).toBe('#N/A');
    expect(e.message).toBe('实际完成值为空');
    expect(excelError(() => score('≥90%', '', 5)).code).toBe('#N/A');
  });
  it('bad input is #VALUE! with a Chinese message naming the value', () => {
    const e = excelError(() => score('≥90%', 'abc%', 5));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message).toContain('abc');
    expect(excelError(() => execRate(0, 10)).code).toBe('#VALUE!');
    expect(excelError(() => score(90, 80, -1)).code).toBe('#VALUE!');
  });
  it('an unexpected error becomes a generic Chinese #VALUE!', () => {
    expect(classifyError(new TypeError('x'))).toEqual({ kind: 'invalidValue', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(classifyError(new PeInputError('empty', '实际完成值为空'))).toEqual({ kind: 'notAvailable', message: '实际完成值为空' });
  });
  it('a blank 实际完成值 as Excel passes it (null, "", spaces) is #N/A; NEEDREASON says TRUE instead', () => {
    for (const blank of [null, '', '  ']) {
      const e = excelError(() => score(90, blank, 5));
      expect([e.code, e.message]).toEqual(['#N/A', '实际完成值为空']);
      expect(excelError(() => deviationOf(90, blank)).code).toBe('#N/A');
      expect(needReason(90, blank, 5)).toBe(true);
    }
  });
  it('omitted optional arguments (null, undefined, "") take their defaults', () => {
    expect(execScore(40, 30.1, '')).toBe(7.53);
    expect(execScore(40, 30.1, undefined)).toBe(7.53);
    expect(score(30, 33, 5, null)).toBe(5);
    expect(needReason(90, 90, 5, '')).toBe(false);
    expect(needReason(90, 90, 5, null)).toBe(false);
  });
  it('every engine error code other than empty is #VALUE! with the Chinese message', () => {
    expect(excelError(() => score('≥90%', '85人', 5)).code).toBe('#VALUE!'); // unit
    expect(excelError(() => execRate(-5, 10)).code).toBe('#VALUE!'); // budget
    expect(excelError(() => score(90, 80, 'abc')).code).toBe('#VALUE!'); // weight
    expect(excelError(() => score(30, 33, 5, '斜向')).message).toContain('斜向'); // invalid direction
    expect(excelError(() => gradeOf('优秀')).code).toBe('#VALUE!');
  });
});

describe('the error mapping (pure, constructor passed in)', () => {
  class E {
    constructor(public code: number, public message?: string) {}
  }
  const excel = { ErrorClass: E, codes: { notAvailable: 7, invalidValue: 3 } };
  it('maps each PeInputError code', () => {
    expect(toExcelError(new PeInputError('empty', '实际完成值为空'), excel)).toEqual(new E(7, '实际完成值为空'));
    for (const code of ['invalid', 'unit', 'budget', 'weight'] as const) {
      expect(toExcelError(new PeInputError(code, '无法识别的数值：“x”'), excel)).toEqual(new E(3, '无法识别的数值：“x”'));
    }
    expect(toExcelError(new RangeError('boom'), excel)).toEqual(new E(3, UNEXPECTED_MESSAGE));
    expect(toExcelError('not even an Error', excel)).toEqual(new E(3, UNEXPECTED_MESSAGE));
  });
  it('guard passes results through and rethrows errors as the Excel error', () => {
    expect(guard(() => 42, excel)).toBe(42);
    expect(() =>
      guard(() => {
        throw new PeInputError('empty', '实际完成值为空');
      }, excel),
    ).toThrow(E as unknown as new () => Error);
  });
  it('omitted() treats null, undefined and blank text as omitted, keeps 0 and FALSE', () => {
    expect([null, undefined, '', ' '].map(omitted)).toEqual([undefined, undefined, undefined, undefined]);
    expect([0, false, '正向'].map(omitted)).toEqual([0, false, '正向']);
  });
});
