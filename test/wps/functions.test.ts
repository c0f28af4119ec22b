// PE.* registered through a stand-in for wps.AddCustomFunction: six functions in namespace PE with
// the Chinese descriptions, and for every case the same answer — or the same Chinese error — as the
// Excel functions and the engine.
import { deviationOf, execRate, execScore, gradeOf, needReason, score } from '../../src/functions/functions';
import { NAMESPACE, registerWpsFunctions } from '../../src/wps/functions';

type Fn = (...args: unknown[]) => unknown;
const registered = new Map<string, { fn: Fn; meta: { description?: string; parameters: { name?: string; description?: string }[] } }>();
const root = {
  AddCustomFunction: (ns: string, name: string, fn: Fn, meta?: { description?: string; result: { type?: string }; parameters: { name?: string; description?: string }[] }) => {
    expect(ns).toBe(NAMESPACE);
    registered.set(name, { fn, meta: meta! });
  },
};

const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

// Inputs as people type them, blanks, and wrong ones (a value in a WPS call is what the cell holds).
const CASES: [string, Fn, unknown[]][] = [
  ['EXECRATE', execRate as Fn, [8268.91, '6558.23（含公共专项2756.07）']],
  ['EXECRATE', execRate as Fn, [0, 10]],
  ['EXECRATE', execRate as Fn, ['abc', 10]],
  ['EXECSCORE', execScore as Fn, [2000, 1909.3]],
  ['EXECSCORE', execScore as Fn, [40, 30.1, 20]],
  ['EXECSCORE', execScore as Fn, [40, 30.1, undefined]],
  ['EXECSCORE', execScore as Fn, [40, 30.1, 0]],
  ['SCORE', score as Fn, ['≥90%', '70%', 5]],
  ['SCORE', score as Fn, ['≤30天', '33天', 5]],
  ['SCORE', score as Fn, [30, 33, 5, '反向']],
  ['SCORE', score as Fn, ['建立', '未建立', 10]],
  ['SCORE', score as Fn, ['≥９０％', '８５％', 10]],
  ['SCORE', score as Fn, ['1,150人次', '1,200人次', 5]],
  ['SCORE', score as Fn, ['≥90%', undefined, 5]],
  ['SCORE', score as Fn, ['≥90%', 'abc%', 5]],
  ['SCORE', score as Fn, ['≥90%', '95%', 0]],
  ['SCORE', score as Fn, ['≥90%', '95%', true]],
  ['SCORE', score as Fn, ['30万元', '32人', 5]],
  ['GRADE', gradeOf as Fn, [96.55]],
  ['GRADE', gradeOf as Fn, [79.99]],
  ['GRADE', gradeOf as Fn, ['高']],
  ['DEVIATION', deviationOf as Fn, [90, 70]],
  ['DEVIATION', deviationOf as Fn, ['80-90', 85]],
  ['NEEDREASON', needReason as Fn, [4, 6, 5]],
  ['NEEDREASON', needReason as Fn, [90, 90, 5]],
  ['NEEDREASON', needReason as Fn, [90, 90, 5, 4]],
];

test('six functions, namespace PE, Chinese descriptions for each function and parameter', () => {
  expect(registerWpsFunctions(root)).toEqual(['EXECRATE', 'EXECSCORE', 'SCORE', 'GRADE', 'DEVIATION', 'NEEDREASON']);
  for (const { meta } of registered.values()) {
    expect(meta.description).toMatch(/[\u4e00-\u9fa5]/);
    for (const p of meta.parameters) expect(p.description).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(registered.get('SCORE')!.meta.parameters.map((p) => p.name)).toEqual(['年度指标值', '实际完成值', '分值', '方向']);
});

test.each(CASES.map((c, i) => [i, ...c] as const))('case %i %s: the same answer or error as in Excel', (_i, name, excel, args) => {
  if (registered.size === 0) registerWpsFunctions(root);
  const wps = outcome(() => registered.get(name)!.fn(...args));
  const reference = outcome(() => excel(...args.map((a) => (a === undefined ? null : a))));
  expect(wps).toEqual(reference);
  if ('error' in wps) expect(wps.error).toMatch(/[\u4e00-\u9fa5]/);
});

test('a WPS without AddCustomFunction: nothing registered, nothing thrown', () => {
  expect(registerWpsFunctions({})).toBeNull();
});
