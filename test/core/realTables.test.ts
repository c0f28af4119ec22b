// RULES §7 "what real published tables add", one rule at a time on hand-built grids.
import { checkWorkbook } from '../../src/core/check';
import { mof2020 } from '../../src/core/profile';
import { scoreIndicator } from '../../src/core/api';
import { parseValue } from '../../src/core/values';
import type { CellValue, Finding, SheetGrid } from '../../src/core/types';
import { FIRST_ROW, cellOf, cleanRows, standardTable, type IndicatorRow } from '../helpers/grids';

const run = (g: SheetGrid | SheetGrid[]) => checkWorkbook(Array.isArray(g) ? g : [g], mof2020);
const serious = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');
const onRow = (fs: Finding[], sheetRow: number) => fs.filter((f) => f.row === sheetRow);

describe('template placeholder rows', () => {
  const placeholders: IndicatorRow[] = [
    [null, null, '指标1：', null, null, null, null, ''],
    [null, null, '指标2', null, null, null, null, ''],
    [null, null, '……', null, null, null, null, ''],
    [null, null, '…', null, null, null, null, ''],
    [null, null, '指标1：/', null, null, null, null, ''],
    [null, null, '指标3', '/', '/', '/', '/', '/'],
    [null, null, '', '—', '—', '-', '-', '无'],
  ];
  it.each(placeholders.map((p) => [p[2], p]))('%s gets no findings', (_name, row) => {
    const rows = cleanRows();
    rows.splice(5, 0, row as IndicatorRow);
    const r = run(standardTable({ rows }));
    expect(onRow(r.findings, FIRST_ROW + 5 + 1)).toEqual([]);
    expect(serious(r.findings)).toEqual([]);
    expect(r.tables[0].indicators).toHaveLength(9);
  });

  it('a numbered name is the indicator after the numbering, in messages too', () => {
    const rows = cleanRows();
    rows[0] = ['产出指标(50分)', '数量指标', '指标1：工程质量合格', '≥1000人次', '800人次', 10, 8, ''];
    rows[1] = [null, null, '指标2工程资金金额', 20, 20, 10, 10, ''];
    const r = run(standardTable({ rows, total: [100, 97.5] }));
    expect(r.tables[0].indicators.slice(0, 2).map((i) => i.name)).toEqual(['工程质量合格', '工程资金金额']);
    const reason = r.findings.find((f) => f.code === 'reason-missing')!;
    expect(reason.message).toContain('指标“工程质量合格”');
  });
});

describe('generic outcome phrases', () => {
  it.each([
    ['达成预期指标', 10], ['达成预期目标', 10], ['达到预期', 10], ['已达成', 10], ['实现预期目标', 10], ['符合要求', 10],
    ['基本达成', 7], ['未达成预期', 3], ['未达到预期目标', 3],
  ])('%s', (actual, score) => {
    expect(scoreIndicator('严格执行相关制度规定', actual, 10)).toBe(score);
  });
  it('read as their tier in a table (no value-unparseable)', () => {
    const rows = cleanRows();
    rows[6] = [null, null, '制度建设', '严格执行相关制度规定', '达成预期指标', 10, 10, ''];
    expect(serious(run(standardTable({ rows })).findings)).toEqual([]);
  });
});

describe('deadlines', () => {
  it.each([
    ['9月前', '7月', 5], ['9月前', '9月', 5], ['9月前', '10月', 4.44], ['11月底前', '10月', 5], ['年底前', '12月', 5],
    ['2023年底前', '2024年1月', 4.58], ['2023年12月31日前', '2023年11月30日', 5], ['2023年12月31日前', '2023年12月', 5],
    ['2023年6月30日前', '2023年7月15日', 4.59], ['上半年', '5月', 5], ['第三季度末前', '8月', 5], ['9月前', 7, 5],
    ['按时', '按时完成', 5], ['按时', '已完成', 5], ['按时', '2023年10月', 5], ['在项目计划完成时间内完成', '达成预期指标', 5],
    ['9月前', '未按时完成', 1.5],
  ] as [string, CellValue, number][])('%s met by %s → %s', (target, actual, score) => {
    expect(scoreIndicator(target, actual, 5)).toBe(score);
  });
  it('2023年12月 is a month, not 2023 with a note', () => {
    const p = parseValue('2023年12月');
    expect(p.kind).toBe('time');
    expect(p.time).toEqual({ year: 2023, month: 12, day: null, deadline: false });
    expect(parseValue('12个月').kind).toBe('number');
  });
  it('a date-formatted cell is a date', () => {
    const p = parseValue(45260, 'yyyy-mm-dd');
    expect(p.kind).toBe('time');
    expect(p.time).toMatchObject({ year: 2023, month: 11, day: 30 });
    expect(p.text).toBe('2023年11月30日');
    const rows = cleanRows();
    rows[3] = [null, '时效指标', '项目完工时间', '2023年12月31日前', 45260, 10, 10, ''];
    const g = standardTable({ rows, formats: { [`${FIRST_ROW + 3},5`]: 'yyyy"年"m"月"d"日"' } });
    expect(serious(run(g).findings)).toEqual([]);
  });
  it('a late date gets a reason-missing and the 反向 score', () => {
    const rows = cleanRows();
    rows[3] = [null, '时效指标', '项目完工时间', '9月前', '10月', 10, 10, ''];
    const r = run(standardTable({ rows, total: [100, 99.5] }));
    const mismatch = r.findings.find((f) => f.code === 'score-mismatch')!;
    expect(mismatch.cell).toBe(cellOf(3, 'score'));
    expect(mismatch.expected).toBe(8.89);
    expect(r.findings.some((f) => f.code === 'reason-missing' && f.cell === cellOf(3, 'reason'))).toBe(true);
  });
});

/** A Yunnan-style table: 年度指标值 over 指标性质 | 指标值 | 度量单位 on a second header row. */
function splitTable(rows: CellValue[][]): SheetGrid {
  const values: CellValue[][] = [
    ['项目支出绩效自评表'],
    ['项目名称', '营养改善'],
    ['项目资金(元)', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', null, 1000, 1000, 10, '100%', 10],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', null, null, '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    [null, null, null, null, '指标性质', '指标值', '度量单位'],
    ...rows,
  ];
  const merges = [{ top: 4, left: 4, bottom: 4, right: 6 }, ...[1, 2, 3, 7, 8, 9, 10].map((c) => ({ top: 4, left: c, bottom: 5, right: c }))];
  return { name: '项目自评表', values, merges };
}

describe('split target columns under a two-row header', () => {
  const rows: CellValue[][] = [
    [null, '产出指标', '数量指标', '学生受资助人数', '≧', 735, '人次', 735, 50, 50],
    [null, '效益指标', '社会效益指标', '政策知晓率', '═', 100, '%', '98%', 30, 29.4, '宣传覆盖不足'],
    [null, '满意度指标', '满意度', '学生满意度', '≦', 5, '%', '3%', 5, 5],
    [null, null, null, '家长满意度', '﹦', 100, '%', '100%', 5, 5],
    ['总分', null, null, null, null, null, null, null, 100, 99.4],
  ];
  const r = run(splitTable(rows));
  it('the second header row is no indicator, and the three cells make one target', () => {
    const t = r.tables[0];
    expect(t.indicators.map((i) => [i.row, i.target, i.kind, i.score])).toEqual([
      [7, '≧735人次', 'positive', 50],
      [8, '═100%', 'exact', 29.4],
      [9, '≦5%', 'reverse', 5],
      [10, '﹦100%', 'exact', 5],
    ]);
    expect(serious(r.findings)).toEqual([]);
  });
});

describe('other titles and budget blocks', () => {
  it('Sichuan: 总额 | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分, 完成值, 权重, 合计', () => {
    const g: SheetGrid = {
      name: '项目自评表',
      merges: [],
      values: [
        ['部门预算项目支出绩效自评表'],
        ['项目名称', '工资性支出'],
        ['年度预算数(万元)', null, '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'],
        [null, '总额', 238.93, 251.89, 251.89, '100.00%', 10, 10],
        [null, '其中:财政资金', 238.93, 251.89, 251.89, '100.00%', '/', '/'],
        [null, '单位资金', 0, 0, 0, '0.00%', '/', '/'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '完成值', '权重', '指标得分', '未完成原因和改进措施'],
        [null, '产出指标', '数量指标', '发放覆盖率', '=100%', '100%', 50, 50],
        [null, '效益指标', '社会效益指标', '足额保障率', '=100%', '100%', 30, 30],
        [null, '满意度指标', '满意度指标', '职工满意度', '≥90%', '95%', 10, 10],
        ['合计', null, null, null, null, null, 100, 100],
      ],
    };
    const r = run(g);
    expect(r.tables[0].budget).toMatchObject({ planned: 251.89, executed: 251.89, rate: 1, score: 10 });
    expect(r.tables[0].totals).toMatchObject({ weight: 100, entered: 100, computed: 100 });
    expect(serious(r.findings)).toEqual([]);
  });
  it('全年预算数(A) | 全年执行数(B) | 执行率(B/A), 分值 before 年度指标值, money as 150万 text', () => {
    const g: SheetGrid = {
      name: '自评表',
      merges: [],
      values: [
        ['绩效目标自评表'],
        ['资金情况(万元)', null, '全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'],
        [null, '年度资金总额:', '150万', '120万', 10, '80%', 8],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分', '未完成原因及拟采取的改进措施'],
        [null, '产出指标', '数量指标', '培训人次', 50, '≥100人次', '100人次', 50],
      ],
    };
    const r = run(g);
    expect(r.tables[0].budget).toMatchObject({ planned: 150, executed: 120, rate: 0.8, score: 8 });
    expect(r.tables[0].indicators[0]).toMatchObject({ weight: 50, score: 50, target: '≥100人次' });
  });
});

describe('★ core indicators with 其中 rows', () => {
  function starTable(star: CellValue[], parts: CellValue[][]): SheetGrid {
    const rows = cleanRows().slice(1);
    rows[0] = ['产出指标(50分)', '数量指标', '覆盖社区数', 20, 20, 10, 10, ''];
    const g = standardTable({ rows });
    // Insert the ★ row and its parts under the first block.
    g.values.splice(FIRST_ROW + 1, 0, [null, null, null, ...star], ...parts.map((p) => [null, null, null, ...p]));
    g.merges = g.merges.filter((m) => m.left !== 1);
    g.numberFormats = undefined;
    return g;
  }
  it('parts need no 分值 and are not indicators of their own', () => {
    const r = run(starTable(['★补助种植面积', '29.5亩', '29.5亩', 10, 10], [['其中桃树', '1.5亩', '1.5亩'], ['其中苹果', '28亩', '28亩']]));
    expect(serious(r.findings)).toEqual([]);
    expect(r.tables[0].indicators.map((i) => i.name)).not.toContain('其中桃树');
  });
  it('a ★ row with blank target and actual is decided by its parts', () => {
    const met = run(starTable(['★补助种植面积', null, null, 10, 10], [['其中桃树', '2亩', '2亩'], ['其中苹果', '28亩', '28亩']]));
    expect(serious(met.findings)).toEqual([]);
    const star = met.tables[0].indicators.find((i) => i.name === '★补助种植面积')!;
    expect(star.score).toBe(10);
    const half = run(starTable(['★补助种植面积', null, null, 10, 10], [['其中桃树', '2亩', '1亩'], ['其中苹果', '28亩', '28亩']]));
    expect(half.findings.find((f) => f.code === 'score-mismatch')).toMatchObject({ expected: 7.5, found: 10 });
  });
});

describe('budget breakdown', () => {
  const withParts = (total: CellValue[], parts: [string, ...CellValue[]][]): SheetGrid => {
    const g = standardTable({ budget: total });
    g.values.splice(4, 0, ...parts.map(([label, ...v]) => [null, label, ...v]));
    g.numberFormats = undefined;
    return g;
  };
  it('a total of 0 while the 其中 rows hold the money: flagged, and the rate comes from the rows', () => {
    const r = run(withParts([0, 0, 0, 10, 0, 0], [['其中:本年财政拨款', 100, 100, 95], ['上年结转资金'], ['其他资金']]));
    expect(r.findings.filter((f) => f.code === 'budget-breakdown-mismatch').map((f) => f.cell)).toEqual(['C4', 'D4', 'E4']);
    expect(r.tables[0].budget).toMatchObject({ planned: 100, executed: 95, score: 9.5 });
  });
  it('a total that differs from its rows, to 0.01', () => {
    const r = run(withParts([100, 100, 95, 10, 0.95, 9.5], [['其中:当年财政拨款', 60, 60, 55], ['上年结转资金', 40, 40, 39.99]]));
    expect(r.findings.filter((f) => f.code === 'budget-breakdown-mismatch').map((f) => [f.cell, f.expected, f.found])).toEqual([['E4', 94.99, 95]]);
  });
  it('rows that repeat the 分值/得分, dashes and 0 rows are fine', () => {
    const r = run(withParts([100, 100, 95, 10, 0.95, 9.5], [['其中:当年财政拨款', 100, 100, 95, 10, 0.95, 9.5], ['上年结转资金', 0, 0, 0], ['其他资金', '—', '—', '—']]));
    expect(serious(r.findings)).toEqual([]);
  });
  it('a blank budget 得分 beside a computable rate is execscore-mismatch with found null', () => {
    const f = run(standardTable({ budget: [100, 100, 95, 10, 0.95, null], total: [100, 90] })).findings.find((x) => x.code === 'execscore-mismatch')!;
    expect(f).toMatchObject({ cell: 'H4', expected: 9.5, found: null });
  });
});

describe('weight-off-standard', () => {
  it('a block weighted off the profile standard, and a budget 分值 of 100', () => {
    const rows = cleanRows();
    rows[0][0] = '产出指标(60分)';
    rows[0][5] = 20;
    rows[0][6] = 20;
    rows[5][5] = 0;
    rows[5][6] = 0;
    rows[5][0] = '效益指标(20分)';
    const r = run(standardTable({ rows }));
    expect(r.findings.filter((f) => f.code === 'weight-off-standard').map((f) => [f.cell, f.expected, f.found])).toEqual([
      [`B${FIRST_ROW + 1}`, 50, 60], [`B${FIRST_ROW + 6}`, 30, 20],
    ]);
    const budget = run(standardTable({ budget: [100, 100, 95, 100, 0.95, 95] })).findings.find((f) => f.code === 'weight-off-standard')!;
    expect(budget).toMatchObject({ cell: 'F4', severity: 'warning', expected: 10, found: 100 });
  });
});

describe('placeholder reasons', () => {
  it.each(['无', '/', '—', '-', '暂无', '不适用', '0'])('“%s” is not a reason', (reason) => {
    const rows = cleanRows();
    rows[0] = ['产出指标(50分)', '数量指标', '培训人次', '≥1000人次', '800人次', 10, 8, reason];
    const f = run(standardTable({ rows, total: [100, 97.5] })).findings.find((x) => x.code === 'reason-missing')!;
    expect(f.cell).toBe(cellOf(0, 'reason'));
    expect(f.message).toContain(`“${reason}”不是偏差原因`);
  });
});

describe('totals with rows that cannot be scored', () => {
  it('keep their entered score; the total is marked partly unverified', () => {
    const rows = cleanRows();
    rows[6] = [null, null, '制度建设', '建立', '详见附件', 10, 10, '见报告'];
    const t = run(standardTable({ rows })).tables[0];
    expect(t.totals.computed).toBe(99.5);
    expect(t.totals.grade).toBe('优');
    expect(t.totals.unverifiedRows).toEqual([FIRST_ROW + 6 + 1]);
  });
});

describe('table-not-recognized', () => {
  it('a sheet with indicator titles but no readable table says what was missing', () => {
    const g: SheetGrid = {
      name: '绩效表',
      merges: [],
      values: [['一级指标', '二级指标', '三级指标', '指标值', '分值', '得分'], ['产出指标', '数量指标', '培训人次', '100人次', 10, 10]],
    };
    const r = run(g);
    expect(r.tables).toHaveLength(0);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'table-not-recognized', severity: 'warning', cell: 'A1' });
    expect(r.findings[0].message).toContain('“实际完成值”');
  });
  it('a 评分标准 sheet says it is not checked yet', () => {
    const g: SheetGrid = { name: '评分', merges: [], values: [['评分标准'], ['一级指标', '二级指标', '分值', '评分标准'], ['产出指标', '数量', 10, '完成得满分']] };
    const f = run(g).findings;
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('暂不校验');
  });
  it('a sheet of notes gets nothing', () => {
    expect(run({ name: '说明', merges: [], values: [['1. 金额单位：万元'], ['2. 表头不得修改']] }).findings).toEqual([]);
  });
});

describe('layouts from other provinces (red-team tables)', () => {
  it('得分系数(%) is not the 得分 column; 年初指标值 / 调整指标值 are targets, the adjusted one wins', () => {
    const g: SheetGrid = {
      name: '部门整体',
      merges: [],
      values: [
        ['部门整体绩效自评表'],
        ['绩效指标', '指标名称', '计量单位', '指标性质', '年初指标值', '调整指标值', '全年完成值', '得分系数(%)', '指标权重(分)', '指标得分(分)'],
        [null, '党性教育培训次数', '次', '定量指标', '≥20次', '≥26次', '26次', '100%', 5, 5],
        [null, '基础信息完善率', '%', '定量指标', '100%', null, '100%', '100%', 5, 5],
        [null, '预算调整率', '%', '定量指标', '3%', null, '0%', '100%', 5, 5],
        [null, '结转结余率', '%', '定量指标', '2%', null, '1%', '100%', 5, 5],
      ],
    };
    const r = run(g);
    expect(r.tables[0].indicators.map((i) => [i.target, i.score, i.enteredScore, i.kind])).toEqual([
      ['≥26次', 5, 5, 'positive'], ['100%', 5, 5, 'positive'], ['3%', 5, 5, 'reverse'], ['2%', 5, 5, 'reverse'],
    ]);
    expect(r.findings.filter((f) => f.code === 'score-mismatch')).toEqual([]);
  });
  it('a budget block without 分值/得分 adds no weight; a label merged over header and value rows; 得分(20分*执行率)', () => {
    const noScore: SheetGrid = {
      name: '表', merges: [],
      values: [
        ['项目名称', '公用经费'],
        ['项目资金(万元)', '年度资金总额', '年初预算数', '调整预算数(A)', '全年执行数(B)', '执行率(B/A)'],
        [null, null, 64.8, 64.8, 64.8, '100%'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '参考分值', '得分'],
        [null, '产出指标', '数量', '学生人数', '≥500人', '520人', 50, 50],
        [null, '效益指标', '社会效益', '满意度', '≥90%', '95%', 50, 50],
        ['总分', null, null, null, null, null, 100, 100],
      ],
    };
    const a = run(noScore);
    expect(a.tables[0].budget).toMatchObject({ planned: 64.8, rate: 1, weight: 0, score: null });
    expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const twenty: SheetGrid = {
      name: '表', merges: [{ top: 1, left: 1, bottom: 2, right: 1 }],
      values: [
        ['项目名称', '服务贸易发展资金'],
        ['预算执行情况(万元)(20分)', '年度财政资金总额', '预算数(A)', '执行数(B)', '执行率(B/A)', '得分(20分*执行率)'],
        [null, null, 285.84, 285.84, '100%', 20],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        [null, '产出指标', '数量', '服务外包', 20000, 23333.56, 80, 80],
        ['总分', null, null, null, null, null, 100, 100],
      ],
    };
    const b = run(twenty);
    expect(b.tables[0].budget).toMatchObject({ weight: 20, score: 20, rate: 1 });
    // RULES §8: a weight the template prints in a title is its standard, not the department's choice.
    expect(b.findings.filter((f) => f.code === 'weight-off-standard' && f.cell === 'F3')).toEqual([]);
    // A 分值 the department typed is still compared with the profile's.
    const typed = { ...twenty, values: twenty.values.map((row) => [...row]) };
    typed.values[1][5] = '分值';
    typed.values[1][6] = '得分';
    typed.values[2][5] = 20;
    typed.values[2][6] = 20;
    const c = run(typed);
    expect(c.findings.find((f) => f.code === 'weight-off-standard' && f.cell === 'F3')).toMatchObject({ expected: 10, found: 20 });
  });
  it('a “—” target with a description as the actual is a judged row: no value-unparseable, counted unverified', () => {
    const rows = cleanRows();
    rows[6] = [null, null, '项目决策', '—', '目标明确、内容细化', 10, 9, ''];
    const r = run(standardTable({ rows, total: [100, 98.5] }));
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.tables[0].totals.unverifiedRows).toEqual([FIRST_ROW + 7]);
  });
  it('under a split target the 度量单位 is the actual’s unit too', () => {
    const r = run(splitTable([[null, '产出指标', '质量指标', '验收合格率', '﹦', 100, '%', 100, 10, 10]]));
    expect(r.findings.filter((f) => f.code === 'unit-mismatch')).toEqual([]);
    expect(r.tables[0].indicators[0]).toMatchObject({ actual: '100', score: 10 });
  });
  it('a 项目名称 is the title even below a 单位名称', () => {
    const g = standardTable();
    g.values.splice(1, 0, ['单位名称', '区商务局']);
    g.merges = g.merges.map((m) => ({ ...m, top: m.top + 1, bottom: m.bottom + 1 }));
    g.numberFormats = undefined;
    expect(run(g).tables[0].title).toBe('社区培训项目');
  });
  it('a scoring sheet (…得分表) says so', () => {
    const g: SheetGrid = { name: '得分表', merges: [], values: [['部门整体支出绩效评价得分表'], ['一级指标', '二级指标', '三级指标', '得分'], ['投入(20分)', '相关性(5分)', '职能', 5]] };
    expect(run(g).findings[0].message).toContain('得分表');
  });
});
