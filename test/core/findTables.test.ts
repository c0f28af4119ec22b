import { checkWorkbook } from '../../src/core/check';
import { findTables } from '../../src/core/findTables';
import { mof2020 } from '../../src/core/profile';
import type { CellValue, SheetGrid } from '../../src/core/types';
import { standardTable } from '../helpers/grids';

/** Puts grids one under another on one sheet, `gap` blank rows apart. */
function stack(grids: SheetGrid[], gap = 2): SheetGrid {
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const merges: SheetGrid['merges'] = [];
  for (const g of grids) {
    const offset = values.length;
    g.values.forEach((r, i) => {
      values.push(r);
      numberFormats.push((g.numberFormats?.[i] ?? []) as string[]);
    });
    for (const m of g.merges) merges.push({ top: m.top + offset, bottom: m.bottom + offset, left: m.left, right: m.right });
    for (let i = 0; i < gap; i++) {
      values.push([]);
      numberFormats.push([]);
    }
  }
  return { name: '多表', values, numberFormats, merges };
}

describe('findTables', () => {
  it('finds every table on a sheet, one under another', () => {
    const sheet = stack([standardTable({ name: '项目甲' }), standardTable({ name: '项目乙' }), standardTable({ name: '项目丙' })]);
    const tables = findTables(sheet);
    expect(tables.map((t) => t.title)).toEqual(['项目甲', '项目乙', '项目丙']);
    expect(tables.map((t) => t.rows.length)).toEqual([9, 9, 9]);
    const check = checkWorkbook([sheet], mof2020);
    expect(check.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(check.tables[1].budget?.row).toBe(check.tables[0].budget!.row + 17);
  });

  it('a table without 总分 row stops where the next table starts', () => {
    const first = standardTable({ name: '甲' });
    first.values = first.values.slice(0, -1); // drop 总分
    first.merges = first.merges.filter((m) => m.top < first.values.length);
    const tables = findTables(stack([first, standardTable({ name: '乙' })], 1));
    expect(tables).toHaveLength(2);
    expect(tables[0].rows).toHaveLength(9);
    expect(tables[0].totalRow).toBeNull();
  });

  it('reads header synonyms, line breaks and spaces in titles', () => {
    const grid = standardTable();
    grid.values[4] = ['绩效指标', '一级指 标', '二级\n指标', '指标名称', '指标值', '实际值', '权重', '自评得分', '未完成原因'];
    const t = findTables(grid)[0];
    expect(t.columns).toEqual({ level1: 1, level2: 2, name: 3, target: 4, actual: 5, weight: 6, score: 7, reason: 8 });
    const grid2 = standardTable();
    grid2.values[4] = ['', '一级指标', '二级指标', '指标内容', '指标（目标）值', '全年实际值', '分值', '得分', '原因分析'];
    expect(findTables(grid2)[0].columns.target).toBe(4);
    expect(findTables(grid2)[0].columns.actual).toBe(5);
  });

  it('finds no table on a sheet without indicator headers', () => {
    const sheet: SheetGrid = { name: '说明', values: [['填表说明'], ['1. 本表金额单位为万元'], [null, '实际完成情况']], merges: [] };
    expect(findTables(sheet)).toEqual([]);
    expect(findTables({ name: '空', values: [], merges: [] })).toEqual([]);
  });

  it('copes with a table cut off mid-way', () => {
    const grid = standardTable();
    grid.values = grid.values.slice(0, 8);
    grid.merges = grid.merges.filter((m) => m.bottom < 8).concat([{ top: 5, left: 1, bottom: 7, right: 1 }]);
    const check = checkWorkbook([grid], mof2020);
    expect(check.tables).toHaveLength(1);
    expect(check.tables[0].indicators).toHaveLength(3);
    expect(check.tables[0].totals.entered).toBeNull();
    // the 50-point block now holds 30: reported, nothing crashes
    expect(check.findings.some((f) => f.code === 'weight-sum-mismatch')).toBe(true);
  });

  it('tells department tables from project tables', () => {
    const grid = standardTable();
    grid.values[0] = ['部门整体支出绩效自评表'];
    grid.values[1] = ['区级预算部门名称', '某某局'];
    const t = findTables(grid)[0];
    expect(t.kind).toBe('department');
    expect(t.title).toBe('某某局');
  });

  it('falls back to the heading when the name cell is blank', () => {
    const grid = standardTable();
    grid.values[0] = ['2022年度预算支出绩效自评表'];
    grid.values[1] = ['项目支出名称', null];
    expect(findTables(grid)[0].title).toBe('2022年度预算支出绩效自评表');
  });

  it('carries 一级/二级 labels through merged cells', () => {
    const t = findTables(standardTable())[0];
    expect(t.rows[4]).toMatchObject({ level1: '产出指标(50分)', level2: '成本指标' });
    expect(t.rows[6]).toMatchObject({ level1: '效益指标(30分)', level2: '社会效益指标' });
    expect(t.rows[6].level1Cell).toEqual({ row: 10, col: 1 });
  });
});

describe('一级 labels repeated on every row instead of merged', () => {
  it('forms one block per label, not one per row', () => {
    const grid = standardTable();
    grid.merges = grid.merges.filter((m) => m.left !== 1);
    let label: CellValue = null;
    for (let r = 5; r <= 13; r++) {
      if (grid.values[r][1] !== null) label = grid.values[r][1];
      else grid.values[r][1] = label;
    }
    const check = checkWorkbook([grid], mof2020);
    expect(check.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('more header variants', () => {
  it('uses a 指标方向 column for the scoring direction', () => {
    const grid = standardTable({ rows: [['产出指标(90分)', '数量指标', '办结天数', 30, 33, 90, 81, '流程调整']], total: [100, 90.5] });
    grid.values[4] = [...(grid.values[4] as CellValue[]), '指标方向'];
    (grid.values[5] as CellValue[])[9] = '反向';
    const t = findTables(grid)[0];
    expect(t.columns.direction).toBe(9);
    const check = checkWorkbook([grid], mof2020);
    expect(check.tables[0].indicators[0]).toMatchObject({ kind: 'reverse', score: 81 });
    expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('accepts 实际完成情况 as the actual column', () => {
    const grid = standardTable();
    (grid.values[4] as CellValue[])[5] = '实际完成情况';
    expect(findTables(grid)[0].columns.actual).toBe(5);
  });
});

describe('titles and budget titles written differently', () => {
  it('reads "项目名称：xxx" written in one cell', () => {
    const grid = standardTable();
    grid.values[1] = ['项目名称：农村公路养护'];
    const t = findTables(grid)[0];
    expect(t.title).toBe('农村公路养护');
    expect(t.kind).toBe('project');
  });
  it('tells 执行率得分 from 执行率', () => {
    const grid = standardTable();
    grid.values[2] = ['项目资金（万元）', null, '年初预算数（A）', '全年预算数（B）', '全年执行数（C）', '分值', '执行率（C/B）', '执行率得分'];
    const t = findTables(grid)[0];
    expect(t.budget?.cols).toEqual({ initial: 2, planned: 3, executed: 4, weight: 5, rate: 6, score: 7 });
  });
});
