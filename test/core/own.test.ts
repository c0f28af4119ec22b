// Words people type that happen to name Object.prototype members are unknown words, never functions.
import { scoreIndicator } from '../../src/core/api';
import { PeInputError } from '../../src/core/errors';
import { readDirection } from '../../src/core/score';
import { getProfile } from '../../src/core/profile';
import { checkWorkbook } from '../../src/core/check';
import { mof2020 } from '../../src/core/profile';
import type { SheetGrid } from '../../src/core/types';

const WORDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

test.each(WORDS)('%s is not a direction, a profile or a unit', (w) => {
  expect(readDirection(w)).toBeUndefined();
  expect(getProfile(w)).toBeUndefined();
  let err: unknown;
  try {
    scoreIndicator('≥90%', '95%', 5, w);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PeInputError);
  expect((err as Error).message).toMatch(/[\u4e00-\u9fa5]/);
  // as a unit: a number with that "unit" on both sides is still read
  expect(() => scoreIndicator(`90${w}`, `95${w}`, 5)).not.toThrow(TypeError);
});

test('a 指标方向 column holding such a word does not stop the check of the file', () => {
  const header = ['一级指标', '二级指标', '三级指标', '指标方向', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const rows = WORDS.map((w, i) => ['产出指标', '数量指标', `指标${i}`, w, 90, 95, 10, 10, '']);
  const grid: SheetGrid = { name: 'S', values: [header, ...rows, ['总分', '', '', '', '', '', 50, 50, '']], merges: [] };
  const check = checkWorkbook([grid], mof2020);
  expect(check.tables).toHaveLength(1);
});

test('figures of 10^15 or more (9E+307, the text 1e309) are unreadable, never Infinity in a report', () => {
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const grid: SheetGrid = {
    name: 'S',
    values: [header, ['产出指标', '数量指标', 'a', 90, 95, 9e307, 9e307, ''], ['产出指标', '数量指标', 'b', 90, 95, '1e309', 5, ''], ['总分', '', '', '', '', 100, 100, '']],
    merges: [],
  };
  const check = checkWorkbook([grid], mof2020);
  const numbers = JSON.stringify(check, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? 'NON-FINITE' : v));
  expect(numbers).not.toContain('NON-FINITE');
  expect(check.findings.filter((f) => f.code === 'weight-missing').map((f) => f.message)).toEqual([
    '指标“a”的分值“9e+307”不是可用的数字：请填写分值',
    '指标“b”的分值“1e309”不是可用的数字：请填写分值',
  ]);
});

test('a score that is its 分值 at 2 decimals (a formula\'s 5.000000000000001) does not exceed it', () => {
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const grid: SheetGrid = { name: 'S', values: [header, ['产出指标', '数量指标', 'a', 90, 95, 5, 5.000000000000001, ''], ['总分', '', '', '', '', 5, 5, '']], merges: [] };
  expect(checkWorkbook([grid], mof2020).findings.map((f) => f.code)).not.toContain('score-exceeds-weight');
  const over: SheetGrid = { name: 'S', values: [header, ['产出指标', '数量指标', 'a', 90, 95, 5, 5.01, ''], ['总分', '', '', '', '', 5, 5.01, '']], merges: [] };
  expect(checkWorkbook([over], mof2020).findings.map((f) => f.code)).toContain('score-exceeds-weight');
});
