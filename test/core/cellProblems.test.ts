// Cells as they are (issue 11): Excel error values, formulas saved without a result, a blank 总分 and
// date-formatted money are said as such, never read as 0 or blank.
import { checkWorkbook } from '../../src/core/check';
import { mof2020 } from '../../src/core/profile';
import type { Finding, SheetGrid } from '../../src/core/types';
import { FIRST_ROW, cellOf, cleanRows, standardTable, withRow } from '../helpers/grids';

const run = (g: SheetGrid) => checkWorkbook([g], mof2020);
const codes = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => `${f.code}@${f.cell}`);

describe('error cells', () => {
  it('#DIV/0! in 得分 is an error value, not 0', () => {
    const r = run(standardTable({ rows: withRow(1, { score: '#DIV/0!' }), total: [100, 89.5] }));
    expect(codes(r.findings)).toContain(`cell-error@${cellOf(1, 'score')}`);
    expect(r.findings.find((f) => f.code === 'cell-error')!.message).toContain('#DIV/0!');
    expect(r.findings.some((f) => f.code === 'score-mismatch')).toBe(false);
    expect(r.tables[0].totals.unverifiedRows).toEqual([FIRST_ROW + 2]);
  });
  it('#REF! in 分值 is not a blank weight; #N/A in 实际完成值 is not a missing actual', () => {
    const rows = cleanRows();
    rows[0][5] = '#REF!';
    rows[2][4] = '#N/A';
    const r = run(standardTable({ rows }));
    const c = codes(r.findings);
    expect(c).toContain(`cell-error@${cellOf(0, 'weight')}`);
    expect(c).toContain(`cell-error@${cellOf(2, 'actual')}`);
    expect(c.some((x) => x.startsWith('weight-missing') || x.startsWith('actual-missing') || x.startsWith('value-unparseable'))).toBe(false);
  });
  it('an error in the budget 执行数 stops the rate, without a budget-missing', () => {
    const r = run(standardTable({ budget: [100, 100, '#VALUE!', 10, 0.95, 9.5] }));
    expect(codes(r.findings)).toEqual(['cell-error@E4']);
    expect(r.tables[0].budget!.rate).toBeNull();
  });
});

describe('formulas without a cached value', () => {
  it('say 未计算 and ask to recalculate', () => {
    const g = standardTable({ rows: withRow(3, { score: null }) });
    g.formulasWithoutValue = [[FIRST_ROW + 3, 7]];
    const r = run(g);
    const f = r.findings.find((x) => x.code === 'formula-not-calculated')!;
    expect(f.cell).toBe(cellOf(3, 'score'));
    expect(f.message).toContain('重新计算并保存');
    expect(r.findings.some((x) => x.code === 'score-mismatch')).toBe(false);
  });
});

describe('总分', () => {
  it('a blank 总分 gets total-missing with the sum', () => {
    const f = run(standardTable({ total: [100, null] })).findings.find((x) => x.code === 'total-missing')!;
    expect(f).toMatchObject({ severity: 'error', expected: 99.5, found: null });
  });
  it('an error in 总分 is a cell-error, not total-missing', () => {
    const c = codes(run(standardTable({ total: [100, '#NAME?'] })).findings);
    expect(c.some((x) => x.startsWith('cell-error@H'))).toBe(true);
    expect(c.some((x) => x.startsWith('total-missing') || x.startsWith('total-mismatch'))).toBe(false);
  });
});

describe('date-formatted money', () => {
  it('is refused as money', () => {
    const g = standardTable({ budget: [100, 100, 45260, 10, 0.95, 9.5], formats: { '3,4': 'yyyy/m/d' } });
    const r = run(g);
    const f = r.findings.find((x) => x.cell === 'E4')!;
    expect(f.code).toBe('value-unparseable');
    expect(f.message).toContain('日期格式');
    expect(r.tables[0].budget!.rate).toBeNull();
  });
});
