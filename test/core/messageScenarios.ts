// Hand-built grids that between them trigger every finding code and every message branch the
// checker has (used by messages.test.ts to compare the zh and en runs).
import { gx130, mof2020, type RuleProfile } from '../../src/core/profile';
import type { CellValue, SheetGrid } from '../../src/core/types';
import { cleanRows, standardTable, withRow } from '../helpers/grids';

export interface Scenario {
  name: string;
  sheets: SheetGrid[];
  profile: RuleProfile;
}

const one = (name: string, sheet: SheetGrid, profile: RuleProfile = mof2020): Scenario => ({ name, sheets: [sheet], profile });

/** A table whose header lacks only the 得分 column (or only the 分值 column). */
function withoutColumn(title: '分值' | '得分'): SheetGrid {
  const g = standardTable();
  const col = g.values[4].indexOf(title);
  const values = g.values.map((r) => r.filter((_, c) => c !== col));
  const numberFormats = g.numberFormats!.map((r) => r.filter((_, c) => c !== col));
  return { ...g, values, numberFormats, merges: g.merges.map((m) => (m.right >= col ? { ...m, right: m.right - 1 } : m)) };
}

/** Every row broken at once: as many codes as one table can carry. */
function kitchenSink(): SheetGrid {
  const rows = cleanRows();
  rows[0] = ['产出指标(50分)', '数量指标', '培训人次', '≥1000人次', '800人次', 10, 10, '']; // score-mismatch + reason-missing
  rows[1] = [null, null, '覆盖社区数', 20, 30, 10, 12, '']; // over-target, score-exceeds-weight, reason-missing
  rows[2] = [null, '质量指标', '培训完成及时率', '≥95%', 98, 10, 10, '']; // category-mismatch, unit-mismatch (info)
  rows[3] = [null, '时效指标', '资金拨付及时率', '100%', '≥100%', 5, 5, '']; // actual-has-operator, weight-sum-mismatch
  rows[4] = [null, '成本指标', '人均培训成本', '≤300元', '350元', 10, null, '']; // score-mismatch (blank), reverse explanation
  rows[5] = ['效益指标(30分)', '社会效益指标', '群众知晓率', '按实', '92%', 10, 10, '']; // target-not-measurable
  rows[6] = [null, null, '制度建设', '建立', 5, 10, 10, '']; // value-unparseable (number vs text)
  rows[7] = [null, '可持续影响指标', '长效机制', '健全', '基本健全', 10, 9, '']; // score-out-of-band, reason-missing
  rows[8] = ['满意度指标(10分)', '服务对象满意度指标', '服务对象满意度', '≥90%', '详见附件', 10, 10, '']; // value-unparseable
  rows.push([null, null, '服务对象满意度', '90%（抽样）', '95%（抽样）', 0, 0, '']); // duplicate, number-with-note ×2, zero-weight
  rows.push([null, null, '', '≥90%', '95%', 5, 5, '']); // name-missing
  rows.push([null, null, '回访人数', null, null, null, null, '']); // target-missing, actual-missing, weight-missing, reason-missing
  rows.push([null, null, '回访次数', '≥100人次', '120次', 5, 5, '']); // unit-mismatch (warning)
  return standardTable({ rows, budget: [100, 100, 80, 10, 0.9, 9], total: [90, 80], grade: '良' });
}

const budget = (b: CellValue[], total: CellValue[] = [100, 99.5]) => standardTable({ budget: b, total });

/** The standard table with 其中 rows under its 年度资金总额 row. */
function withBudgetParts(total: CellValue[], parts: [string, ...CellValue[]][]): SheetGrid {
  const g = standardTable({ budget: total });
  g.values.splice(4, 0, ...parts.map(([label, ...v]) => [null, label, ...v]));
  return { ...g, numberFormats: undefined, merges: g.merges.map((m) => ({ ...m, top: m.top + parts.length, bottom: m.bottom + parts.length })) };
}

/** The standard table with a 年度总体目标 block (预期目标 | 实际完成情况) above its indicator header. */
export function withGoals(goal: CellValue, result: CellValue): SheetGrid {
  const g = standardTable();
  g.values.splice(4, 0, ['年度总体目标', '预期目标', null, null, null, '实际完成情况'], [null, goal, null, null, null, result]);
  return { ...g, numberFormats: undefined, merges: g.merges.map((m) => ({ ...m, top: m.top + 2, bottom: m.bottom + 2 })) };
}

export function scenarios(): Scenario[] {
  const shifted = cleanRows().map((r) => [r[0], r[1], r[2], r[3], r[4], null, null, 10] as typeof r);
  const dup = cleanRows();
  dup[2][2] = '培训人次';
  return [
    one('kitchen sink', kitchenSink()),
    one('clean', standardTable({ grade: '优' })),
    one('score-mismatch with reason', standardTable({ rows: withRow(0, { actual: '800人次', score: 10, reason: '疫情影响' }) })),
    one('score-mismatch blank score', standardTable({ rows: withRow(1, { score: null }) })),
    one('score-exceeds-weight', standardTable({ rows: withRow(1, { score: 12 }), total: [100, 101.5] })),
    one('reason-missing below target', standardTable({ rows: withRow(0, { actual: '800人次', score: 8 }), total: [100, 97.5] })),
    one('over-target', standardTable({ rows: withRow(1, { actual: 30 }) })),
    one('over-target gx130', standardTable({ rows: withRow(1, { actual: 40 }) }), gx130),
    one('over-target 调减 without reason', standardTable({ rows: withRow(1, { actual: 30, score: 9 }), total: [100, 98.5] })),
    one('partial tier', standardTable({ rows: withRow(7, { actual: '基本健全', score: 7 }), total: [100, 96.5] })),
    one('unmet tier', standardTable({ rows: withRow(6, { actual: '未建立', score: 0 }), total: [100, 89.5] })),
    one('met tier out of band', standardTable({ rows: withRow(6, { actual: '已建立', score: 5 }), total: [100, 94.5] })),
    one('actual-missing', standardTable({ rows: withRow(1, { actual: null }) })),
    one('score-out-of-band', standardTable({ rows: withRow(7, { actual: '基本健全', score: 9, reason: '部分完成' }), total: [100, 98.5] })),
    one('target-missing', standardTable({ rows: withRow(1, { target: null }) })),
    one('weight-missing', standardTable({ rows: withRow(1, { weight: null }) })),
    one('weight-missing unnamed', standardTable({ rows: withRow(1, { name: '', weight: null }) })),
    one('name-missing', standardTable({ rows: withRow(1, { name: '' }) })),
    one('zero-weight', standardTable({ rows: withRow(1, { weight: 0, score: 0 }) })),
    one('value-unparseable', standardTable({ rows: withRow(1, { actual: '详见附件' }) })),
    one('unit-mismatch', standardTable({ rows: withRow(0, { actual: '1020次' }) })),
    one('percent sign missing on the actual', standardTable({ rows: withRow(2, { actual: 98 }) })),
    one('percent sign missing on the target', standardTable({ rows: withRow(2, { target: 95, actual: '98%' }) })),
    one('actual-has-operator', standardTable({ rows: withRow(1, { actual: '≥20' }) })),
    one('number-with-note', standardTable({ rows: withRow(1, { actual: '20（含新建3个）' }) })),
    one('number-with-note on a range', standardTable({ rows: withRow(2, { target: '95%-98%（抽检）', actual: '97%' }) })),
    one('target-not-measurable', standardTable({ rows: withRow(1, { target: '按实' }) })),
    one('reverse below target', standardTable({ rows: withRow(4, { actual: '350元' }) })),
    one('exact off target', standardTable({ rows: withRow(1, { target: '=20', actual: 18 }) })),
    one('range below', standardTable({ rows: withRow(2, { target: '95%-98%', actual: '90%' }) })),
    one('range above', standardTable({ rows: withRow(2, { target: '95%-98%', actual: '99%', score: 10 }) })),
    one('duplicate-indicator', standardTable({ rows: dup })),
    one('category-mismatch', standardTable({ rows: withRow(2, { name: '培训完成及时率' }) })),
    one('columns-shifted', standardTable({ rows: shifted, total: [100, null] })),
    one('execrate-mismatch', budget([100, 100, 95, 10, 0.9, 9.5])),
    one('execscore-mismatch', budget([100, 100, 95, 10, 0.95, 10], [100, 100])),
    one('execrate-low', budget([100, 100, 80, 10, 0.8, 8], [100, 98])),
    one('execrate-over', budget([100, 100, 120, 10, 1.2, 10], [100, 100])),
    one('budget-missing warning', budget([100, null, 95, 10, 0.95, 9.5])),
    one('budget-missing error', budget([null, null, 95, 10, 0.95, 9.5])),
    one('budget zero', budget([0, 0, 95, 10, null, null])),
    one('budget executed blank', budget([100, 100, null, 10, null, null])),
    one('budget unparseable', budget([100, '待定', 95, 10, 0.95, 9.5])),
    one('budget with note', budget([3373.38, 8268.91, '6558.23（含公共专项2756.07）', 10, 0.7931, 7.93], [100, 97.43])),
    one('weight-sum-mismatch', standardTable({ rows: withRow(1, { weight: 5, score: 5 }), total: [100, 94.5] })),
    one('weight-total-mismatch', standardTable({ total: [90, 99.5] })),
    one('total-mismatch', standardTable({ total: [100, 98] })),
    one('grade-mismatch', standardTable({ grade: '良' })),
    one('not-scorable', standardTable({ noScoreColumns: true })),
    one('not-scorable without 得分', withoutColumn('得分')),
    one('not-scorable without 分值', withoutColumn('分值')),
    { name: 'two sheets', sheets: [standardTable({ sheet: '表一', grade: '良' }), standardTable({ sheet: '表二', total: [100, 98] })], profile: mof2020 },
    { name: 'no table', sheets: [{ name: '说明', values: [['这里没有自评表']], merges: [] }], profile: mof2020 },
    // RULES §7 and cells as they are.
    one('budget-breakdown-mismatch', withBudgetParts([0, 0, 0, 10, 0, 0], [['其中：当年财政拨款', 100, 100, 95], ['其他资金', 5, 5, 0]])),
    one('budget-breakdown differing total', withBudgetParts([100, 100, 95, 10, 0.95, 9.5], [['其中：当年财政拨款', 90, 90, 90]])),
    one('weight-off-standard', standardTable({ budget: [100, 100, 95, 20, 0.95, 19], total: [110, 109] })),
    one('placeholder reason', standardTable({ rows: withRow(0, { actual: '800人次', score: 8, reason: '无' }), total: [100, 97.5] })),
    one('deadline late', standardTable({ rows: withRow(3, { target: '9月前', actual: '2023年10月', score: 10, reason: '' }) })),
    { name: 'table-not-recognized', sheets: [{ name: '绩效表', merges: [], values: [['一级指标', '三级指标', '指标值', '分值'], ['产出', '人次', 10, 10]] }], profile: mof2020 },
    { name: 'scoring sheet', sheets: [{ name: '评分', merges: [], values: [['一级指标', '分值', '评分标准'], ['产出', 10, '满分']] }], profile: mof2020 },
    one('cell-error', standardTable({ rows: withRow(1, { score: '#DIV/0!' }), total: [100, 89.5] })),
    one('formula-not-calculated', { ...standardTable({ rows: withRow(1, { score: null }) }), formulasWithoutValue: [[6, 7]] }),
    one('total-missing', standardTable({ total: [100, null] })),
    // Issue 7 follow-ups.
    one('actual-not-numeric', standardTable({ rows: withRow(4, { actual: '完成' }) })),
    one('actual-not-numeric partial', standardTable({ rows: withRow(0, { actual: '基本完成', score: 7, reason: '疫情影响' }), total: [100, 96.5] })),
    one('column-assumed', (() => {
      const g = standardTable();
      const header = g.values[4];
      header[header.indexOf('分值')] = '标准分';
      return g;
    })()),
    one('claim-contradicts-budget', standardTable({ rows: withRow(3, { name: '资金支付进度', target: '100%', actual: '100%' }) })),
    one('goal-copied', withGoals('完成社区培训1000人次', '完成社区培训1000人次')),
    one('direction-conflict', (() => {
      const g = standardTable();
      g.values = g.values.map((row, r) => {
        const copy = [...row];
        if (r === 4) copy.splice(4, 0, '指标性质', '指标方向');
        else if (r === 9) copy.splice(4, 0, '正向', '小于等于');
        else if (r > 4 && r < 14) copy.splice(4, 0, '正向', '大于等于');
        else if (r > 3) copy.splice(4, 0, null, null);
        return copy;
      });
      g.values[9][6] = 300;
      g.values[9][7] = 280;
      g.numberFormats = undefined;
      g.merges = g.merges.map((m) => (m.right >= 4 && m.top >= 5 ? { ...m, right: m.right + 2 } : m));
      return g;
    })()),
    one('execution-counted-twice', standardTable({ rows: withRow(4, { name: '预算执行率', target: '≥90%', actual: '95%' }) })),
    one('header total mismatch', (() => {
      const g = standardTable();
      return { ...g, numberFormats: undefined, values: g.values.map((r, i) => (i === 1 ? [...r, null, '自评总分(分)', 98] : r)) };
    })()),
    one('date-formatted money', standardTable({ budget: [100, 100, 45260, 10, 0.95, 9.5], formats: { '3,4': 'yyyy/m/d' } })),
  ];
}
