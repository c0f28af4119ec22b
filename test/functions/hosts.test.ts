// Issue 8: custom functions that never lie, with arguments as each host passes them.
// Excel on the web (and desktop builds with the office-js#4702 fix) passes a reference to an
// empty cell as null; older desktop builds pass 0 (https://github.com/OfficeDev/office-js/issues/4702,
// where the maintainers say the change was a bug fix with no requirement set to detect it).
class FakeCfError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
}
const cf: Record<string, unknown> = { Error: FakeCfError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' }, associate: () => undefined };
(globalThis as unknown as Record<string, unknown>).CustomFunctions = cf;

import { deviationOf, execRate, execScore, gradeOf, needReason, score } from '../../src/functions/functions';
import { PlainFunctionError } from '../../src/functions/errors';

function thrown(f: () => unknown): { code: string; message: string; ctor: string } {
  try {
    f();
  } catch (e) {
    const err = e as { code: string; message: string; constructor: { name: string } };
    return { code: err.code, message: err.message, ctor: err.constructor.name };
  }
  throw new Error('no error thrown');
}

const WEB_BLANK = null; // Excel on the web / current desktop: an empty referenced cell
const DESKTOP_BLANK = 0; // older Excel desktop builds: the same empty cell

describe('a blank 实际完成值 / 分值 as each host passes it', () => {
  it('web-style null: 实际完成值为空 (#N/A); 分值 blank is #VALUE!; EXECSCORE takes the default 10', () => {
    expect(thrown(() => score('≥90%', WEB_BLANK, 5))).toMatchObject({ code: '#N/A', message: '实际完成值为空' });
    expect(thrown(() => score('≥90%', '95%', WEB_BLANK)).code).toBe('#VALUE!');
    expect(execScore(2000, 1909.3, WEB_BLANK)).toBe(9.55);
    expect(needReason(90, WEB_BLANK, 5)).toBe(true);
  });

  it('desktop-style 0 for a blank 分值: #VALUE! "分值为 0 或为空", never a silent 0 score', () => {
    const e = thrown(() => score('≥90%', '95%', DESKTOP_BLANK));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe('分值为 0 或为空：请填写分值');
    expect(thrown(() => execScore(2000, 1909.3, DESKTOP_BLANK)).message).toContain('分值为 0 或为空');
    expect(thrown(() => needReason(90, 80, DESKTOP_BLANK)).code).toBe('#VALUE!');
  });

  it('desktop-style 0 for a blank 实际完成值 is the number 0 on every host (documented; 0 is a real value too)', () => {
    // "投诉次数 ≤ 2, actual 0" is a real, full-marks 0; a blank on an old desktop build cannot be told from it.
    expect(score('≤2次', DESKTOP_BLANK, 5)).toBe(5);
    expect(score('≥90%', DESKTOP_BLANK, 5)).toBe(0);
    expect(score('≥90%', DESKTOP_BLANK, 5)).toBe(score('≥90%', 0, 5));
  });
});

describe('arguments never taken as they are', () => {
  it('TRUE / FALSE are #VALUE! (never "达成", never full marks)', () => {
    for (const f of [() => score('建立', true, 10), () => score(true, '是', 10), () => execRate(true, 5), () => gradeOf(true), () => deviationOf(90, false), () => needReason(90, true, 5)]) {
      const e = thrown(f);
      expect(e.code).toBe('#VALUE!');
      expect(e.message).toMatch(/不能是逻辑值 (TRUE|FALSE)/);
    }
    expect(thrown(() => score(90, 80, 5, true)).message).toContain('方向不能是逻辑值');
  });

  it('a data type / entity object is #VALUE!', () => {
    const entity = { type: 'Entity', text: '95%', properties: {} } as unknown as string;
    expect(thrown(() => score('≥90%', entity, 5))).toMatchObject({ code: '#VALUE!', message: expect.stringContaining('数据类型') });
  });

  it('an error value from the referenced cell is #VALUE! naming it', () => {
    expect(thrown(() => score('≥90%', '#DIV/0!', 5))).toMatchObject({ code: '#VALUE!', message: '实际完成值是错误值 #DIV/0!：请先修正该单元格' });
    expect(thrown(() => execRate('#REF!', 5)).message).toContain('全年预算数是错误值 #REF!');
  });

  it('ordinary arguments still work', () => {
    expect(score('≥90%', '70%', 5)).toBe(3.89);
    expect(execScore(8268.91, 6558.23)).toBe(7.93);
    expect(gradeOf(96.55)).toBe('优');
  });
});

describe('CustomFunctionsRuntime 1.1 hosts (no CustomFunctions.Error / ErrorCode)', () => {
  const saved = { Error: cf.Error, ErrorCode: cf.ErrorCode };
  afterEach(() => Object.assign(cf, saved));

  it('a successful call never touches CustomFunctions.ErrorCode', () => {
    let touched = 0;
    Object.defineProperty(cf, 'ErrorCode', { configurable: true, get: () => (touched++, undefined) });
    expect(score('≥90%', '70%', 5)).toBe(3.89);
    expect(touched).toBe(0);
    Object.defineProperty(cf, 'ErrorCode', { configurable: true, writable: true, value: saved.ErrorCode });
  });

  it('an error without CustomFunctions.Error is a plain Error (Excel shows #VALUE!) with the Chinese message', () => {
    delete cf.Error;
    delete cf.ErrorCode;
    const e = thrown(() => score('≥90%', null, 5));
    expect(e.ctor).toBe(PlainFunctionError.name);
    expect(e).toMatchObject({ code: '#N/A', message: '实际完成值为空' });
  });
});
