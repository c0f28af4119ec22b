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
import { classifyError } from '../../src/functions/errors';
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
});
