import { checkWorkbook } from '../../src/core/check';
import { gx130, mof2020 } from '../../src/core/profile';
import type { CellValue, Finding, SheetGrid } from '../../src/core/types';
import { FIRST_ROW, cellOf, cleanRows, standardTable, withRow } from '../helpers/grids';

function run(grid: SheetGrid | SheetGrid[], profile = mof2020) {
  return checkWorkbook(Array.isArray(grid) ? grid : [grid], profile);
}
const serious = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const codesAt = (fs: Finding[], cell: string) => fs.filter((f) => f.cell === cell).map((f) => f.code);
const has = (fs: Finding[], code: string, cell: string) => fs.some((f) => f.code === code && f.cell === cell);

describe('a clean table', () => {
  const result = run(standardTable({ grade: '优' }));
  it('produces no errors or warnings', () => {
    expect(serious(result.findings)).toEqual([]);
  });
  it('reports budget, indicators and totals', () => {
    const t = result.tables[0];
    expect(t.title).toBe('社区培训项目');
    expect(t.kind).toBe('project');
    expect(t.scorable).toBe(true);
    expect(t.budget).toMatchObject({ row: 4, planned: 100, executed: 95, rate: 0.95, score: 9.5, enteredScore: 9.5 });
    expect(t.indicators).toHaveLength(9);
    expect(t.indicators[0]).toMatchObject({ row: FIRST_ROW + 1, level1: '产出指标(50分)', level2: '数量指标', name: '培训人次', score: 10 });
    expect(t.indicators[1].level2).toBe('数量指标'); // carried down from the row above
    expect(t.totals).toEqual({ weight: 100, entered: 99.5, enteredSum: 99.5, computed: 99.5, grade: '优', unverifiedRows: [] });
    expect(t.range).toBe('A1:I16');
  });
});

describe('row findings', () => {
  it('score-mismatch on the 得分 cell with expected and found', () => {
    const r = run(standardTable({ rows: withRow(0, { actual: '800人次', score: 10, reason: '疫情影响' }), total: [100, 99.5] }));
    const f = r.findings.find((x) => x.code === 'score-mismatch')!;
    expect(f.cell).toBe(cellOf(0, 'score'));
    expect(f.expected).toBe(8);
    expect(f.found).toBe(10);
    expect(f.message).toContain('得分应为 8');
  });
  it('score-exceeds-weight', () => {
    const r = run(standardTable({ rows: withRow(1, { score: 12 }), total: [100, 101.5] }));
    expect(has(r.findings, 'score-exceeds-weight', cellOf(1, 'score'))).toBe(true);
  });
  it('reason-missing when below target, over target, partial tier or missing actual', () => {
    const below = run(standardTable({ rows: withRow(0, { actual: '800人次', score: 8 }), total: [100, 97.5] }));
    expect(has(below.findings, 'reason-missing', cellOf(0, 'reason'))).toBe(true);
    const over = run(standardTable({ rows: withRow(1, { actual: 30 }) }));
    expect(has(over.findings, 'over-target', cellOf(1, 'actual'))).toBe(true);
    expect(has(over.findings, 'reason-missing', cellOf(1, 'reason'))).toBe(true);
    const partial = run(standardTable({ rows: withRow(7, { actual: '基本健全', score: 7 }), total: [100, 96.5] }));
    expect(has(partial.findings, 'reason-missing', cellOf(7, 'reason'))).toBe(true);
    const missing = run(standardTable({ rows: withRow(1, { actual: null }) }));
    expect(has(missing.findings, 'actual-missing', cellOf(1, 'actual'))).toBe(true);
    // One problem, one error: actual-missing already asks for the reason (the row still needs one).
    expect(has(missing.findings, 'reason-missing', cellOf(1, 'reason'))).toBe(false);
    expect(missing.tables[0].indicators[1].needsReason).toBe(true);
  });
  it('a reason given clears reason-missing', () => {
    const r = run(standardTable({ rows: withRow(0, { actual: '800人次', score: 8, reason: '受疫情影响，培训延期' }), total: [100, 97.5] }));
    expect(serious(r.findings)).toEqual([]);
  });
  it('allows a manual 调减 on an over-achieved row only with a reason', () => {
    const withReason = run(standardTable({ rows: withRow(1, { actual: 30, score: 9, reason: '目标设定偏低，已调减' }), total: [100, 98.5] }));
    expect(withReason.findings.filter((f) => f.code === 'score-mismatch')).toEqual([]);
    const noReason = run(standardTable({ rows: withRow(1, { actual: 30, score: 9 }), total: [100, 98.5] }));
    expect(has(noReason.findings, 'score-mismatch', cellOf(1, 'score'))).toBe(true);
  });
  it('over-target follows the profile threshold (gx130)', () => {
    const grid = standardTable({ rows: withRow(1, { actual: 25, reason: '说明' }) }); // 125 %
    expect(has(run(grid, mof2020).findings, 'over-target', cellOf(1, 'actual'))).toBe(true);
    expect(has(run(grid, gx130).findings, 'over-target', cellOf(1, 'actual'))).toBe(false);
  });
  it('score-out-of-band for a qualitative row', () => {
    const r = run(standardTable({ rows: withRow(7, { actual: '基本健全', score: 9, reason: '部分完成' }), total: [100, 98.5] }));
    expect(codesAt(r.findings, cellOf(7, 'score'))).toContain('score-out-of-band');
    const inBand = run(standardTable({ rows: withRow(7, { actual: '基本健全', score: 6.5, reason: '部分完成' }), total: [100, 96] }));
    expect(codesAt(inBand.findings, cellOf(7, 'score'))).toEqual([]);
  });
  it('target-missing, weight-missing, name-missing, zero-weight', () => {
    expect(has(run(standardTable({ rows: withRow(1, { target: null }) })).findings, 'target-missing', cellOf(1, 'target'))).toBe(true);
    expect(has(run(standardTable({ rows: withRow(1, { weight: null }) })).findings, 'weight-missing', cellOf(1, 'weight'))).toBe(true);
    expect(has(run(standardTable({ rows: withRow(1, { name: '' }) })).findings, 'name-missing', cellOf(1, 'name'))).toBe(true);
    expect(has(run(standardTable({ rows: withRow(1, { weight: 0, score: 0 }) })).findings, 'zero-weight', cellOf(1, 'weight'))).toBe(true);
  });
  it('value-unparseable quotes the text', () => {
    const r = run(standardTable({ rows: withRow(1, { actual: '详见附件' }) }));
    const f = r.findings.find((x) => x.code === 'value-unparseable')!;
    expect(f.cell).toBe(cellOf(1, 'actual'));
    expect(f.message).toContain('详见附件');
  });
  it('unit-mismatch, actual-has-operator, number-with-note, target-not-measurable', () => {
    expect(has(run(standardTable({ rows: withRow(0, { actual: '1020次' }) })).findings, 'unit-mismatch', cellOf(0, 'actual'))).toBe(true);
    expect(has(run(standardTable({ rows: withRow(1, { actual: '≥20' }) })).findings, 'actual-has-operator', cellOf(1, 'actual'))).toBe(true);
    expect(has(run(standardTable({ rows: withRow(1, { actual: '20（含新建3个）' }) })).findings, 'number-with-note', cellOf(1, 'actual'))).toBe(true);
    expect(has(run(standardTable({ rows: withRow(1, { target: '按实' }) })).findings, 'target-not-measurable', cellOf(1, 'target'))).toBe(true);
  });
  it('duplicate-indicator on the later row and category-mismatch on the name', () => {
    const rows = cleanRows();
    rows[2][2] = '培训人次';
    const r = run(standardTable({ rows }));
    expect(has(r.findings, 'duplicate-indicator', cellOf(2, 'name'))).toBe(true);
    expect(has(r.findings, 'duplicate-indicator', cellOf(0, 'name'))).toBe(false);
    const cat = run(standardTable({ rows: withRow(2, { name: '培训完成及时率' }) }));
    const f = cat.findings.find((x) => x.code === 'category-mismatch')!;
    expect(f).toMatchObject({ cell: cellOf(2, 'name'), severity: 'info', expected: '时效指标' });
  });
  it('columns-shifted: numbers in the reason column with blank 分值/得分', () => {
    const rows = cleanRows().map((r) => [r[0], r[1], r[2], r[3], r[4], null, null, 10] as typeof r);
    const r = run(standardTable({ rows, total: [100, null] }));
    const shifted = r.findings.filter((f) => f.code === 'columns-shifted');
    expect(shifted).toHaveLength(1);
    expect(shifted[0].cell).toBe(cellOf(0, 'reason'));
    expect(r.findings.filter((f) => ['weight-missing', 'score-mismatch', 'weight-sum-mismatch', 'weight-total-mismatch'].includes(f.code))).toEqual([]);
  });
  it('spacer rows and label-only rows get no findings', () => {
    const rows = cleanRows();
    rows.splice(5, 0, [null, '经济效益指标', '', null, null, null, null, null]);
    rows.splice(2, 0, [null, null, '', null, null, null, null, null]);
    const r = run(standardTable({ rows }));
    expect(serious(r.findings)).toEqual([]);
    expect(r.tables[0].indicators).toHaveLength(9);
  });
});

describe('budget findings', () => {
  const budgetRow = 4;
  it('execrate-mismatch: a long formula result within 0.0001 passes, a short figure must be the rate rounded as written', () => {
    const mismatch = (rate: CellValue, executed = 95) =>
      run(standardTable({ budget: [100, 100, executed, 10, rate, 9.5] })).findings.some((f) => f.code === 'execrate-mismatch');
    expect(mismatch(0.9500400001)).toBe(false); // > 4 decimals in percent: a formula's result
    expect(mismatch(0.95004)).toBe(true); // 95.004 % written, the rate is 95 %
    expect(mismatch('86%', 86.2)).toBe(false); // RULES §7: 86.2 % written as a whole percent
    expect(mismatch('86.2%', 86.2)).toBe(false);
    expect(mismatch('97.80%', 97.806)).toBe(true); // should read 97.81 %
    expect(mismatch('97.81%', 97.806)).toBe(false);
    expect(mismatch(0.9781, 97.806)).toBe(false);
    const r = run(standardTable({ budget: [100, 100, 95, 10, 0.9, 9.5] }));
    expect(has(r.findings, 'execrate-mismatch', `G${budgetRow}`)).toBe(true);
  });
  it('reads a plain 95 in the rate cell as 95 %', () => {
    const r = run(standardTable({ budget: [100, 100, 95, 10, 95, 9.5], formats: { '3,6': 'General' } }));
    expect(r.findings.some((f) => f.code === 'execrate-mismatch')).toBe(false);
  });
  it('execscore-mismatch on the budget 得分', () => {
    const r = run(standardTable({ budget: [100, 100, 95, 10, 0.95, 10], total: [100, 100] }));
    expect(has(r.findings, 'execscore-mismatch', `H${budgetRow}`)).toBe(true);
  });
  it('execrate-low and execrate-over', () => {
    const low = run(standardTable({ budget: [100, 100, 80, 10, 0.8, 8], total: [100, 98] }));
    expect(has(low.findings, 'execrate-low', `G${budgetRow}`)).toBe(true);
    const over = run(standardTable({ budget: [100, 100, 120, 10, 1.2, 10], total: [100, 100] }));
    expect(has(over.findings, 'execrate-over', `G${budgetRow}`)).toBe(true);
  });
  it('budget-missing: warning with 年初 used, error when both blank', () => {
    const warn = run(standardTable({ budget: [100, null, 95, 10, 0.95, 9.5] }));
    const f = warn.findings.find((x) => x.code === 'budget-missing')!;
    expect(f).toMatchObject({ severity: 'warning', cell: `D${budgetRow}` });
    expect(warn.tables[0].budget?.rate).toBe(0.95);
    const err = run(standardTable({ budget: [null, null, 95, 10, 0.95, 9.5] }));
    expect(err.findings.find((x) => x.code === 'budget-missing')).toMatchObject({ severity: 'error', cell: `D${budgetRow}` });
  });
  it('a zero budget is an error, never a division', () => {
    const r = run(standardTable({ budget: [0, 0, 95, 10, null, null] }));
    expect(r.tables[0].budget?.rate).toBeNull();
    expect(r.findings.some((f) => f.code === 'budget-missing' && f.severity === 'error')).toBe(true);
  });
  it('real example 6558.23 / 8268.91 → 7.93 with a note in the cell', () => {
    const r = run(standardTable({ budget: [3373.38, 8268.91, '6558.23（含公共专项2756.07）', 10, 0.7931, 7.93], total: [100, 97.43] }));
    expect(r.tables[0].budget).toMatchObject({ score: 7.93 });
    expect(has(r.findings, 'number-with-note', `E${budgetRow}`)).toBe(true);
    expect(has(r.findings, 'execrate-low', `G${budgetRow}`)).toBe(true);
  });
});

describe('table findings', () => {
  it('weight-sum-mismatch on the 一级指标 cell', () => {
    const r = run(standardTable({ rows: withRow(1, { weight: 5, score: 5 }), total: [100, 94.5] }));
    expect(has(r.findings, 'weight-sum-mismatch', `B${FIRST_ROW + 1}`)).toBe(true);
  });
  it('weight-total-mismatch against 100 and against the 总分 分值', () => {
    const r = run(standardTable({ total: [90, 99.5] }));
    expect(has(r.findings, 'weight-total-mismatch', `G${FIRST_ROW + 10}`)).toBe(true);
  });
  it('total-mismatch on the 总分 得分', () => {
    const r = run(standardTable({ total: [100, 98] }));
    const f = r.findings.find((x) => x.code === 'total-mismatch')!;
    expect(f).toMatchObject({ cell: `H${FIRST_ROW + 10}`, expected: 99.5, found: 98 });
  });
  it('grade-mismatch on the 评价等次 value', () => {
    const r = run(standardTable({ grade: '良' }));
    expect(r.findings.find((x) => x.code === 'grade-mismatch')).toMatchObject({ cell: `F${FIRST_ROW + 11}`, expected: '优' });
    expect(run(standardTable({ grade: '优秀' })).findings.some((f) => f.code === 'grade-mismatch')).toBe(false);
  });
  it('not-scorable for a table without 分值/得分', () => {
    const r = run(standardTable({ noScoreColumns: true }));
    expect(r.tables[0].scorable).toBe(false);
    expect(r.findings.find((f) => f.code === 'not-scorable')).toMatchObject({ severity: 'warning', cell: 'A5' });
    expect(r.findings.some((f) => f.code === 'score-mismatch')).toBe(false);
  });
});
