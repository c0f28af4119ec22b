// Issue 7 follow-ups: a word as the actual of a numeric target (actual-not-numeric) and the budget
// execution rate scored again as an indicator row (execution-counted-twice).
import { checkWorkbook } from '../../src/core/check';
import { D } from '../../src/core/decimal';
import { kindName } from '../../src/core/kinds';
import { mof2020 } from '../../src/core/profile';
import { evaluateIndicator } from '../../src/core/score';
import type { CellValue, Finding, SheetGrid } from '../../src/core/types';
import { parseValue } from '../../src/core/values';
import { cellOf, cleanRows, standardTable, withRow } from '../helpers/grids';

const ev = (t: CellValue, a: CellValue, w = 10) => evaluateIndicator(parseValue(t), parseValue(a), new D(w), mof2020);
const codes = (e: ReturnType<typeof ev>) => e.issues.map((i) => `${i.code}/${i.severity}/${i.on}`);
const run = (grid: SheetGrid, locale?: 'en') => checkWorkbook([grid], mof2020, locale ? { locale } : {});
const at = (fs: Finding[], cell: string) => fs.filter((f) => f.cell === cell).map((f) => f.code).sort();

describe('actual-not-numeric: a word as the actual of a numeric target', () => {
  test.each([
    ['≤30万元', '完成', 'met', '10'],
    ['≥95%', '达标', 'met', '10'],
    ['≥95%', '已完成', 'met', '10'],
    ['≥90%', '满意', 'met', '10'],
    ['100%', '达成预期指标', 'met', '10'],
    ['90%-100%', '完成', 'met', '10'],
    ['≥1000人次', '基本完成', 'partial', '7'],
    ['≥95%', '未完成', 'unmet', '3'],
  ])('%s answered %s: scored as its tier (%s), with a warning on the actual', (target, actual, tier, score) => {
    const e = ev(target, actual);
    expect(e.tier).toBe(tier);
    expect(e.score?.toString()).toBe(score);
    expect(codes(e)).toEqual(['actual-not-numeric/warning/actual']);
    expect(e.issues[0].message).toContain('实际完成值应填写实际数值');
    expect(e.issues[0].message).toContain(actual);
  });

  test.each([
    ['建立', '已建立'], // qualitative target
    ['9月前', '按时完成'], // deadline: the calendar rules decide
    ['年底前', '已完成'],
    ['按实', '完成'], // not measurable: target-not-measurable says it
    ['≥90%', '92%'], // a number
    ['≥90%', '完成95%'], // a number with words
    ['≥3', '≥3'], // actual-has-operator, not this
  ])('not for %s answered %s', (target, actual) => {
    expect(ev(target, actual).issues.map((i) => i.code)).not.toContain('actual-not-numeric');
  });

  test('an unreadable word is value-unparseable only', () => {
    expect(codes(ev('≥95%', '详见附件'))).toEqual(['value-unparseable/error/actual']);
  });

  test('in a table: one warning on the 实际完成值 cell, full marks, no reason asked', () => {
    const r = run(standardTable({ rows: withRow(4, { actual: '完成' }), grade: '优' }));
    const f = r.findings.filter((x) => x.code === 'actual-not-numeric');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: cellOf(4, 'actual'), severity: 'warning' });
    expect(f[0].message).toBe('实际完成值应填写实际数值（指标值“≤300元”为数值，“完成”已按达成计分）');
    expect(r.findings.filter((x) => x.severity !== 'info').map((x) => x.code)).toEqual(['actual-not-numeric']);
    expect(r.tables[0].indicators[4]).toMatchObject({ kind: 'qualitative', score: 10, needsReason: false });
    expect(r.tables[0].totals.computed).toBe(99.5);
  });

  test('满意 against ≥90% is the same gap', () => {
    const r = run(standardTable({ rows: withRow(8, { actual: '满意' }) }));
    expect(at(r.findings, cellOf(8, 'actual'))).toEqual(['actual-not-numeric']);
  });

  test('未完成 against a number: the reason is still required (tier), besides the warning', () => {
    const r = run(standardTable({ rows: withRow(2, { actual: '未完成', score: 3 }), total: [100, 92.5] }));
    expect(at(r.findings, cellOf(2, 'actual'))).toEqual(['actual-not-numeric']);
    expect(at(r.findings, cellOf(2, 'reason'))).toEqual(['reason-missing']);
  });

  test('English message', () => {
    const r = run(standardTable({ rows: withRow(4, { actual: '完成' }) }), 'en');
    expect(r.findings.find((x) => x.code === 'actual-not-numeric')!.message).toBe(
      'Target “≤300元” is a number but the actual value “完成” is a word; it was scored as achieved: enter the figure actually achieved');
  });
});

/** The standard table with a 预算执行率 row (weight w) in place of 人均培训成本. */
function withExecutionRow(name: string, w: number, budget?: CellValue[]): SheetGrid {
  const rows = cleanRows();
  rows[4] = [null, '成本指标', name, '≥90%', '95%', w, w, ''];
  return standardTable({ rows, budget, total: [100 + w - 10, 99.5 + w - 10] });
}

/** The budget block without its 分值 and 得分 columns (only money and the rate). */
function unscoredBudget(g: SheetGrid): SheetGrid {
  const values = g.values.map((r) => [...r]);
  for (const r of [2, 3]) {
    values[r][5] = null;
    values[r][7] = null;
  }
  return { ...g, values };
}

describe('execution-counted-twice: the budget rate scored again as an indicator', () => {
  test.each(['预算执行率', '项目资金执行率', '预算完成率', '预算执行率(%)', '指标1：预算执行率'])('%s beside a scored budget block: warning on its 分值', (name) => {
    const r = run(withExecutionRow(name, 10));
    const f = r.findings.filter((x) => x.code === 'execution-counted-twice');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: cellOf(4, 'weight'), severity: 'warning', expected: null, found: 10 });
    expect(f[0].message).toContain('预算执行率已在预算执行情况中计分（10 分）');
  });

  test('the message names the row and both weights', () => {
    const f = run(withExecutionRow('预算执行率', 20)).findings.find((x) => x.code === 'execution-counted-twice')!;
    expect(f.message).toBe('指标“预算执行率”计 20 分，而预算执行率已在预算执行情况中计分（10 分）：同一执行率在总分中计了两次，请删除此行或将其分值改为 0');
    const en = run(withExecutionRow('预算执行率', 20), 'en').findings.find((x) => x.code === 'execution-counted-twice')!;
    expect(en.message).toContain('Indicator “预算执行率” carries 20 points although the budget execution rate is already scored');
  });

  test.each(['政府采购执行率', '预算调整率', '资金拨付率', '预算执行率达到90%的措施'])('not for %s', (name) => {
    expect(run(withExecutionRow(name, 10)).findings.map((x) => x.code)).not.toContain('execution-counted-twice');
  });

  test('not when the budget block carries no score (the rate is an indicator by design)', () => {
    const r = run(unscoredBudget(withExecutionRow('预算执行率', 10)));
    expect(r.tables[0].budget).toMatchObject({ weight: 0, rate: 0.95 });
    expect(r.findings.map((x) => x.code)).not.toContain('execution-counted-twice');
  });

  test('not when the budget weight is 0', () => {
    const r = run(withExecutionRow('预算执行率', 10, [100, 100, 95, 0, 0.95, 0]));
    expect(r.findings.map((x) => x.code)).not.toContain('execution-counted-twice');
  });

  test('not on a row with weight 0 (zero-weight says it) or a blank weight (weight-missing)', () => {
    const zero = run(withExecutionRow('预算执行率', 0));
    expect(at(zero.findings, cellOf(4, 'weight'))).toEqual(['zero-weight']);
    const rows = cleanRows();
    rows[4] = [null, '成本指标', '预算执行率', '≥90%', '95%', null, null, ''];
    const blank = run(standardTable({ rows }));
    expect(at(blank.findings, cellOf(4, 'weight'))).toEqual(['weight-missing']);
  });

  test('has a kind name in both languages', () => {
    expect(kindName('execution-counted-twice')).toBe('预算执行率重复计分');
    expect(kindName('execution-counted-twice', 'en')).toBe('Budget execution scored twice');
    expect(kindName('actual-not-numeric')).toBe('实际完成值未填数值');
    expect(kindName('actual-not-numeric', 'en')).toBe('Actual value is not a number');
  });
});

/** The standard table with a label and a value written in its title row (row 2), right of the name. */
function withHeaderCells(g: SheetGrid, ...cells: CellValue[]): SheetGrid {
  const values = g.values.map((r) => [...r]);
  values[1] = [...values[1], null, ...cells];
  const numberFormats = g.numberFormats!.map((r) => [...r]);
  numberFormats[1] = values[1].map(() => 'General');
  return { ...g, values, numberFormats };
}

describe('a 自评总分 written in the header block is compared with the sum of scores', () => {
  test('agreeing: no finding', () => {
    const r = run(withHeaderCells(standardTable(), '自评总分(分)', 99.5));
    expect(r.findings.filter((x) => x.code === 'total-mismatch')).toEqual([]);
  });

  test('differing: total-mismatch on the number, with the label quoted', () => {
    const r = run(withHeaderCells(standardTable(), '自评得分', 98));
    const f = r.findings.filter((x) => x.code === 'total-mismatch');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ cell: 'E2', row: 2, severity: 'error', expected: 99.5, found: 98 });
    expect(f[0].message).toBe('表头“自评得分” 98 与各项得分合计 99.5（含预算执行率得分）不一致：请更正');
    const en = run(withHeaderCells(standardTable(), '自评得分', 98), 'en').findings.find((x) => x.code === 'total-mismatch')!;
    expect(en.message).toBe('The total “自评得分” 98 written above the table does not match the sum of the scores, 99.5 (including the execution-rate score): correct it');
  });

  test('as text with 分, and independently of the 总分 row', () => {
    const r = run(withHeaderCells(standardTable({ total: [100, 98] }), '综合得分', '99.5分'));
    expect(r.findings.filter((x) => x.code === 'total-mismatch').map((x) => x.cell)).toEqual(['H15']);
    const both = run(withHeaderCells(standardTable({ total: [100, 98] }), '综合得分', 97));
    expect(both.findings.filter((x) => x.code === 'total-mismatch').map((x) => x.cell)).toEqual(['E2', 'H15']);
  });

  test('not a number (a grade, a blank): nothing to compare', () => {
    expect(run(withHeaderCells(standardTable(), '自评得分', '优')).findings.filter((x) => x.code === 'total-mismatch')).toEqual([]);
    expect(run(withHeaderCells(standardTable(), '自评总分', null)).findings.filter((x) => x.code === 'total-mismatch')).toEqual([]);
  });

  test('the budget block’s own 自评得分 title is not a header total', () => {
    const g = standardTable();
    const values = g.values.map((r) => [...r]);
    values[2][7] = '自评得分';
    values[2][8] = 5; // a stray number right of the title
    const r = run({ ...g, values });
    expect(r.findings.filter((x) => x.code === 'total-mismatch')).toEqual([]);
  });
});

describe('a split target in a one-row header (指标性质 | 指标值 | 度量单位 side by side)', () => {
  const grid = (header: string[], row: CellValue[]): SheetGrid => ({
    name: '项目自评表',
    merges: [],
    values: [header, row, ['合计', null, null, null, null, null, null, null, 90, 90]],
  });
  const header = ['绩效指标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'];

  test('the three cells make the target: ≤ 30 万元 met by 25 (not 25 of at least 30)', () => {
    const r = run(grid(header, [null, '产出指标', '成本指标', '成本控制数', '≤', 30, '万元', 25, 90, 90]));
    expect(r.tables[0].indicators[0]).toMatchObject({ target: '≤30万元', kind: 'reverse', score: 90 });
    expect(r.findings.filter((x) => x.code === 'score-mismatch')).toEqual([]);
  });

  test('the word answer names the whole target', () => {
    const r = run(grid(header, [null, '产出指标', '成本指标', '成本控制数', '≤', 30, '万元', '完成', 90, 90]));
    expect(r.findings.find((x) => x.code === 'actual-not-numeric')!.message).toBe('实际完成值应填写实际数值（指标值“≤30万元”为数值，“完成”已按达成计分）');
  });

  test('not when the unit column does not stand right of the value (Chongqing: 计量单位 | 指标性质 | 年初指标值)', () => {
    const h = ['绩效指标', '指标名称', '计量单位', '指标性质', '年初指标值', '全年完成值', '指标权重', '指标得分'];
    const r = run({ name: '部门整体', merges: [], values: [h, [null, '固定资产利用率', '%', '定量指标', '90%', '100%', 2, 2]] });
    expect(r.tables[0].indicators[0]).toMatchObject({ target: '90%', score: 2 });
  });
});
