// RULES §8, rule by rule, on hand-built grids: each test breaks or changes one thing the way a
// table we have not seen does, and asserts what a careful reviewer would say.
import { checkWorkbook } from '../../src/core/check';
import { findTables } from '../../src/core/findTables';
import { mof2020 } from '../../src/core/profile';
import type { CellValue, Finding, SheetGrid } from '../../src/core/types';
import { FIRST_ROW, cleanRows, standardTable, withRow } from '../helpers/grids';
import { withGoals } from './messageScenarios';

const run = (g: SheetGrid) => checkWorkbook([g], mof2020);
const codes = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

describe('weights written as percentages beside scores in points', () => {
  // The budget keeps its 10 points; the nine indicators write theirs as 10% each (90 % of the whole).
  const table = (score0: number) => {
    const rows = cleanRows().map((r) => {
      const row = [...r] as typeof r;
      row[5] = '10%';
      return row;
    });
    rows[0][6] = score0;
    return standardTable({ rows, total: [null, 89.5 + score0] });
  };
  it('10% read as 10 points: no score-exceeds-weight cascade, totals in points', () => {
    const r = run(table(10));
    expect(codes(r.findings, 'score-exceeds-weight')).toEqual([]);
    expect(codes(r.findings, 'score-mismatch')).toEqual([]);
    expect(codes(r.findings, 'weight-total-mismatch')).toEqual([]);
    expect(r.tables[0].totals).toMatchObject({ weight: 100, computed: 99.5 });
  });
  it('a real wrong score is still found under percentage weights', () => {
    expect(codes(run(table(12)).findings, 'score-exceeds-weight').map((f) => f.cell)).toEqual(['H6']);
  });
});

describe('weights declared in labels', () => {
  it('a budget weight printed in the title is the template’s: no weight-off-standard; a typed one is compared', () => {
    const g = standardTable({ budget: [100, 100, 95, 20, 0.95, 19] });
    g.values[2][5] = '分值';
    const typed = run(g);
    expect(codes(typed.findings, 'weight-off-standard').map((f) => f.cell)).toContain('F4');
  });
  it('a score-only table: the block label (80分) frames the rows’ scores, the 总分 is their sum', () => {
    const g: SheetGrid = {
      name: '表', merges: [],
      values: [
        ['项目名称', '试点项目'],
        ['预算执行情况(万元)(20分)', '年度财政资金总额', '预算数(A)', '执行数(B)', '执行率(B/A)', '得分(20分*执行率)'],
        [null, null, 100, 100, '100%', 20],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '年初目标值', '实际完成值', '得分'],
        [null, '年度绩效目标1 (30分)'],
        [null, '产出指标', '数量指标', '培训人次', 100, 100, 20],
        [null, null, '质量指标', '合格率', '100%', '100%', 15],
        ['总分', null, null, null, null, null, 50],
      ],
    };
    const r = run(g);
    const exceeds = codes(r.findings, 'score-exceeds-weight');
    expect(exceeds).toMatchObject([{ cell: 'B5', severity: 'error', expected: 30, found: 35 }]);
    expect(exceeds[0].message).toContain('年度绩效目标1');
    expect(codes(r.findings, 'total-mismatch')).toMatchObject([{ cell: 'G8', expected: 55, found: 50 }]);
    expect(codes(r.findings, 'weight-off-standard')).toEqual([]);
  });
  it('an 一级 block left at the template’s placeholders weighs 0 against its standard', () => {
    const rows = cleanRows();
    rows.splice(5, 3, ['效益指标', '社会效益指标', '指标1：', null, null, null, null, ''], [null, null, '指标2：', null, null, null, null, '']);
    const r = run(standardTable({ rows }));
    const off = codes(r.findings, 'weight-off-standard').find((f) => f.message.startsWith('效益指标'));
    expect(off).toMatchObject({ severity: 'warning', expected: 30, found: 0 });
    expect(codes(r.findings, 'weight-sum-mismatch').filter((f) => f.message.startsWith('效益'))).toEqual([]);
  });
});

describe('budget blocks in every form', () => {
  const withParts = (parts: [string, ...CellValue[]][], total: CellValue[]): SheetGrid => {
    const g = standardTable({ budget: total });
    g.values.splice(4, 0, ...parts.map(([label, ...v]) => [null, label, ...v]));
    return { ...g, numberFormats: undefined, merges: g.merges.map((m) => ({ ...m, top: m.top + parts.length, bottom: m.bottom + parts.length })) };
  };
  it('funding rows without 其中 (中央资金, 地方资金 …) add up to the total', () => {
    const ok = run(withParts([['中央资金', 60, 60, 57], ['地方资金', 40, 40, 38]], [100, 100, 95, 10, 0.95, 9.5]));
    expect(codes(ok.findings, 'budget-breakdown-mismatch')).toEqual([]);
    const bad = run(withParts([['中央资金', 60, 60, 57], ['市县配套资金', 30, 30, 38]], [100, 100, 95, 10, 0.95, 9.5]));
    expect(codes(bad.findings, 'budget-breakdown-mismatch').map((f) => f.cell)).toEqual(['C4', 'D4']);
  });
  it('a funding row that prints its own 执行率 is checked like the total; its own 得分 only against its own 分值', () => {
    const r = run(withParts([['其中：财政拨款', 60, 60, 60, '——', '100%', '——'], ['其他资金', 40, 40, 35, '——', 0, '——']], [100, 100, 95, 10, 0.95, 9.5]));
    const wrong = codes(r.findings, 'execrate-mismatch');
    expect(wrong).toMatchObject([{ cell: 'G6', severity: 'error' }]);
    expect(wrong[0].message).toContain('其他资金');
    expect(codes(r.findings, 'execscore-mismatch')).toEqual([]);
  });
  it('money as label:value pairs: the rate is computed from them, with its breakdown', () => {
    const g: SheetGrid = {
      name: '表', merges: [],
      values: [
        ['专项名称', '普惠金融发展专项资金'],
        ['资金情况(万元)', '年度金额(提前下达)：', '208万元', '资金使用情况(万元)', '合计：109.8万元'],
        [null, '中央财政', '165万元', '中央财政', '84.5万元'],
        [null, '省级财政', '43万元', '省级财政', '25.3万元'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '完成值', '权重', '得分'],
        [null, '产出指标', '数量指标', '发放额', '≥10', '12', 100, 100],
      ],
    };
    const r = run(g);
    expect(r.tables[0].budget).toMatchObject({ planned: 208, executed: 109.8 });
    expect(codes(r.findings, 'execrate-low').map((f) => f.cell)).toEqual(['E2']);
    expect(codes(r.findings, 'budget-breakdown-mismatch')).toEqual([]);
  });
  it('a budget block alone (the page cut after it) is still checked and named', () => {
    const g: SheetGrid = {
      name: '表', merges: [],
      values: [
        ['项目名称', '演出设备更新'],
        ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        [null, '年度资金总额', 30, 30, 24, 10, '90%', 8],
      ],
    };
    const r = run(g);
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0]).toMatchObject({ title: '演出设备更新', indicators: [] });
    expect(codes(r.findings, 'execrate-mismatch').map((f) => f.cell)).toEqual(['G3']);
    expect(codes(r.findings, 'execrate-low').map((f) => f.cell)).toEqual(['G3']);
    expect(codes(r.findings, 'not-scorable')).toEqual([]);
  });
  it('amounts a thousand times apart: one warning, no rate verdicts', () => {
    const r = run(standardTable({ budget: [100, 100, 950000, 10, 0.95, 9.5] }));
    expect(codes(r.findings, 'unit-mismatch').map((f) => f.cell)).toEqual(['E4']);
    expect(codes(r.findings, 'execrate-mismatch')).toEqual([]);
    expect(codes(r.findings, 'execrate-over')).toEqual([]);
  });
  it('全年执行 (without 数) is the spending column', () => {
    const g = standardTable();
    g.values[2][4] = '全年执行';
    expect(run(g).tables[0].budget).toMatchObject({ executed: 95, rate: 0.95 });
  });
});

describe('rows that are not indicators, and names that say lower is better', () => {
  it('得分合计 is a total row, never an unnamed indicator', () => {
    const g = standardTable();
    g.values[FIRST_ROW + 9][0] = '得分合计';
    const r = run(g);
    expect(codes(r.findings, 'name-missing')).toEqual([]);
    expect(r.tables[0].totals.entered).toBe(99.5);
  });
  it('a process row with 一 as the target and a sentence as the actual is judged, not read as numbers', () => {
    const r = run(standardTable({ rows: withRow(6, { name: '项目管理', target: '一', actual: '制度健全，管理规范' }) }));
    expect(codes(r.findings, 'value-unparseable')).toEqual([]);
    expect(errors(r.findings)).toEqual([]);
  });
  it('a 受害率 with no operator: where the two readings disagree and the score follows neither, no error', () => {
    const rows = withRow(1, { name: '林业有害生物受害率', target: 5, actual: 4, score: 7 });
    const r = run(standardTable({ rows, total: [100, 96.5] }));
    expect(codes(r.findings, 'score-mismatch')).toEqual([]);
    expect(codes(r.findings, 'reason-missing')).toEqual([]);
    // The entered score that follows one reading is accepted.
    const full = run(standardTable({ rows: withRow(1, { name: '林业有害生物受害率', target: 5, actual: 4, score: 10 }) }));
    expect(errors(full.findings)).toEqual([]);
  });
});

describe('target-completion tables without scores', () => {
  it('an unmet target still needs its reason; execrate-low applies; no score checks', () => {
    const rows = withRow(0, { actual: '800人次' });
    const r = run(standardTable({ rows, noScoreColumns: true, budget: [100, 100, 50, null, 0.5, null] }));
    expect(codes(r.findings, 'reason-missing').map((f) => f.cell)).toEqual(['G6']);
    expect(codes(r.findings, 'execrate-low')).toHaveLength(1);
    expect(codes(r.findings, 'score-mismatch')).toEqual([]);
  });
});

describe('claims the numbers contradict (claim-contradicts-budget)', () => {
  const claim = (name: string, actual: string) => run(standardTable({ rows: withRow(3, { name, target: '100%', actual }) })).findings;
  it('a spending rate must agree with the budget block (95 %)', () => {
    expect(codes(claim('资金支付进度', '100%'), 'claim-contradicts-budget')).toMatchObject([{ cell: 'F9', severity: 'warning', expected: 0.95, found: 1 }]);
    expect(codes(claim('资金支付进度', '95%'), 'claim-contradicts-budget')).toEqual([]);
    expect(codes(claim('资金使用率', '94.5%'), 'claim-contradicts-budget')).toEqual([]);
  });
  it('an allocation rate may run ahead of spending, not behind it', () => {
    expect(codes(claim('资金拨付率', '100%'), 'claim-contradicts-budget')).toEqual([]);
    expect(codes(claim('资金到位率', '80%'), 'claim-contradicts-budget')).toHaveLength(1);
  });
  it('other names are not claims about the money', () => {
    expect(codes(claim('验收合格率', '100%'), 'claim-contradicts-budget')).toEqual([]);
  });
});

describe('goals copied, not reported (goal-copied)', () => {
  it('word for word, blank result, blank goal, both blank; a result of its own is fine', () => {
    const kinds = [
      [withGoals('完成培训1000人次', '完成培训 1000人次'), 'F6', '逐字相同'],
      [withGoals('完成培训1000人次', null), 'F6', '实际完成情况为空'],
      [withGoals(null, '完成培训1020人次'), 'B6', '预期目标为空'],
      [withGoals(null, null), 'B6', '均为空'],
    ] as const;
    for (const [g, cell, words] of kinds) {
      const found = codes(run(g).findings, 'goal-copied');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ cell, severity: 'warning' });
      expect(found[0].message).toContain(words);
    }
    expect(codes(run(withGoals('完成培训1000人次', '全年培训1020人次，超额完成')).findings, 'goal-copied')).toEqual([]);
  });
});

test('a 项目名称 makes a project table even under a 单位名称 line', () => {
  const g = standardTable();
  g.values.unshift(['单位名称：某县农业农村局']);
  g.merges = g.merges.map((m) => ({ ...m, top: m.top + 1, bottom: m.bottom + 1 }));
  g.numberFormats = undefined;
  expect(findTables(g)[0].kind).toBe('project');
});

describe('direction in words (指标方向) beside 指标性质', () => {
  interface Change { nature: string; direction: string; target?: CellValue; actual?: CellValue; score?: CellValue }
  /** The standard table with 指标性质 | 指标方向 columns before 年度指标值 (正向 | 大于等于 unless changed). */
  const withDirection = (changes: Record<number, Change>): SheetGrid => {
    const g = standardTable();
    g.values = g.values.map((row, r) => {
      const copy = [...row];
      const i = r - FIRST_ROW;
      if (r === FIRST_ROW - 1) copy.splice(4, 0, '指标性质', '指标方向');
      else if (i >= 0 && i < 9) {
        const c = changes[i];
        copy.splice(4, 0, c?.nature ?? '正向', c?.direction ?? '大于等于');
        if (c?.target !== undefined) copy[6] = c.target;
        if (c?.actual !== undefined) copy[7] = c.actual;
        if (c?.score !== undefined) copy[9] = c.score;
      } else if (r > 3) copy.splice(4, 0, null, null);
      return copy;
    });
    g.numberFormats = undefined;
    g.merges = g.merges.map((m) => (m.right >= 4 && m.top >= FIRST_ROW ? { ...m, right: m.right + 2 } : m));
    return g;
  };
  it('小于等于 gives the operator: 280 against 300 at most is met', () => {
    const r = run(withDirection({ 4: { nature: '反向', direction: '小于等于', target: 300, actual: 280 } }));
    expect(r.tables[0].indicators[4]).toMatchObject({ score: 10, needsReason: false });
    expect(errors(r.findings)).toEqual([]);
  });
  it('正向 with 小于等于: a warning only where the two readings score differently, no error', () => {
    // 1 against 1: both readings give full marks — nothing to say (巴彦淖尔's row 12).
    const same = run(withDirection({ 1: { nature: '正向', direction: '小于等于', target: 1, actual: 1 } }));
    expect(codes(same.findings, 'direction-conflict')).toEqual([]);
    // 300 against 280: at most → met (10), at least → 9.33; the entered 10 follows one reading.
    const differ = run(withDirection({ 4: { nature: '正向', direction: '小于等于', target: 300, actual: 280, score: 10 } }));
    expect(codes(differ.findings, 'direction-conflict')).toMatchObject([{ cell: 'F10', severity: 'warning' }]);
    expect(errors(differ.findings)).toEqual([]);
    // An entered score that follows neither reading: still no score error, and the warning says so.
    const neither = run(withDirection({ 4: { nature: '正向', direction: '小于等于', target: 300, actual: 280, score: 5 } }));
    expect(codes(neither.findings, 'score-mismatch')).toEqual([]);
    expect(codes(neither.findings, 'direction-conflict')[0].message).toContain('得分未作判断');
  });
});
