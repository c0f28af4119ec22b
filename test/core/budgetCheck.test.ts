// The budget block's own module (budgetCheck.ts), and the label reading it shares (declaredWeight.ts).
import { budgetScored } from '../../src/core/budgetCheck';
import { checkWorkbook } from '../../src/core/check';
import { declaredWeight } from '../../src/core/declaredWeight';
import { findTables } from '../../src/core/findTables';
import { mof2020 } from '../../src/core/profile';
import { standardTable } from '../helpers/grids';

test('a budget block with 分值 and 得分 columns is scored; a table without one has no budget report', () => {
  const g = standardTable();
  expect(budgetScored(findTables(g)[0])).toBe(true);
  const none = { ...g, values: g.values.filter((_, r) => r !== 2 && r !== 3) };
  const t = findTables(none)[0];
  expect(budgetScored(t)).toBe(false);
  expect(checkWorkbook([none], mof2020).tables[0].budget).toBeNull();
});

test('the standard budget: rate, score and the report the checker writes', () => {
  expect(checkWorkbook([standardTable()], mof2020).tables[0].budget).toMatchObject({ planned: 100, executed: 95, rate: 0.95, weight: 10, score: 9.5 });
});

test('declaredWeight reads a label’s points, and nothing from a label without them', () => {
  expect(declaredWeight('产出指标(50分)')?.toNumber()).toBe(50);
  expect(declaredWeight('年度绩效目标1 (80分)')?.toNumber()).toBe(80);
  expect(declaredWeight('得分(20分*执行率)')?.toNumber()).toBe(20);
  expect(declaredWeight('产出指标')).toBeNull();
});
