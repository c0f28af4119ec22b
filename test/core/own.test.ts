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
