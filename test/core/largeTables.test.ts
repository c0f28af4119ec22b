// A table far longer than any real one (200,000 indicator rows) is checked, not a stack overflow:
// lists of findings, rows and files are appended in loops, never spread into one call (issue 21).
import { appendAll } from '../../src/core/arrays';
import { checkWorkbook } from '../../src/core/check';
import { mof2020 } from '../../src/core/profile';
import type { SheetGrid } from '../../src/core/types';

jest.setTimeout(60000);

test('appendAll takes any length', () => {
  const big = new Array<number>(500_000).fill(1);
  expect(() => [].push(...(big as never[]))).toThrow(RangeError);
  expect(appendAll([0], big)).toHaveLength(500_001);
});

test('200,000 indicator rows: every row checked, nothing thrown', () => {
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const values: (string | number)[][] = [header];
  const n = 200_000;
  for (let i = 0; i < n; i++) values.push(['产出指标', '数量指标', `指标${i}`, 90, 95, 0.0005, 0.0005, '']);
  values.push(['总分', '', '', '', '', 100, 100, '']);
  const check = checkWorkbook([{ name: 'S', values, merges: [] } as SheetGrid], mof2020);
  expect(check.tables).toHaveLength(1);
  expect(check.tables[0].indicators).toHaveLength(n);
});
